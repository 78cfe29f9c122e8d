"""Face prior loss: landmark heatmaps and parsing maps predicted by the prior branch vs. their ground truth."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import torch
import torch.nn.functional as F

from ..registry import LOSSES
from .base import BaseLoss


@LOSSES.register_module()
class FacePriorLoss(BaseLoss):
    """μ·‖heatmaps − GT heatmaps‖² + ν·(parsing term), JDSR-GAN's face prior loss (000/001 eq. 14).

    ``data[pred_heatmaps]`` (N×L×s×s, the prior branch's sigmoid output) is compared with
    ``data[target_heatmaps]`` (N×L×s×s, :func:`~facerestore.data.priors.landmark_heatmaps`) by mean squared
    error, as FSRNet does. ``data[pred_parsing]`` holds N×C×s×s parsing **logits** and
    ``data[target_parsing]`` N×s×s class ids (:func:`~facerestore.data.priors.parsing_from_landmarks`);
    ``parsing_criterion``:

    - ``'mse'`` (default, FSRNet and the paper's ‖·‖₂): mean squared error between the softmax of the logits and
      the one-hot maps;
    - ``'ce'``: cross-entropy of the logits against the ids (the FCSR-GAN code, which weights it 0.1;
      reference-architectures §2.6, §3.6).

    The defaults μ = ``heatmap_weight`` = 1 and ν = ``parsing_weight`` = 0.1 are 000/001's ("Empirically, we
    set μ = 1 and ν = 0.1", below eq. 14); FCSR-GAN's eq. 9 is the same loss with weights α, β. A term whose
    weight is 0 is skipped and its keys are not read (e.g. parsing only, as the cs-giung FSRNet port trains).
    Both norms are per-element means, as every reference implementation computes them.
    """

    kind = "face_prior"

    def __init__(
        self,
        *,
        weight: float = 1.0,
        name: str | None = None,
        pred_heatmaps: str = "prior_landmarks",
        target_heatmaps: str = "heatmaps",
        pred_parsing: str = "prior_parsing",
        target_parsing: str = "parsing",
        heatmap_weight: float = 1.0,
        parsing_weight: float = 0.1,
        parsing_criterion: Literal["mse", "ce"] = "mse",
    ):
        if parsing_criterion not in ("mse", "ce"):
            raise ValueError(f"FacePriorLoss parsing_criterion must be 'mse' or 'ce', got {parsing_criterion!r}")
        if not heatmap_weight and not parsing_weight:
            raise ValueError("FacePriorLoss needs heatmap_weight or parsing_weight to be non-zero")
        super().__init__(pred=pred_heatmaps, target=target_heatmaps, weight=weight, name=name)
        self.pred_parsing = pred_parsing
        self.target_parsing = target_parsing
        self.heatmap_weight = float(heatmap_weight)
        self.parsing_weight = float(parsing_weight)
        self.parsing_criterion = parsing_criterion

    def _parsing_pair(self, data: Mapping[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        logits, ids = self.fetch(data, self.pred_parsing), self.fetch(data, self.target_parsing)
        if logits.ndim != 4 or ids.shape != logits.shape[:1] + logits.shape[2:]:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: pred {self.pred_parsing!r} (N×C×s×s logits) has shape "
                f"{tuple(logits.shape)} but target {self.target_parsing!r} (N×s×s class ids) has shape "
                f"{tuple(ids.shape)}"
            )
        if ids.is_floating_point() or ids.min() < 0 or ids.max() >= logits.shape[1]:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: target {self.target_parsing!r} must hold integer class "
                f"ids in [0, {logits.shape[1]}), got {ids.dtype} in [{ids.min()}, {ids.max()}]"
            )
        return logits, ids.long()

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        terms = []
        if self.heatmap_weight:
            pred, target = self.fetch_pair(data)
            terms.append(self.heatmap_weight * F.mse_loss(pred, target))
        if self.parsing_weight:
            logits, ids = self._parsing_pair(data)
            if self.parsing_criterion == "ce":
                term = F.cross_entropy(logits, ids)
            else:
                one_hot = F.one_hot(ids, logits.shape[1]).movedim(-1, 1).to(logits.dtype)
                term = F.mse_loss(logits.softmax(1), one_hot)
            terms.append(self.parsing_weight * term)
        return sum(terms)
