# JDSR-GAN Table I (JDSR-GAN (preprint) Table 2) ablation, ×4: without L_per (both modules).
_base_ = ["../jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"]
model = dict(stages=dict(joint=dict(losses=dict(perceptual_lr=None, perceptual_sr=None))))
