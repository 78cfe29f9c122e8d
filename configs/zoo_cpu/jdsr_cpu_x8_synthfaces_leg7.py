# The zoo's `jdsr-x8`, seventh leg: the sixth leg's weights (jdsr_cpu_x8_synthfaces_leg6.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg6) in a CBDNet-CA of width 24 instead of 16, started so that it computes
# exactly what the sixth leg did (load_from_widen: the new channels are read with weight zero until training moves
# them), trained on for 1,750 × 8 with the L1 term on the de-masked face's occluded region at 12 instead of 6,
# on masks patterned four times in five. After six legs CBDNet-CA's de-masked face still held high-contrast checks,
# recoloured, and where they reach the eyes at 16² FSRNet-CA drew them as a dark smudge (docs/model-zoo.md,
# JDSR-GAN); the same leg at width 16 (jdsr_cpu_x8_synthfaces_leg7_w16.py) tells what the width adds.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg6.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg6"
load_from_widen = True
max_iters = 1750
model = dict(
    generator=dict(completion=dict(width=24)),
    stages=dict(joint=dict(losses=dict(pixel_hole=dict(weight=12)))),
)
train_dataloader = dict(dataset=dict(mask=dict(patterned=0.8)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
