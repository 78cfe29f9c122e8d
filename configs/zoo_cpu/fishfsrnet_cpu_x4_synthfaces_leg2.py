# The zoo's `fishfsrnet-x4`, second leg: the `fishfsrnet-x8` second leg (fishfsrnet_cpu_x8_synthfaces_leg2.py) at
# ×4, continued from the first ×4 leg's final model (fishfsrnet_cpu_x4_synthfaces.py).
_base_ = ["./fishfsrnet_cpu_x8_synthfaces_leg2.py"]
load_from = "work_dirs/fishfsrnet_cpu_x4_synthfaces/model"
scale = 4
max_iters = 1100
model = dict(generator=dict(sr=dict(scale=scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
param_scheduler = dict(T_max=max_iters)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
