# The zoo's `jdsr-x8`, fifth leg: the fourth leg's weights (jdsr_cpu_x8_synthfaces_leg4.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg4) trained on for 1,500 × 8 more, a fresh optimiser and critic, on training masks
# patterned seven times in ten whose two colours differ in luma by at least 60 of 255, with one more term: L1 5 on
# the SR face restricted to the occluded region (the true mask is a training target only: the model stays blind), so
# that the occluded region of the output itself, not only of the de-masked face, weighs 6 in L1. After the fourth leg
# only high-contrast checks still showed through at ×8, as dark and light blotches (docs/model-zoo.md, JDSR-GAN);
# the same leg without the new term removed less of them (docs/model-zoo.md).
_base_ = ["./jdsr_cpu_x8_synthfaces_leg4.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg4"
max_iters = 1500
model = dict(
    stages=dict(
        joint=dict(
            losses=dict(pixel_hole_sr=dict(type="PixelLoss", weight=5, pred="sr", target="hr_gt", region="hole"))
        )
    )
)
train_dataloader = dict(dataset=dict(mask=dict(patterned=0.7, contrast=60)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
