# FCSR-GAN Table 5 ablation (b: stage 2 training alone) on GFC + FSRNet ×4 (configs/fcsr/fcsr_gfc-
# fsrnet_x4_synthfaces.py). The paper ablates GFC + SRResNet, whose L_fp needs a prior estimator it does not
# describe; with FSRNet every term exists.
_base_ = ["../fcsr_gfc-fsrnet_x4_synthfaces.py"]
model = dict(stages=dict(completion=None))  # no FC pre-training: SR with the untrained FC fixed, then joint
