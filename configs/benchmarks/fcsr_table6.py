# FCSR-GAN Table 6: the four compound generators at ×4 and two at ×8, centre 64×64 block (1/4 of the face).
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
    dict(name="GFC + SRResNet", model="fcsr-gfc-srresnet-x4-paper", protocols=_x4),
    dict(name="PConv + SRResNet", model="fcsr-pconv-srresnet-x4-paper", protocols=_x4),
    dict(name="GFC + FSRNet ×4", model="fcsr-gfc-fsrnet-x4-paper", protocols=_x4),
    dict(name="PConv + FSRNet ×4", model="fcsr-pconv-fsrnet-x4-paper", protocols=_x4),
    dict(name="GFC + FSRNet ×8", model="fcsr-gfc-fsrnet-x8-paper", protocols=_x8),
    dict(name="PConv + FSRNet ×8", model="fcsr-pconv-fsrnet-x8-paper", protocols=_x8),
]
