# FCSR-GAN Fig. 9 (FCSR-GAN §4.3.3, Fig. 8 c): one place, growing blocks, ×4.
_base_ = ["./_protocol.py"]
# No FID: these studies run on 50–100 faces per cell, where FID is dominated by its small-sample bias, and the
# Inception network would cost most of the run's time; the other metrics are _protocol.py's.
metrics = [
    dict(type="PSNR", y_channel=True, crop_border=0),
    dict(type="SSIM", y_channel=True, crop_border=0),
    dict(type="MSSIM"),
    dict(type="IdentitySimilarity"),
]
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
    # GFC + FSRNet: trained with the zoo's recipe but not in the zoo (its SSIM is below inpaint+bicubic)
    dict(name="GFC + FSRNet", model="benchmarks/weights/fcsr_cpu_gfc-fsrnet_x4"),
    dict(name="PConv + FSRNet", model="fcsr-pconv-fsrnet-x4"),
]
