# JDSR-GAN Table 2 of 001 (Table I of 000) ablation, ×4: without channel attention (plain CBDNet → FSRNet).
_base_ = ["../jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"]
model = dict(generator=dict(completion=dict(channel_attention=False), sr=dict(channel_attention=False)))
