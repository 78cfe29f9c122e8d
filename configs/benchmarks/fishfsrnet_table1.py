# FishFSRNet Table I: ×4, ×8 and ×16 face SR without occlusion, and at ×8 Table III's model 1 (no
# attention, parsing branch or MSRB) trained at the zoo model's width and budget
# (configs/zoo_cpu/fishfsrnet_cpu_x8_table3-model1_synthfaces{,_leg2}.py, its weights in benchmarks/weights/).
_base_ = ["./_protocol.py"]
caption = "FishFSRNet Table I protocol: no occlusion, synthfaces-128 test/10000–10199."
protocols = [dict(name=f"x{s}", dataset=dict(scale=s, mask=dict(type="NoMask"))) for s in (4, 8, 16)]
methods = [
    dict(name="bicubic", model="bicubic"),
    dict(name="inpaint+bicubic", model="inpaint+bicubic"),
    *(dict(name=f"FishFSRNet ×{s}", model=f"fishfsrnet-x{s}", protocols=[f"x{s}"]) for s in (4, 8, 16)),
    dict(
        name="Table III model 1 ×8 (CPU width)",
        model="benchmarks/weights/fishfsrnet_cpu_x8_table3-model1",
        protocols=["x8"],
    ),
]
