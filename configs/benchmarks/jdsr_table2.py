# JDSR-GAN Table II: the joint model against the sequential CBD+FSRGAN baseline, ×4 and ×8, procedural face
# masks (§IV-A). The baseline checkpoints come from configs/baselines/jdsr_baseline_cbdnet-then-fsrgan_x{4,8}…
_base_ = ["./_protocol.py"]
caption = "JDSR-GAN Table II protocol: procedural face masks, synthfaces-128 test/10000–10199."
_masked = dict(mask=dict(type="FaceMaskOcclusion"))
protocols = [
    dict(name="x4 face mask", dataset=dict(_masked, scale=4)),
    dict(name="x8 face mask", dataset=dict(_masked, scale=8)),
]
methods = [
    dict(name="bicubic", model="bicubic"),
    dict(name="inpaint+bicubic", model="inpaint+bicubic"),
    # The joint models' first legs, at the sequential baseline's budget (benchmarks/weights/README.md), and the legs
    # the zoo's aliases trained on from them (docs/model-zoo.md, JDSR-GAN), up to the third; the aliases went on.
    dict(name="JDSR-GAN ×4", model="benchmarks/weights/jdsr_cpu_x4", protocols=["x4 face mask"]),
    dict(name="JDSR-GAN ×8", model="benchmarks/weights/jdsr_cpu_x8", protocols=["x8 face mask"]),
    dict(name="jdsr-x4 (two legs)", model="benchmarks/weights/jdsr_cpu_x4_leg2", protocols=["x4 face mask"]),
    dict(name="jdsr-x8 (two legs)", model="benchmarks/weights/jdsr_cpu_x8_leg2", protocols=["x8 face mask"]),
    dict(name="jdsr-x4 (three legs)", model="benchmarks/weights/jdsr_cpu_x4_leg3", protocols=["x4 face mask"]),
    dict(name="jdsr-x8 (three legs)", model="benchmarks/weights/jdsr_cpu_x8_leg3", protocols=["x8 face mask"]),
    dict(name="CBD+FSRGAN ×4", model="work_dirs/jdsr_baseline_cbdnet-then-fsrgan_x4/model", protocols=["x4 face mask"]),
    dict(name="CBD+FSRGAN ×8", model="work_dirs/jdsr_baseline_cbdnet-then-fsrgan_x8/model", protocols=["x8 face mask"]),
    # The zoo's CPU width: the sequential baseline with the same networks and per-module budget as `jdsr-x4`
    # (configs/zoo_cpu/jdsr_cpu_baseline_cbdnet-then-fsrgan_x4_synthfaces.py; benchmarks/weights/README.md).
    dict(
        name="CBD+FSRGAN ×4 (CPU width)",
        model="benchmarks/weights/jdsr_cpu_baseline_x4",
        protocols=["x4 face mask"],
    ),
]
