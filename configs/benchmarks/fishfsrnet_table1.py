# FishFSRNet Table I (003): ×4, ×8 and ×16 face SR without occlusion.
_base_ = ["./_protocol.py"]
caption = "FishFSRNet Table I protocol: no occlusion, synthfaces-128 test/10000–10199."
protocols = [dict(name=f"x{s}", dataset=dict(scale=s, mask=dict(type="NoMask"))) for s in (4, 8, 16)]
methods = [dict(name="bicubic", model="bicubic"), dict(name="inpaint+bicubic", model="inpaint+bicubic")] + [
    dict(name=f"FishFSRNet ×{s}", model=f"fishfsrnet-x{s}", protocols=[f"x{s}"]) for s in (4, 8, 16)
]
