# FSRNet alone, ×4 (LR 32² upsampled to 128²): the ×8 config at another scale (FSRNet itself is scale-agnostic).
_base_ = ["./fsrnet_fsrnet_x8_synthfaces.py"]
scale = 4
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
