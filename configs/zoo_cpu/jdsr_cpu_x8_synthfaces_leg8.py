# The zoo's `jdsr-x8`, eighth leg: the seventh leg's weights (jdsr_cpu_x8_synthfaces_leg7.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg7) trained on for 1,600 × 8, a fresh optimiser and critic, on the hardest masks
# only: patterned nine times in ten with two colours at least 80 apart in luma, and with the L1 term on the SR face's
# occluded region at 10 instead of 5. After seven legs a dark smudge sat on the eye line where high-contrast checks
# reach the eyes at 16² (docs/model-zoo.md, JDSR-GAN), drawn by FSRNet-CA from the checks CBDNet-CA leaves.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg7.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg7"
max_iters = 1600
model = dict(stages=dict(joint=dict(losses=dict(pixel_hole_sr=dict(weight=10)))))
train_dataloader = dict(dataset=dict(mask=dict(patterned=0.9, contrast=80)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
