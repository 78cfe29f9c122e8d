# FCSR-GAN Fig. 7 "Baseline2": SR then face completion, each module trained on its own task (FCSR-GAN §4.3.2):
# SRResNet learns clean LR → HR with L_sr, then GFC (at 128²) completes occluded HR faces with L_fc moved to HR.
# At test time SRResNet super-resolves the occluded LR face and GFC completes the result.
_base_ = ["../fcsr/fcsr_gfc-srresnet_x4_synthfaces.py"]
_hr = dict(pred="hr_restored", target="hr_gt")
_composite = dict(pred="sr", target="hr_gt")
model = dict(
    generator=dict(order="sr_first", completion=dict(input_size=128)),
    stages=dict(
        completion=None,
        sr=dict(iters=100_000, skip=["completion"], inputs=dict(lr="lr_gt", mask=None)),
        joint=None,
        hr_completion=dict(  # L_fc (FCSR-GAN eq. 10) on the 128² completion of the occluded HR face
            parts=["completion"],
            inputs=dict(lr="hr_occluded", mask="mask_hr"),
            losses=dict(
                style_restored=dict(type="StyleLoss", weight=10, **_hr),
                style_composite=dict(type="StyleLoss", weight=10, **_composite),
                perceptual_restored=dict(type="PerceptualLoss", weight=0.1, **_hr),
                perceptual_composite=dict(type="PerceptualLoss", weight=0.1, **_composite),
                pixel_hr=dict(type="PixelLoss", weight=0.1, **_composite),
                smooth_hr=dict(type="SmoothLoss", weight=1, pred="sr"),
            ),
        ),
    ),
)
