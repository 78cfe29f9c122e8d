# JDSR-GAN Table II "CBD+FSRGAN" (JDSR-GAN (preprint) Table 3): CBDNet then FSRGAN, each trained on its own task, the
# sequential baseline of configs/jdsr/. CBDNet (no channel attention) de-masks the upsampled masked face with its
# own objective (asymmetric + TV noise terms, L1 reconstruction), then FSRNet learns clean LR → HR as FSRGAN:
# MSE on the coarse and final faces, the face-prior loss, 0.1 perceptual and 1e-3 adversarial
# (docs/architecture-notes.md §5; the same WGAN-GP critic as JDSR-GAN), with CBDNet frozen and skipped.
_base_ = ["../jdsr/jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"]
model = dict(
    generator=dict(completion=dict(channel_attention=False), sr=dict(channel_attention=False)),
    stages=dict(
        joint=None,
        denoise=dict(
            iters=100_000,
            parts=["completion"],
            losses=dict(
                asymmetric=dict(type="AsymmetricLoss", weight=0.5, alpha=0.3, pred="noise_map", target="noise_gt_up"),
                noise_tv=dict(type="NoiseTVLoss", weight=0.05, pred="noise_map"),
                pixel_lr=dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt_up"),
            ),
        ),
        sr=dict(
            parts=["sr"],
            skip=["completion"],
            inputs=dict(lr="lr_gt", mask=None),
            losses=dict(
                coarse=dict(type="PixelLoss", criterion="l2", pred="sr_coarse", target="hr_gt"),
                pixel_sr=dict(type="PixelLoss", criterion="l2", pred="sr", target="hr_gt"),
                face_prior=dict(type="FacePriorLoss", weight=1),
                perceptual_sr=dict(type="PerceptualLoss", weight=0.1, pred="sr", target="hr_gt"),
                adversarial=dict(type="AdversarialLoss", gan_type="wgan", weight=1e-3),
            ),
        ),
    ),
)
