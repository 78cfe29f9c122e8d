# JDSR-GAN (both versions): CBDNet-CA de-masks the bicubic-upsampled 128² face, FSRNet-CA super-resolves it, and one
# joint objective trains both, L_total = L_de + L_fsr (eq. 16–18), with every term and weight of the paper and a
# WGAN-GP critic (eq. 7, η = 0.1). The denoiser runs at 128²: with it the generator + critic reproduce the
# reported 36.7 M / 51.5 G (docs/complexity.md). Training occlusions are procedural face masks (§IV-A).
#
# Needs ImageNet VGG16 weights (style, perceptual) and weights for the identity network CNN_E (JDSR-GAN (preprint)
# Table 1), which were never published: set model.stages.joint.losses.identity.weights (docs/joint-gans.md).
_base_ = ["./synthfaces_runtime.py"]
data_root = "../shared/data/synthfaces-128"

_de_losses = dict(  # L_de, eq. 16: λ¹..λ⁶ = 0.5, 0.05, 10, 0.1, 1, 1, on the 128² de-masked face
    asymmetric=dict(type="AsymmetricLoss", weight=0.5, alpha=0.3, pred="noise_map", target="noise_gt_up"),  # eq. 8
    noise_tv=dict(type="NoiseTVLoss", weight=0.05, pred="noise_map"),  # eq. 9
    style_lr=dict(type="StyleLoss", weight=10, pred="lr_restored", target="lr_gt_up"),  # eq. 13
    perceptual_lr=dict(type="PerceptualLoss", weight=0.1, pred="lr_restored", target="lr_gt_up"),  # eq. 11
    pixel_lr=dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt_up"),  # eq. 10, L1
    smooth_lr=dict(type="SmoothLoss", weight=1, pred="lr_restored"),  # eq. 12
)
_fsr_losses = dict(  # L_fsr, eq. 17: λ¹..λ⁶ = 1, 0.1, 1, 0.01, 1, 1e-3
    face_prior=dict(type="FacePriorLoss", weight=1),  # eq. 14, μ = 1, ν = 0.1
    perceptual_sr=dict(type="PerceptualLoss", weight=0.1, pred="sr", target="hr_gt"),
    pixel_sr=dict(type="PixelLoss", weight=1, pred="sr", target="hr_gt"),
    smooth_sr=dict(type="SmoothLoss", weight=0.01, pred="sr"),
    identity=dict(type="IdentityLoss", weight=1, network=dict(type="JDSRIdentityNet"), pred="sr", target="hr_gt"),
    adversarial=dict(type="AdversarialLoss", gan_type="wgan", weight=1e-3),  # eq. 7, generator side
)
model = dict(
    type="FaceRestorer",
    generator=dict(
        type="CompoundGenerator",
        completion=dict(type="CBDNet", input_size=128, channel_attention=True),
        completion_at="upsampled",
        blend=False,  # JDSR-GAN is blind to the mask: its output is the de-masked face itself
        sr=dict(type="FSRNet", channel_attention=True, num_landmarks=68, num_parsing=11),
    ),
    # "The structure of our discriminator is the same as that in WGAN-GP" (JDSR-GAN (preprint) §3.1): no normalisation,
    # and the SRGAN/VGG-style layout whose size reproduces the reported totals (docs/architecture-notes.md §2.4, §2.7).
    discriminator=dict(type="SRGANDiscriminator", norm="none"),
    gradient_penalty=dict(weight=0.1),  # η = 0.1 (eq. 7)
    n_critic=5,  # WGAN-GP's; the paper does not say
    stages=dict(joint=dict(losses=dict(**_de_losses, **_fsr_losses))),
)
# WGAN-GP's Adam (lr 1e-4, β = (0, 0.9)); JDSR-GAN gives no optimiser settings for the joint training.
_adam = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-4, betas=(0.0, 0.9)))
optim_wrapper = dict(_delete_=True, constructor="GANOptimWrapperConstructor", generator=_adam, discriminator=_adam)
# Procedural face masks (JDSR-GAN §IV-A) for training and evaluation alike, with the prior ground truth.
_data = dict(
    mask=dict(_delete_=True, type="FaceMaskOcclusion"),
    landmarks=data_root + "/landmarks.npz",
    priors=dict(heatmap_size=64, parsing_size=64),
)
train_dataloader = dict(batch_size=16, dataset=_data)
val_dataloader = dict(dataset=_data)
test_dataloader = dict(dataset=_data)
train_cfg = dict(type="IterBasedTrainLoop", max_iters=200_000, val_interval=5000)
param_scheduler = dict(type="CosineAnnealingLR", T_max=200_000, eta_min=1e-7, by_epoch=False)
