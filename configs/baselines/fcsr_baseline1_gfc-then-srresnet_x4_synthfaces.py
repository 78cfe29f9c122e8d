# FCSR-GAN Fig. 7 "Baseline1": face completion then SR, each module trained on its own task (FCSR-GAN §4.3.2): GFC
# completes occluded LR faces with L_fc (stage 1 of configs/fcsr/fcsr_gfc-srresnet_x4_synthfaces.py), then
# SRResNet learns clean LR → HR with L_sr, GFC frozen and skipped. At test time they run one after the other.
_base_ = ["../fcsr/fcsr_gfc-srresnet_x4_synthfaces.py"]
model = dict(
    stages=dict(sr=dict(iters=None, skip=["completion"], inputs=dict(lr="lr_gt", mask=None)), joint=None),
)
