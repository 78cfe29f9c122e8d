"""How well an occlusion estimator finds the covered pixels."""

from __future__ import annotations

import torch

from ..registry import METRICS
from .base import PairedMetric


@METRICS.register_module()
class OcclusionIoU(PairedMetric):
    """Intersection over union of the estimated covered pixels (``pred`` > 0.5) with the true ones
    (``target`` > 0.5), per face, averaged; a face with nothing covered and nothing estimated scores 1."""

    def __init__(self, pred: str = "occlusion", target: str = "occlusion_gt", **kwargs):
        super().__init__(pred=pred, target=target, **kwargs)

    def score(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        est, true = pred > 0.5, target > 0.5
        inter = (est & true).flatten(1).sum(1).double()
        union = (est | true).flatten(1).sum(1).double()
        return torch.where(union > 0, inter / union.clamp(min=1), torch.ones_like(union))
