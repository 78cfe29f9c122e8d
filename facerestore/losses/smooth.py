"""Smooth (total-variation) loss."""

from __future__ import annotations

from collections.abc import Mapping

import torch

from ..registry import LOSSES
from .base import RegionLoss


@LOSSES.register_module()
class SmoothLoss(RegionLoss):
    """Anisotropic L1 total variation of ``data[pred]``: mean|I(i,j+1) − I(i,j)| + mean|I(i+1,j) − I(i,j)|.

    FCSR-GAN eq. 8 writes the two sums of absolute neighbour differences; as the FCSR-GAN code (weight 0.1,
    docs/architecture-notes.md §3.6) each is a mean, taken over the whole image (the composite ``lr_composite``
    in stage 1), not over PConv's one-pixel-dilated hole border. It has no target.

    ``region`` (``'hole'`` or ``'valid'``, :class:`~.base.RegionLoss`) weights each difference by the larger
    region weight of its two pixels, so ``'hole'`` also counts the steps across the hole's border; as in
    :class:`~.pixel.PixelLoss`, still averaged over all elements. This is facerestore's own variant for blind
    de-masking (docs/model-zoo.md, JDSR-GAN), not a term of the papers.
    """

    kind = "smooth"

    def __init__(
        self, *, pred: str, weight: float = 1.0, name: str | None = None, region: str | None = None, mask: str = "mask"
    ):
        super().__init__(pred=pred, target=None, weight=weight, name=name, region=region, mask=mask)

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        pred = self.fetch(data, self.pred)
        dx, dy = neighbour_differences(pred)
        if self.region is not None:
            wx, wy = neighbour_differences(self.region_weight(data, pred), torch.maximum)
            dx, dy = wx * dx, wy * dy
        return dx.abs().mean() + dy.abs().mean()


def neighbour_differences(x: torch.Tensor, pair=torch.sub) -> tuple[torch.Tensor, torch.Tensor]:
    """``(I(i,j+1) − I(i,j), I(i+1,j) − I(i,j))`` over the last two dimensions: the two gradients of a total
    variation; ``pair`` combines the two neighbours some other way (``torch.maximum``)."""
    return pair(x[..., :, 1:], x[..., :, :-1]), pair(x[..., 1:, :], x[..., :-1, :])
