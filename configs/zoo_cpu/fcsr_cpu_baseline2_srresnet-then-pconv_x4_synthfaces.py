# FCSR-GAN Fig. 7 "Baseline2" at the zoo's width and budget: SR then face completion, each module trained on its own
# task (FCSR-GAN §4.3.2). The modules, terms and 3,000 iterations × batch 8 of `fcsr-pconv-srresnet-x4`
# (fcsr_cpu_pconv-srresnet_x4_synthfaces.py): SRResNet learns clean LR → HR for 1,500 iterations, then PConv (at
# 128²) completes occluded HR faces for 1,500, its L_fc terms moved to HR. At test time SRResNet super-resolves the
# occluded LR face and PConv completes the result.
_base_ = ["./fcsr_cpu_pconv-srresnet_x4_synthfaces.py"]
_hr = dict(pred="hr_restored", target="hr_gt", mask="mask_hr")
model = dict(
    generator=dict(order="sr_first", completion=dict(input_size=128)),
    stages=dict(
        completion=None,
        sr=dict(iters=1500, skip=["completion"], inputs=dict(lr="lr_gt", mask=None)),
        joint=None,
        hr_completion=dict(
            parts=["completion"],
            inputs=dict(lr="hr_occluded", mask="mask_hr"),
            losses=dict(
                pixel_valid=dict(type="PixelLoss", weight=1, region="valid", **_hr),
                pixel_hole=dict(type="PixelLoss", weight=6, region="hole", **_hr),
                smooth_hr=dict(type="SmoothLoss", weight=0.1, pred="sr"),
            ),
        ),
    ),
)
