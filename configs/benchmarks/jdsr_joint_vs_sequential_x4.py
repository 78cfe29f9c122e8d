# JDSR-GAN's joint vs sequential (CBD+) training in miniature, ×4, procedural face masks (JDSR-GAN §IV-A). The two
# checkpoints are small CPU trainings of configs/joint_vs_sequential_mini/jdsr_mini-{joint,sequential}_x4_…
# with `--work-dir work_dirs/jdsr_mini-joint` and `--work-dir work_dirs/jdsr_mini-sequential`.
_base_ = ["./_protocol.py"]
caption = (
    "×4, synthfaces-128 test/10000–10199, procedural face masks; PSNR/SSIM on Y, MSSIM on RGB, crop 0. Both models: "
    "CBDNet-CA → FSRNet-CA at width 8, batch 4 on 2 CPU cores (docs/joint-gans.md), not the paper's training."
)
protocols = [dict(name="x4 face mask", dataset=dict(scale=4, mask=dict(type="FaceMaskOcclusion")))]
methods = [
    dict(name="bicubic", model="bicubic"),
    dict(name="inpaint+bicubic", model="inpaint+bicubic"),
    dict(name="joint (mini)", model="work_dirs/jdsr_mini-joint/model"),
    dict(name="CBD+ sequential (mini)", model="work_dirs/jdsr_mini-sequential/model"),
]
