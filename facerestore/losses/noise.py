"""CBDNet's noise-estimation losses on the estimated noise map σ̂ (JDSR-GAN (preprint) eq. 8 and 9).

The JDSR-GAN journal text skips eq. 3–9 and only names these terms with their weights (λ_asym = 0.5,
λ_TV = 0.05, taken from CBDNet); JDSR-GAN (preprint) gives both equations, so the numbers cited here are the preprint's.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch

from ..registry import LOSSES
from .base import BaseLoss
from .smooth import neighbour_differences


@LOSSES.register_module()
class AsymmetricLoss(BaseLoss):
    """CBDNet's asymmetric loss (JDSR-GAN (preprint) eq. 8): mean over elements of ``|α − 𝟙[σ̂ − σ < 0]| · (σ̂ − σ)²``.

    ``data[pred]`` is the estimated noise map σ̂, ``data[target]`` its ground truth σ. Following the paper,
    under-estimation (σ̂ < σ) is weighted ``1 − α`` (0.7 for α = 0.3) and over-estimation ``α`` (0.3), so an
    under-estimate costs ``(1 − α) / α`` times an over-estimate of the same size. IDKiro's CBDNet code sets the
    indicator when σ < σ̂, the reverse direction; that is not inherited (docs/architecture-notes.md §2.6).
    JDSR-GAN (preprint) eq. 8 writes a sum over pixels; the mean keeps the term independent of image and batch size.
    """

    kind = "asym"

    def __init__(
        self,
        *,
        pred: str = "noise_map",
        target: str = "noise_gt",
        alpha: float = 0.3,
        weight: float = 0.5,
        name: str | None = None,
    ):
        if not 0 <= alpha <= 0.5:
            raise ValueError(f"AsymmetricLoss alpha must lie in [0, 0.5] (JDSR-GAN (preprint) eq. 8), got {alpha}")
        super().__init__(pred=pred, target=target, weight=weight, name=name)
        self.alpha = float(alpha)

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        pred, target = self.fetch_pair(data)
        diff = pred - target
        return ((self.alpha - (diff < 0).to(diff.dtype)).abs() * diff.pow(2)).mean()


@LOSSES.register_module()
class NoiseTVLoss(BaseLoss):
    """Total variation of the noise map (JDSR-GAN (preprint) eq. 9): ``‖∇_h σ̂‖²₂ + ‖∇_v σ̂‖²₂``.

    Each squared-difference term is a **per-element mean** over its differences, so the value does not depend on
    the batch size (IDKiro's code divides a whole-batch sum by one sample's element count, which is not
    inherited; docs/architecture-notes.md §2.6).
    """

    kind = "tv"

    def __init__(self, *, pred: str = "noise_map", weight: float = 0.05, name: str | None = None):
        super().__init__(pred=pred, target=None, weight=weight, name=name)

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        horizontal, vertical = neighbour_differences(self.fetch(data, self.pred))
        return horizontal.pow(2).mean() + vertical.pow(2).mean()
