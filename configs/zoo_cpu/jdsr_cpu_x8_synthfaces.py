# The zoo's `jdsr-x8`: the `jdsr-x4` recipe at ×8 (its second leg, jdsr_cpu_x4_synthfaces_leg2.py, with the
# identity term at 0.01), started from the trained `jdsr-x4` (zoo/jdsr-x4). JDSR-GAN's networks take any LR size
# (CBDNet-CA works on the bicubic-upsampled 128² face), so every tensor fits; EDSR (§3.3) starts ×3 and ×4 from
# ×2 the same way. Only the data's scale and the schedule differ.
_base_ = ["./jdsr_cpu_x4_synthfaces_leg2.py"]
load_from = "zoo/jdsr-x4"
scale = 8
max_iters = 1000
_adam = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=2e-4, betas=(0.5, 0.99)))
optim_wrapper = dict(generator=_adam, discriminator=_adam)
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
