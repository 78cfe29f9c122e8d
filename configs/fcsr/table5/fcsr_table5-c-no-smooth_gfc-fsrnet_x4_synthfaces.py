# FCSR-GAN Table 5 ablation (c: without L_smooth) on GFC + FSRNet ×4 (configs/fcsr/fcsr_gfc-
# fsrnet_x4_synthfaces.py). The paper ablates GFC + SRResNet, whose L_fp needs a prior estimator it does not
# describe; with FSRNet every term exists.
_base_ = ["../fcsr_gfc-fsrnet_x4_synthfaces.py"]
model = dict(
    stages=dict(
        completion=dict(losses=dict(smooth_lr=None)),
        sr=dict(losses=dict(smooth_sr=None)),
        joint=dict(losses=dict(smooth_lr=None, smooth_sr=None)),
    )
)
