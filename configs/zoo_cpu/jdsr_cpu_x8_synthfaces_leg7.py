# The zoo's `jdsr-x8`, seventh leg: the sixth leg's weights (jdsr_cpu_x8_synthfaces_leg6.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg6) trained on for 1,500 × 8, a fresh optimiser and critic, with the L1 term on
# the de-masked face's occluded region at 12 instead of 6, on masks patterned four times in five (lumas at least 60
# apart). After six legs CBDNet-CA's de-masked face still held high-contrast checks, recoloured, and where they reach
# the eyes at 16² FSRNet-CA drew them as a dark smudge (docs/model-zoo.md, JDSR-GAN). The same leg with CBDNet-CA
# widened to 24 (jdsr_cpu_x8_synthfaces_leg7_w24.py, run side by side) gained 0.06 dB and was not kept.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg6.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg6"
max_iters = 1500
model = dict(stages=dict(joint=dict(losses=dict(pixel_hole=dict(weight=12)))))
train_dataloader = dict(dataset=dict(mask=dict(patterned=0.8)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
