# The zoo's `fcsr-gfc-fsrnet-x4`, second leg: the joint stage (FCSR-GAN §3.2's last step, every term of
# fcsr_cpu_gfc-fsrnet_x4_synthfaces.py) continued from that recipe's final generator, the Table 6 row kept in
# benchmarks/weights/fcsr_cpu_gfc-fsrnet_x4, with a fresh optimiser, a fresh critic and a second cosine cycle (a
# warm restart). The first leg alone is the Table 6 row (equal budget for every row); the alias gets this second
# leg because the first left its SSIM 0.003 below inpaint+bicubic's (docs/model-zoo.md, "FCSR-GAN compounds").
_base_ = ["./fcsr_cpu_gfc-fsrnet_x4_synthfaces.py"]
load_from = "benchmarks/weights/fcsr_cpu_gfc-fsrnet_x4"
max_iters = 1200
model = dict(stages=dict(_delete_=True, joint={{_base_.model.stages.joint}}))
optim_wrapper = dict(generator=dict(optimizer=dict(lr=2e-4)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
