"""Image-quality metrics: functional (batched tensors) and mmengine metrics registered in ``METRICS``."""

from .psnr_ssim import MSSIM, PSNR, SSIM, psnr, rgb_to_y, ssim

__all__ = ["MSSIM", "PSNR", "SSIM", "psnr", "rgb_to_y", "ssim"]
