# What every benchmark set shares: the corpus, the CPU evaluation subset (test/10000–10199,
# docs/architecture-notes.md §7) and the metrics of the papers' tables (PSNR and SSIM on Y as JDSR-GAN and FishFSRNet
# report them, MSSIM as FCSR-GAN does, FID as JDSR-GAN, SFace identity similarity as FishFSRNet; FID needs the [fid]
# extra, identity the [sface] extra). Each protocol's `dataset` is merged over `dataset` below. `facerestore benchmark
# SET --data-root DIR` points it at another copy of the corpus.
data_root = "../shared/data/synthfaces-128"
dataset = dict(
    type="FaceImageDataset", root=data_root + "/test", landmarks=data_root + "/landmarks.npz", max_samples=200
)
metrics = [
    dict(type="PSNR", y_channel=True, crop_border=0),
    dict(type="SSIM", y_channel=True, crop_border=0),
    dict(type="MSSIM"),
    dict(type="FID"),
    dict(type="IdentitySimilarity"),
]
# The many-cell studies (occlusion location and size) run on 50–100 faces per cell, where FID is mostly its
# small-sample bias and the Inception network would cost most of the run: they take these.
_metrics_without_fid = [m for m in metrics if m["type"] != "FID"]
batch_size = 25
grids = 4
