# FCSR-GAN Fig. 7 "Baseline1" at the zoo's width and budget: face completion then SR, each module trained on its own
# task (FCSR-GAN §4.3.2). The modules, terms and 3,000 iterations × batch 8 of `fcsr-pconv-srresnet-x4`
# (fcsr_cpu_pconv-srresnet_x4_synthfaces.py): PConv completes occluded LR faces for its 1,000 iterations, then
# SRResNet learns clean LR → HR for the other 2,000, PConv skipped. At test time they run one after the other.
_base_ = ["./fcsr_cpu_pconv-srresnet_x4_synthfaces.py"]
model = dict(stages=dict(sr=dict(iters=None, skip=["completion"], inputs=dict(lr="lr_gt", mask=None)), joint=None))
