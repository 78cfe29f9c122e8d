# FCSR-GAN Tables 3–4 (FCSR-GAN §4.3.3, Fig. 8 a–b): one cell of a 2×2 or 3×3 grid occluded at a time, ×4.
_base_ = ["./_protocol.py"]
metrics = {{_base_._metrics_without_fid}}  # no FID on 50–100 faces a cell
caption = (
    "FCSR-GAN Tables 3–4 protocol: one grid cell zero-filled (reading order), ×4, synthfaces-128 test/10000–10199."
)
protocols = [
    dict(name=f"{g}x{g} block {b}", dataset=dict(scale=4, mask=dict(type="GridMask", grid=g, block=b)))
    for g in (2, 3)
    for b in range(1, g * g + 1)
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
