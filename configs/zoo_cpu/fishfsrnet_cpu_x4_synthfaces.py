# The zoo's `fishfsrnet-x4`: the `fishfsrnet-x8` recipe (fishfsrnet_cpu_x8_synthfaces.py) at ×4.
_base_ = ["./fishfsrnet_cpu_x8_synthfaces.py"]
scale = 4
parsing_iters = 300
max_iters = parsing_iters + 1600
model = dict(generator=dict(sr=dict(scale=scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
param_scheduler = dict(T_max=max_iters - parsing_iters, end=max_iters)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
