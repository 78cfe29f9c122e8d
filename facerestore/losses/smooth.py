"""Smooth (total-variation) loss."""

from __future__ import annotations

from collections.abc import Mapping

import torch

from ..registry import LOSSES
from .base import BaseLoss


@LOSSES.register_module()
class SmoothLoss(BaseLoss):
    """Anisotropic L1 total variation of ``data[pred]``: mean|I(i,j+1) − I(i,j)| + mean|I(i+1,j) − I(i,j)|.

    FCSR-GAN eq. 8 writes the two sums of absolute neighbour differences; as the FCSR-GAN code (weight 0.1,
    docs/architecture-notes.md §3.6) each is a mean, taken over the whole image (the composite ``lr_composite``
    in stage 1), not over PConv's one-pixel-dilated hole border. It has no target.
    """

    kind = "smooth"

    def __init__(self, *, pred: str, weight: float = 1.0, name: str | None = None):
        super().__init__(pred=pred, target=None, weight=weight, name=name)

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        dx, dy = neighbour_differences(self.fetch(data, self.pred))
        return dx.abs().mean() + dy.abs().mean()


def neighbour_differences(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """``(I(i,j+1) − I(i,j), I(i+1,j) − I(i,j))`` over the last two dimensions: the two gradients of a total
    variation."""
    return x[..., :, 1:] - x[..., :, :-1], x[..., 1:, :] - x[..., :-1, :]
