# FCSR-GAN PConv + SRResNet at ×8 (LR 16², PConv 4 layers): the ×4 config at another scale.
_base_ = ["./fcsr_pconv-srresnet_x4_synthfaces.py"]
scale = 8
model = dict(generator=dict(completion=dict(input_size=128 // scale), sr=dict(scale=scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
