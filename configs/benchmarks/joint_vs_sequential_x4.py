# Joint vs sequential training in miniature (FCSR-GAN Fig. 7), with the default model and bicubic, ×4, centre 64×64
# block (FCSR-GAN's evaluation occlusion). The two mini checkpoints are small CPU trainings, of
# configs/joint_vs_sequential_mini/fcsr_mini-{joint,sequential}_x4_synthfaces.py with
# `--work-dir work_dirs/fcsr_mini-joint` and `--work-dir work_dirs/fcsr_mini-sequential`.
_base_ = ["./_protocol.py"]
caption = (
    "×4, synthfaces-128 test/10000–10199, centre 64×64 block zero-filled; PSNR/SSIM on Y, MSSIM on RGB, crop 0. "
    "default: the embedded model (5000 iterations, batch 16); the two mini models: 1500 / 2500 iterations at "
    "batch 8 on 2 CPU cores (docs/joint-gans.md), not the papers' trainings."
)
protocols = [dict(name="x4 centre 64", dataset=dict(scale=4, mask=dict(type="BlockMask", size=64)))]
methods = [
    dict(name="bicubic", model="bicubic"),
    dict(name="inpaint+bicubic", model="inpaint+bicubic"),
    dict(name="default", model="default"),
    dict(name="joint (mini)", model="work_dirs/fcsr_mini-joint/model"),
    dict(name="sequential (mini)", model="work_dirs/fcsr_mini-sequential/model"),
]
