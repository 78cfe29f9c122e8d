# The zoo's `jdsr-x8`, ninth leg: the eighth leg's weights (jdsr_cpu_x8_synthfaces_leg8.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg8) trained on for 2,000 × 8, a fresh optimiser and critic, on the eighth leg's
# hardest masks, with the L1 term on the SR face's occluded region at 20 instead of 10: the eighth leg (that term
# from 5 to 10) was the only leg that made the eye-line smudge of high-contrast checks fainter, and a dark mark
# under an eye remained (docs/model-zoo.md, JDSR-GAN).
_base_ = ["./jdsr_cpu_x8_synthfaces_leg8.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg8"
max_iters = 2000
model = dict(stages=dict(joint=dict(losses=dict(pixel_hole_sr=dict(weight=20)))))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
