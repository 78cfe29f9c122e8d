# `jdsr-x8`'s seventh leg (jdsr_cpu_x8_synthfaces_leg7.py) at CBDNet-CA's width of the first six legs, 16: what
# the stronger occluded-region L1 term and the masks do without the wider de-masking network.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg7.py"]
load_from_widen = False
max_iters = 1500
model = dict(generator=dict(completion=dict(width=16)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
