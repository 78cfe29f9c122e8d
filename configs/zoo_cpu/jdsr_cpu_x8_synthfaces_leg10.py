# The zoo's `jdsr-x8`, tenth leg: the ninth leg's weights (jdsr_cpu_x8_synthfaces_leg9.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg9) trained on for 1,000 × 8, a fresh optimiser and critic, on the same masks, with
# the smooth term of eq. 17 on the SR face at 0.2 instead of 0.01: after nine legs a 1-px checkerboard of FSRNet-CA's
# light prior (its stride-2 transposed convolution) covers the whole output at 14× the ground truth's power at that
# frequency, and an alternation of neighbours is what the total variation penalises most (docs/model-zoo.md, JDSR-GAN).
_base_ = ["./jdsr_cpu_x8_synthfaces_leg9.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg9"
max_iters = 1000
model = dict(stages=dict(joint=dict(losses=dict(smooth_sr=dict(weight=0.2)))))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
