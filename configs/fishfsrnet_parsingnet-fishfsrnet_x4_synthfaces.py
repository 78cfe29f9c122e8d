# FishFSRNet ×4 (LR 32²) with its ParsingNet: the ×8 config's two-step schedule at another scale.
_base_ = ["./fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
scale = 4
model = dict(generator=dict(sr=dict(scale=scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
