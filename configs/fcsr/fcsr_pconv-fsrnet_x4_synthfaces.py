# FCSR-GAN Table 6 row: PConv + FSRNet (heavy prior), ×4; the paper's widths and schedule
# (configs/_base_/fcsr_gan.py). Completion at the true LR (FCSR-GAN eq. 1–3).
_base_ = ["../_base_/fcsr_fsrnet.py"]
scale = 4
model = dict(generator=dict(completion=dict(type="PConvUNet", input_size=128 // scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
