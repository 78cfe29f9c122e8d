# FCSR-GAN's central claim in miniature (FCSR-GAN Fig. 7, Table 5): the compact PConv + SRResNet ×4 of the default
# model trained jointly, as in FCSR-GAN (500 completion iterations, then 1000 of L_fc + L_sr on every part),
# batch 8, seed 0. Its sequential twin is fcsr_mini-sequential_x4_synthfaces.py. Minutes on 2 cores.
_base_ = ["../default_pconv-srresnet-compact_x4_synthfaces.py"]
max_iters = 1500
model = dict(
    stages=[  # a list replaces the base's whole list
        dict(name="completion", iters=500, parts=["completion"], losses={{_base_._fc_losses}}),
        dict(name="joint", losses={{_base_._joint_losses}}),
    ]
)
train_dataloader = dict(batch_size=8)
# test/10000–10199, the CPU protocol of docs/architecture-notes.md §7
test_dataloader = dict(dataset=dict(max_samples=200))
val_dataloader = dict(dataset=dict(max_samples=100))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = None  # constant learning rate, so every stage of both runs learns at the same rate
default_hooks = dict(checkpoint=dict(interval=500, save_best=None), logger=dict(interval=50))
