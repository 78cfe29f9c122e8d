# JDSR-GAN Table 2 of 001 (Table I of 000) ablation, ×4: without L_identity.
_base_ = ["../jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"]
model = dict(stages=dict(joint=dict(losses=dict(identity=None))))
