# FCSR-GAN Table 5 ablation (d: without L_per) on GFC + FSRNet ×4 (configs/fcsr/fcsr_gfc-fsrnet_x4_synthfaces.py).
# The paper ablates GFC + SRResNet, whose L_fp needs a prior estimator it does not describe; with FSRNet every term
# exists.
_base_ = ["../fcsr_gfc-fsrnet_x4_synthfaces.py"]
_no_lr = dict(perceptual_restored=None, perceptual_composite=None)
model = dict(
    stages=dict(
        completion=dict(losses=_no_lr),
        sr=dict(losses=dict(perceptual_sr=None)),
        joint=dict(losses=dict(**_no_lr, perceptual_sr=None)),
    )
)
