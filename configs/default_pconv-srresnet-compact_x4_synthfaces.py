# The embedded default model (`facerestore restore` with no --model): a compact PConv + SRResNet ×4 that
# trains on 2 CPU cores in about an hour. FCSR-GAN's two-stage schedule (FCSR-GAN §3.2) with the terms that need
# no pretrained network: L1 pixel terms (PConv's hole/valid weights 6/1 for the completion) and smooth (TV-L1).
_base_ = ["./_base_/synthfaces_runtime.py"]
scale = 4
max_iters = 5000

_fc_losses = [
    dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt", region="valid"),
    dict(type="PixelLoss", weight=6, pred="lr_restored", target="lr_gt", region="hole"),
    dict(type="SmoothLoss", weight=0.1, pred="lr_composite"),
]
_sr_losses = [
    dict(type="PixelLoss", weight=1, pred="sr", target="hr_gt"),
    dict(type="SmoothLoss", weight=0.01, pred="sr"),
]
_joint_losses = _fc_losses + _sr_losses
model = dict(
    type="FaceRestorer",
    memory_format="channels_last",  # 1.39x training samples/s on the joint stage here (docs/benchmarks.md)
    generator=dict(
        type="CompoundGenerator",
        completion=dict(type="PConvUNet", input_size=128 // scale, base_channels=32),
        sr=dict(type="SRResNet", scale=scale, num_feat=32, num_block=8),
    ),
    stages=[
        dict(name="completion", iters=1000, parts=["completion"], losses=_fc_losses),
        dict(name="joint", losses=_joint_losses),
    ],
)
train_cfg = dict(type="IterBasedTrainLoop", max_iters=max_iters, val_interval=1000)
param_scheduler = dict(type="CosineAnnealingLR", T_max=max_iters, eta_min=1e-6, by_epoch=False)
