"""Face prior losses: the prior branch's landmark heatmaps and parsing maps vs. their ground truth (FSRNet, JDSR-GAN,
FCSR-GAN), and GFC's parsing regulariser over a frozen parsing network."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

import torch
import torch.nn.functional as F

from ..registry import LOSSES
from ..weights import frozen_network
from .base import BaseLoss


@LOSSES.register_module()
class FacePriorLoss(BaseLoss):
    """μ·‖heatmaps − GT heatmaps‖² + ν·(parsing term), JDSR-GAN's face prior loss (JDSR-GAN eq. 14).

    ``data[pred_heatmaps]`` (N×L×s×s, the prior branch's sigmoid output) is compared with
    ``data[target_heatmaps]`` (N×L×s×s, :func:`~facerestore.data.priors.landmark_heatmaps`) by mean squared
    error, as FSRNet does. ``data[pred_parsing]`` holds N×C×s×s parsing **logits** and
    ``data[target_parsing]`` N×s×s class ids (:func:`~facerestore.data.priors.parsing_from_landmarks`);
    ``parsing_criterion``:

    - ``'mse'`` (default, FSRNet and the paper's ‖·‖₂): mean squared error between the softmax of the logits and
      the one-hot maps;
    - ``'ce'``: cross-entropy of the logits against the ids (the FCSR-GAN code, which weights it 0.1;
      docs/architecture-notes.md §2.6, §3.6).

    The defaults μ = ``heatmap_weight`` = 1 and ν = ``parsing_weight`` = 0.1 are JDSR-GAN's (both versions:
    "Empirically, we set μ = 1 and ν = 0.1", below eq. 14); FCSR-GAN's eq. 9 is the same loss with weights α, β. A term
    whose weight is 0 is skipped and its keys are not read (e.g. parsing only, as the cs-giung FSRNet port trains). Both
    norms are per-element means, as every reference implementation computes them.
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
        self.pred_parsing, self.target_parsing, self.parsing_criterion = pred_parsing, target_parsing, parsing_criterion
        self.heatmap_weight, self.parsing_weight = float(heatmap_weight), float(parsing_weight)

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


@LOSSES.register_module()
class ParsingLoss(BaseLoss):
    """GFC's semantic parsing regulariser (docs/architecture-notes.md §3.3): a frozen parsing network labels the
    target face, and the cross-entropy of its logits on the predicted face against those labels is the loss,
    averaged over the hole only (``mask``: 1 = known; ``mask=None`` averages over the whole face).

    ``network``: a registered ``prior`` model that maps a face to C×H×W parsing logits at its own size, e.g.
    ``dict(type='ParsingNet', out_channels=11)``; ``weights``: its ``model.safetensors`` (a parser you trained,
    e.g. on the corpus's landmark parsing maps) or ``'random'`` (tests only). GFC weights it 0.05.
    """

    kind = "parsing"

    def __init__(
        self,
        *,
        pred: str = "lr_composite",
        target: str = "lr_gt",
        mask: str | None = "mask",
        weight: float = 0.05,
        name: str | None = None,
        network: Mapping[str, Any] | str = "ParsingNet",
        weights: str | os.PathLike | None = None,
    ):
        super().__init__(pred=pred, target=target, weight=weight, name=name)
        self.mask = mask
        self.network = frozen_network(network, weights, "prior", type(self).__name__)

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        pred, target = self.fetch_pair(data)
        with torch.no_grad():
            labels = self.network(target).argmax(1)
        per_pixel = F.cross_entropy(self.network(pred), labels, reduction="none")
        if self.mask is None:
            return per_pixel.mean()
        hole = 1 - self.fetch(data, self.mask)[:, 0]
        if hole.shape != per_pixel.shape:
            raise ValueError(f"ParsingLoss: mask {self.mask!r} {tuple(hole.shape)} does not match the faces")
        return (per_pixel * hole).sum() / hole.sum().clamp(min=1)
