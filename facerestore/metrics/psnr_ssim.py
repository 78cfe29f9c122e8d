"""PSNR and SSIM on batches of RGB images in [0, 1], with BasicSR's (MATLAB-style) conventions.

Both compute in float64 on the 0–255 scale: optionally on the Y channel of ITU-R BT.601 YCbCr with MATLAB's
``rgb2ycbcr`` coefficients, after cropping ``crop_border`` pixels from every edge, as BasicSR's
``calculate_psnr`` / ``calculate_ssim`` do. Inputs are used as given: no clamping and no rounding to 8 bits
(clamp or quantise the prediction first to score saved images).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..registry import METRICS
from .base import PairedMetric

#: MATLAB ``rgb2ycbcr`` luma row for RGB in [0, 1]: Y = 16 + 65.481 R + 128.553 G + 24.966 B.
_Y_COEFFS = (65.481, 128.553, 24.966)
_SSIM_WINDOW, _SSIM_SIGMA = 11, 1.5


def rgb_to_y(img: torch.Tensor) -> torch.Tensor:
    """BT.601 luma (MATLAB coefficients) of N×3×H×W RGB in [0, 1], as N×1×H×W float64 on the 0–255 scale.

    Rounded exactly as BasicSR's ``to_y_channel`` rounds it (float32 input, Y/255 stored in float32, then
    ×255 in float32), so our PSNR/SSIM equal BasicSR's to 1e-6; MATLAB's all-double ``rgb2ycbcr`` differs
    from this by at most ~1e-5 on the 0–255 scale.
    """
    if img.ndim != 4 or img.shape[1] != 3:
        raise ValueError(f"rgb_to_y expects N×3×H×W RGB images, got shape {tuple(img.shape)}")
    coeffs = torch.tensor(_Y_COEFFS, dtype=torch.float64, device=img.device).view(1, 3, 1, 1)
    y = 16.0 + (img.to(torch.float32).to(torch.float64) * coeffs).sum(dim=1, keepdim=True)
    return ((y / 255.0).to(torch.float32) * 255.0).to(torch.float64)


def _prepare(
    pred: torch.Tensor, target: torch.Tensor, crop_border: int, y_channel: bool
) -> tuple[torch.Tensor, torch.Tensor]:
    """Both images cropped, in float64 on the 0–255 scale (their Y channel if asked)."""
    if pred.ndim != 4 or pred.shape != target.shape:
        raise ValueError(f"expected two N×C×H×W images of one shape, got {tuple(pred.shape)} and {tuple(target.shape)}")
    h, w = pred.shape[-2:]
    if crop_border < 0 or 2 * crop_border >= min(h, w):
        raise ValueError(f"crop_border={crop_border} leaves nothing of {h}×{w} images")
    rows, cols = slice(crop_border, h - crop_border), slice(crop_border, w - crop_border)
    a, b = (img.detach().to(torch.float64)[..., rows, cols] for img in (pred, target))
    return (rgb_to_y(a), rgb_to_y(b)) if y_channel else (a * 255.0, b * 255.0)


def psnr(pred: torch.Tensor, target: torch.Tensor, crop_border: int = 0, y_channel: bool = True) -> torch.Tensor:
    """Per-image PSNR in dB, ``10·log10(255² / MSE)`` on the 0–255 scale; ``inf`` for identical images.

    ``pred`` and ``target``: N×3×H×W RGB in [0, 1] (any C when ``y_channel=False``). Returns N float64 values.
    """
    a, b = _prepare(pred, target, crop_border, y_channel)
    mse = (a - b).pow(2).mean(dim=(1, 2, 3))
    return 10.0 * torch.log10(255.0**2 / mse)


def _gaussian_window(dtype: torch.dtype, device: torch.device) -> torch.Tensor:
    x = torch.arange(_SSIM_WINDOW, dtype=dtype, device=device) - _SSIM_WINDOW // 2
    g = torch.exp(-(x**2) / (2 * _SSIM_SIGMA**2))
    g = g / g.sum()
    return torch.outer(g, g).view(1, 1, _SSIM_WINDOW, _SSIM_WINDOW)


def ssim(pred: torch.Tensor, target: torch.Tensor, crop_border: int = 0, y_channel: bool = True) -> torch.Tensor:
    """Per-image SSIM (Wang et al. 2004): mean of the SSIM map, averaged over channels if ``y_channel=False``.

    11×11 Gaussian window with σ = 1.5, 'valid' filtering (no padding), C1 = (0.01·255)², C2 = (0.03·255)²
    on the 0–255 scale, as the authors' MATLAB code and BasicSR's ``calculate_ssim``. Images need at least
    11×11 pixels after cropping. Returns N float64 values.
    """
    a, b = _prepare(pred, target, crop_border, y_channel)
    n, c, h, w = a.shape
    if min(h, w) < _SSIM_WINDOW:
        raise ValueError(f"SSIM needs at least {_SSIM_WINDOW}×{_SSIM_WINDOW} pixels after cropping, got {h}×{w}")
    window = _gaussian_window(a.dtype, a.device)

    def blur(x: torch.Tensor) -> torch.Tensor:
        return F.conv2d(x.reshape(n * c, 1, h, w), window)

    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = blur(a), blur(b)
    var_a = blur(a * a) - mu_a**2
    var_b = blur(b * b) - mu_b**2
    cov = blur(a * b) - mu_a * mu_b
    ssim_map = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a**2 + mu_b**2 + c1) * (var_a + var_b + c2))
    return ssim_map.reshape(n, c, -1).mean(dim=2).mean(dim=1)


class _ImageMetric(PairedMetric):
    """A :class:`~.base.PairedMetric` on the 0–255 scale, on the Y channel or not, after cropping."""

    def __init__(self, y_channel: bool = True, crop_border: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.y_channel, self.crop_border = y_channel, crop_border


@METRICS.register_module()
class PSNR(_ImageMetric):
    """Mean per-image PSNR (dB) of ``pred`` vs ``target``; see :func:`psnr`. Default: Y channel, no crop."""

    def score(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return psnr(pred, target, self.crop_border, self.y_channel)


@METRICS.register_module()
class SSIM(_ImageMetric):
    """Mean per-image SSIM of ``pred`` vs ``target``; see :func:`ssim`. Default: Y channel, no crop."""

    def score(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return ssim(pred, target, self.crop_border, self.y_channel)


@METRICS.register_module()
class MSSIM(SSIM):
    """Mean SSIM (Wang et al. 2004's MSSIM), the similarity FCSR-GAN reports (FCSR-GAN §4.3.2, Tables 3–6).

    :class:`SSIM` with ``y_channel=False``: the SSIM of the R, G and B channels, averaged (FCSR-GAN does not say
    which channels it used; JDSR-GAN §IV and FishFSRNet report SSIM on Y, the :class:`SSIM` default).
    """

    def __init__(self, crop_border: int = 0, **kwargs):
        super().__init__(y_channel=False, crop_border=crop_border, **kwargs)
