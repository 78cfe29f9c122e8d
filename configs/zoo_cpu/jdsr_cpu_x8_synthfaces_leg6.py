# The zoo's `jdsr-x8`, sixth leg: the fifth leg's weights (jdsr_cpu_x8_synthfaces_leg5.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg5) trained on with the same recipe for 1,000 × 8 more, a fresh optimiser and
# critic: after the fifth leg a dark smudge still sat on the eye line of some faces whose high-contrast checks reach
# the eyes at 16² (docs/model-zoo.md, JDSR-GAN).
_base_ = ["./jdsr_cpu_x8_synthfaces_leg5.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg5"
max_iters = 1000
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
