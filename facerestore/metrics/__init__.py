"""Image-quality metrics: functional (batched tensors) and mmengine metrics registered in ``METRICS``."""

from .fid import FID, frechet_distance, load_inception
from .identity import IdentitySimilarity
from .occlusion import OcclusionIoU
from .psnr_ssim import MSSIM, PSNR, SSIM, psnr, rgb_to_y, ssim

__all__ = [
    "FID",
    "MSSIM",
    "PSNR",
    "SSIM",
    "IdentitySimilarity",
    "OcclusionIoU",
    "frechet_distance",
    "load_inception",
    "psnr",
    "rgb_to_y",
    "ssim",
]
