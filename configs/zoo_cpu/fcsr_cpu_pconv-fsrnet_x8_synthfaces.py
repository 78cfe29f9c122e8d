# The zoo's `fcsr-pconv-fsrnet-x8`: fcsr_cpu_pconv-fsrnet_x4_synthfaces.py at ×8 (PConv completes the 16² LR face).
_base_ = ["./fcsr_cpu_pconv-fsrnet_x4_synthfaces.py"]
scale = 8
model = dict(generator=dict(completion=dict(input_size=128 // scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
