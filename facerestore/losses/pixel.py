"""Pixel loss, whole image or restricted to the holes / the known pixels of the mask."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import torch
import torch.nn.functional as F

from ..registry import LOSSES
from .base import RegionLoss

_CRITERIA = {"l1": F.l1_loss, "l2": F.mse_loss}


@LOSSES.register_module()
class PixelLoss(RegionLoss):
    """Mean pixel error between ``data[pred]`` and ``data[target]`` (FCSR-GAN eq. 6; L1 by default).

    ``criterion``: ``'l1'`` (mean absolute error, FCSR-GAN eq. 6) or ``'l2'`` (mean squared error, as FSRNet's and
    FCSR-GAN's stage-2 terms, docs/architecture-notes.md §3.6).

    ``region`` restricts the error with the mask ``data[mask]`` (:class:`~.base.RegionLoss`): ``'hole'``
    weights every element by ``1 − M``, ``'valid'`` by ``M``. Following PConv (FCSR-GAN ref. [15]) and the FCSR-GAN code
    (docs/architecture-notes.md §3.6), the weighted error is averaged over **all** elements, not over the hole
    (or known) pixels only, so ``hole + valid`` equals the plain loss and a small hole gives a small term.
    FCSR-GAN's stage-1 weights are 6 (hole) and 1 (valid).
    """

    kind = "pixel"

    def __init__(
        self,
        *,
        pred: str,
        target: str,
        weight: float = 1.0,
        name: str | None = None,
        criterion: Literal["l1", "l2"] = "l1",
        region: Literal["hole", "valid"] | None = None,
        mask: str = "mask",
    ):
        if criterion not in _CRITERIA:
            raise ValueError(f"PixelLoss criterion must be one of {sorted(_CRITERIA)}, got {criterion!r}")
        super().__init__(pred=pred, target=target, weight=weight, name=name, region=region, mask=mask)
        self.criterion = criterion

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        pred, target = self.fetch_pair(data)
        if self.region is not None:
            weight = self.region_weight(data, pred)
            pred, target = weight * pred, weight * target
        return _CRITERIA[self.criterion](pred, target)
