# The zoo's `jdsr-x8`: the `jdsr-x4` recipe (jdsr_cpu_x4_synthfaces.py) at ×8.
_base_ = ["./jdsr_cpu_x4_synthfaces.py"]
scale = 8
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
