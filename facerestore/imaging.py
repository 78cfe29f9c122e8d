"""The resampling every part of facerestore shares, so data, models and baselines degrade faces identically, and
the classical inpainting baseline built on it."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F


def bicubic_resize(x: torch.Tensor, size: int | tuple[int, int]) -> torch.Tensor:
    """Resize N×C×H×W images to size×size (or (height, width)) with antialiased bicubic interpolation, the
    project's one kernel.

    Downscaling low-pass filters first (as PIL and MATLAB ``imresize`` do); upscaling is plain bicubic.
    """
    size = (size, size) if isinstance(size, int) else tuple(size)
    if tuple(x.shape[-2:]) == size:
        return x
    if x.dtype in (torch.float16, torch.bfloat16) and x.device.type == "cpu":  # no reduced-precision CPU kernel
        return bicubic_resize(x.float(), size).to(x.dtype)
    return F.interpolate(x, size=size, mode="bicubic", align_corners=False, antialias=True)


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


def inpaint_bicubic(lr: torch.Tensor, mask: torch.Tensor | None, size: int, radius: float = 3.0) -> torch.Tensor:
    """The classical baseline: inpaint the LR faces' holes, then upsample with :func:`bicubic_resize`.

    ``lr`` is N×3×h×w in [0, 1], ``mask`` N×1×h×w with 1 = known (None: nothing is occluded). Each face is
    rounded to 8 bits and its hole (mask < 0.5) filled with OpenCV's fast-marching inpainting (Telea, 2004;
    ``cv2.INPAINT_TELEA``, ``radius`` in LR pixels), the method OpenCV offers for small holes; then the face is
    upsampled to size×size. Given the true mask, this is the strong classical row of every table.
    """
    import cv2

    if mask is None:
        return bicubic_resize(lr, size).clamp(0, 1)
    faces = np.ascontiguousarray(torch.round(lr.detach().clamp(0, 1) * 255).byte().permute(0, 2, 3, 1).cpu().numpy())
    holes = (mask.detach()[:, 0] < 0.5).byte().cpu().numpy()
    filled = [cv2.inpaint(f, h, radius, cv2.INPAINT_TELEA) if h.any() else f for f, h in zip(faces, holes)]
    out = torch.from_numpy(np.stack(filled)).to(lr.device).permute(0, 3, 1, 2).to(lr.dtype) / 255
    return bicubic_resize(out, size).clamp(0, 1)
