"""The resampling every part of facerestore shares, so data, models and baselines degrade faces identically."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def bicubic_resize(x: torch.Tensor, size: int) -> torch.Tensor:
    """Resize N×C×H×W images to size×size with antialiased bicubic interpolation (the project's one kernel).

    Downscaling low-pass filters first (as PIL and MATLAB ``imresize`` do); upscaling is plain bicubic.
    """
    if x.shape[-2:] == (size, size):
        return x
    return F.interpolate(x, size=(size, size), mode="bicubic", align_corners=False, antialias=True)


def mask_to_size(mask: torch.Tensor, size: int) -> torch.Tensor:
    """Resize a known-pixel mask (1 = known): min-pool when shrinking, nearest when enlarging.

    Min-pooling makes an LR pixel known only if every HR pixel it covers was known.
    """
    h = mask.shape[-1]
    if h == size:
        return mask
    if h > size:
        if h % size:
            raise ValueError(f"cannot min-pool a {h}×{h} mask to {size}×{size}: not an integer factor")
        return -F.max_pool2d(-mask, kernel_size=h // size)
    return F.interpolate(mask, size=(size, size), mode="nearest")
