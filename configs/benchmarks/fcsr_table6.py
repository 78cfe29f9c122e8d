# FCSR-GAN Table 6: the four compound generators at ×4 and two at ×8, centre 64×64 block (1/4 of the face), with
# the zoo's trained rows (reduced widths, each 3,000 iterations × batch 8: configs/zoo_cpu/fcsr_cpu_*), and FCSR-GAN
# Fig. 7's two sequential baselines at the joint PConv + SRResNet ×4's widths and budget (weights in
# benchmarks/weights/). A row whose weights do not exist yet says "not available".
_base_ = ["./_protocol.py"]
caption = "FCSR-GAN Table 6 protocol: centre 64×64 block zero-filled, synthfaces-128 test/10000–10199."
protocols = [
    dict(name="x4 centre 64", dataset=dict(scale=4, mask=dict(type="BlockMask", size=64))),
    dict(name="x8 centre 64", dataset=dict(scale=8, mask=dict(type="BlockMask", size=64))),
]
_x4, _x8 = ["x4 centre 64"], ["x8 centre 64"]
methods = [
    dict(name="bicubic", model="bicubic"),
    dict(name="inpaint+bicubic", model="inpaint+bicubic"),
    dict(name="GFC + SRResNet", model="fcsr-gfc-srresnet-x4", protocols=_x4),
    dict(name="PConv + SRResNet", model="fcsr-pconv-srresnet-x4", protocols=_x4),
    # GFC + FSRNet ×4 at the table's equal budget: the first of `fcsr-gfc-fsrnet-x4`'s two training legs
    dict(name="GFC + FSRNet ×4", model="benchmarks/weights/fcsr_cpu_gfc-fsrnet_x4", protocols=_x4),
    dict(name="PConv + FSRNet ×4", model="fcsr-pconv-fsrnet-x4", protocols=_x4),
    dict(name="GFC + FSRNet ×8", model="fcsr-gfc-fsrnet-x8", protocols=_x8),
    dict(name="PConv + FSRNet ×8", model="fcsr-pconv-fsrnet-x8", protocols=_x8),
    dict(name="Baseline1: PConv then SRResNet", model="benchmarks/weights/fcsr_cpu_baseline1_x4", protocols=_x4),
    dict(name="Baseline2: SRResNet then PConv", model="benchmarks/weights/fcsr_cpu_baseline2_x4", protocols=_x4),
    dict(name="default", model="default", protocols=_x4),
]
