# FCSR-GAN Table 5 ablation (e: without L_fp) on GFC + FSRNet ×4 (configs/fcsr/fcsr_gfc-fsrnet_x4_synthfaces.py).
# The paper ablates GFC + SRResNet, whose L_fp needs a prior estimator it does not describe; with FSRNet every term
# exists.
_base_ = ["../fcsr_gfc-fsrnet_x4_synthfaces.py"]
model = dict(stages=dict(sr=dict(losses=dict(face_prior=None)), joint=dict(losses=dict(face_prior=None))))
