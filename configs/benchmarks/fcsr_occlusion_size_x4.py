# FCSR-GAN Fig. 9 (FCSR-GAN §4.3.3, Fig. 8 c): one place, growing blocks, ×4.
_base_ = ["./_protocol.py"]
metrics = {{_base_._metrics_without_fid}}  # no FID on 50–100 faces a cell
caption = "FCSR-GAN Fig. 9 protocol: a centred block of growing side, ×4, synthfaces-128 test/10000–10199."
protocols = [
    dict(name=f"centre {s}", dataset=dict(scale=4, mask=dict(type="BlockMask", size=s)))
    for s in (16, 32, 48, 64, 80, 96)
]
methods = [
    dict(name="bicubic", model="bicubic"),
    dict(name="inpaint+bicubic", model="inpaint+bicubic"),
    dict(name="default", model="default"),
    dict(name="GFC + SRResNet", model="fcsr-gfc-srresnet-x4"),
    dict(name="PConv + SRResNet", model="fcsr-pconv-srresnet-x4"),
    # GFC + FSRNet at the other rows' budget: the first of `fcsr-gfc-fsrnet-x4`'s two training legs
    dict(name="GFC + FSRNet", model="benchmarks/weights/fcsr_cpu_gfc-fsrnet_x4"),
    dict(name="PConv + FSRNet", model="fcsr-pconv-fsrnet-x4"),
]
