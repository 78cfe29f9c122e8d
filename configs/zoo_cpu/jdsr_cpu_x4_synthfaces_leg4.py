# The zoo's `jdsr-x4`, fourth leg: the third leg's weights (jdsr_cpu_x4_synthfaces_leg3.py, kept as
# benchmarks/weights/jdsr_cpu_x4_leg3) trained on for 1,200 × 8, a fresh optimiser and critic, with what made
# `jdsr-x8`'s leftover checks fainter (jdsr_cpu_x8_synthfaces_leg5.py to _leg8.py): an L1 term on the SR face's
# occluded region (10), the de-masked face's at 12 instead of 6, and the hardest masks only (patterned nine times
# in ten, two colours at least 80 apart in luma). After three legs faint shadows of high-contrast check cells
# remained in the fill (docs/model-zoo.md, JDSR-GAN).
_base_ = ["./jdsr_cpu_x4_synthfaces_leg3.py"]
load_from = "benchmarks/weights/jdsr_cpu_x4_leg3"
max_iters = 1200
model = dict(
    stages=dict(
        joint=dict(
            losses=dict(
                pixel_hole=dict(weight=12),
                pixel_hole_sr=dict(type="PixelLoss", weight=10, pred="sr", target="hr_gt", region="hole"),
            )
        )
    )
)
train_dataloader = dict(dataset=dict(mask=dict(patterned=0.9, contrast=80)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
