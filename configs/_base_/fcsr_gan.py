# FCSR-GAN: what its compound generators share. Rows of Table 6 set the generator, the scale and, with
# FSRNet, the face-prior data and loss (configs/fcsr/). Needs ImageNet VGG16 weights for the perceptual and style
# terms (docs/joint-gans.md says how to provide them).
#
# Schedule (FCSR-GAN §3.2, Fig. 2): stage 1 pre-trains the FC module with L_fc (eq. 10); stage 2 first fixes it and
# trains the SR module with L_sr (eq. 11), then trains the whole network with L_total = L_fc + L_sr (eq. 12).
# Stages and losses are dicts so that the ablations (configs/fcsr/table5/) drop or change them by name.
_base_ = ["./synthfaces_runtime.py"]

_fc_losses = dict(  # L_fc, FCSR-GAN eq. 10 (λ¹ = 10, λ² = 0.1, λ³ = 0.1, λ⁴ = 1), on the completed LR face
    style_restored=dict(type="StyleLoss", weight=10, pred="lr_restored", target="lr_gt"),
    style_composite=dict(type="StyleLoss", weight=10, pred="lr_composite", target="lr_gt"),
    perceptual_restored=dict(type="PerceptualLoss", weight=0.1, pred="lr_restored", target="lr_gt"),
    perceptual_composite=dict(type="PerceptualLoss", weight=0.1, pred="lr_composite", target="lr_gt"),
    pixel_lr=dict(type="PixelLoss", weight=0.1, pred="lr_composite", target="lr_gt"),
    smooth_lr=dict(type="SmoothLoss", weight=1, pred="lr_composite"),
)
_sr_losses = dict(  # L_sr, FCSR-GAN eq. 11 (λ¹ = 1e-3, λ³ = 0.01, λ⁴ = 1, λ⁵ = 0.01); the FSRNet rows add λ² L_fp
    adversarial=dict(type="AdversarialLoss", gan_type="vanilla", weight=1e-3),  # eq. 4
    perceptual_sr=dict(type="PerceptualLoss", weight=0.01, pred="sr", target="hr_gt"),
    pixel_sr=dict(type="PixelLoss", weight=1, pred="sr", target="hr_gt"),
    smooth_sr=dict(type="SmoothLoss", weight=0.01, pred="sr"),
)
model = dict(
    type="FaceRestorer",
    generator=dict(type="CompoundGenerator"),
    discriminator=dict(type="PatchGANDiscriminator", ndf=64, n_layers=3),  # "same as Patch-GAN" (FCSR-GAN §3.1.1)
    stages=dict(
        completion=dict(iters=100_000, parts=["completion"], losses=_fc_losses),
        sr=dict(iters=50_000, parts=["sr"], losses=_sr_losses),
        joint=dict(losses=dict(**_fc_losses, **_sr_losses)),
    ),
)
# Adam as in the FCSR-GAN code: lr 1e-4, β = (0.5, 0.999), batch 8 (docs/architecture-notes.md §3.7).
_adam = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-4, betas=(0.5, 0.999)))
optim_wrapper = dict(_delete_=True, constructor="GANOptimWrapperConstructor", generator=_adam, discriminator=_adam)
train_dataloader = dict(batch_size=8)
train_cfg = dict(type="IterBasedTrainLoop", max_iters=300_000, val_interval=5000)
param_scheduler = dict(type="CosineAnnealingLR", T_max=300_000, eta_min=1e-7, by_epoch=False)
