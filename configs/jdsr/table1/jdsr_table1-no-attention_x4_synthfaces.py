# JDSR-GAN Table I (JDSR-GAN (preprint) Table 2) ablation, ×4: without channel attention (plain CBDNet → FSRNet).
_base_ = ["../jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"]
model = dict(generator=dict(completion=dict(channel_attention=False), sr=dict(channel_attention=False)))
