# FCSR-GAN (002) with PConv (at the true LR, 002 eq. 1–3) + SRResNet (BasicSR MSRResNet flavour), ×4,
# published widths, two-stage training (002 §3.2, Fig. 2). Needs ImageNet VGG16 weights for the perceptual
# and style terms (see docs/training.md); the adversarial term of eq. 11 arrives with the discriminators.
_base_ = ["./_base_/synthfaces_runtime.py"]
scale = 4
lr_size = 128 // scale

_fc_losses = [  # L_fc, 002 eq. 10 with the paper's weights (λ¹ = 10, λ² = 0.1, λ³ = 0.1, λ⁴ = 1)
    dict(type="StyleLoss", weight=10, pred="lr_restored", target="lr_gt"),
    dict(type="StyleLoss", weight=10, pred="lr_composite", target="lr_gt"),
    dict(type="PerceptualLoss", weight=0.1, pred="lr_restored", target="lr_gt"),
    dict(type="PerceptualLoss", weight=0.1, pred="lr_composite", target="lr_gt"),
    dict(type="PixelLoss", weight=0.1, pred="lr_composite", target="lr_gt"),
    dict(type="SmoothLoss", weight=1, pred="lr_composite"),
]
_sr_losses = [  # L_sr, 002 eq. 11 without L_adv and L_fp (SRResNet predicts no face prior)
    dict(type="PerceptualLoss", weight=0.01, pred="sr", target="hr_gt"),
    dict(type="PixelLoss", weight=1, pred="sr", target="hr_gt"),
    dict(type="SmoothLoss", weight=0.01, pred="sr"),
]
model = dict(
    type="FaceRestorer",
    generator=dict(
        type="CompoundGenerator",
        completion=dict(type="PConvUNet", input_size=lr_size),
        sr=dict(type="SRResNet", scale=scale),
    ),
    stages=[
        dict(name="completion", iters=100_000, parts=["completion"], losses=_fc_losses),
        dict(name="joint", losses=_fc_losses + _sr_losses),  # eq. 12: L_total = L_fc + L_sr
    ],
)
train_cfg = dict(type="IterBasedTrainLoop", max_iters=300_000, val_interval=5000)
param_scheduler = dict(type="CosineAnnealingLR", T_max=300_000, eta_min=1e-7, by_epoch=False)
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
