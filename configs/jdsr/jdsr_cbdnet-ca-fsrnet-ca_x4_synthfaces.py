# JDSR-GAN ×4: CBDNet-CA → FSRNet-CA trained jointly (configs/_base_/jdsr_gan.py; JDSR-GAN eq. 16–18).
_base_ = ["../_base_/jdsr_gan.py"]
scale = 4
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
