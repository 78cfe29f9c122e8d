# JDSR-GAN Table II "CBD+FSRGAN" ×8: configs/baselines/jdsr_baseline_cbdnet-then-fsrgan_x4_synthfaces.py at ×8.
_base_ = ["./jdsr_baseline_cbdnet-then-fsrgan_x4_synthfaces.py"]
scale = 8
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
