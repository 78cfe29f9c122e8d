"""Identity loss (JDSR-GAN (preprint) eq. 15) over a frozen, pluggable face-embedding network."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

import torch
import torch.nn.functional as F

from ..imaging import bicubic_resize
from ..registry import LOSSES
from ..weights import frozen_network
from .base import BaseLoss

DISTANCES = ("l2", "mse", "cosine")


@LOSSES.register_module()
class IdentityLoss(BaseLoss):
    """L_identity = ‖φ(pred) − φ(target)‖₂ over a frozen face-embedding network φ (JDSR-GAN (preprint) eq. 15).

    ``network``: a registered ``identity`` model (config dict or name): JDSR-GAN's CNN_E
    (:class:`~facerestore.models.identity.jdsr.JDSRIdentityNet`, JDSR-GAN (preprint) Table 1, the default) or a
    pretrained one such as :class:`~facerestore.models.identity.sface.SFace`. ``weights``: a ``model.safetensors`` state
    dict for it (loaded strictly), or ``'random'`` for untrained features (tests, ablations); a network that brings its
    own weights (``SFace``) needs none, while CNN_E's were never published, so it has no default.
    ``distance``: ``'l2'`` the batch mean of the Euclidean norm (eq. 15), ``'mse'`` the mean squared
    difference, ``'cosine'`` 1 − cosine similarity. Faces are resized to the network's input size with the
    project's bicubic (differentiable); the target's embedding is computed without gradient.
    """

    kind = "identity"

    def __init__(
        self,
        *,
        pred: str = "sr",
        target: str = "hr_gt",
        weight: float = 1.0,
        name: str | None = None,
        network: Mapping[str, Any] | str = "JDSRIdentityNet",
        weights: str | os.PathLike | None = None,
        distance: Literal["l2", "mse", "cosine"] = "l2",
    ):
        if distance not in DISTANCES:
            raise ValueError(f"IdentityLoss distance must be one of {DISTANCES}, got {distance!r}")
        super().__init__(pred=pred, target=target, weight=weight, name=name)
        self.network = frozen_network(network, weights, "identity", type(self).__name__)
        self.distance = distance

    def embed(self, face: torch.Tensor) -> torch.Tensor:
        return self.network(bicubic_resize(face, self.network.input_size))

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        pred, target = self.fetch_pair(data)
        with torch.no_grad():
            target_embedding = self.embed(target)
        pred_embedding = self.embed(pred)
        if self.distance == "l2":
            return (pred_embedding - target_embedding).norm(dim=1).mean()
        if self.distance == "mse":
            return F.mse_loss(pred_embedding, target_embedding)
        return (1 - F.cosine_similarity(pred_embedding, target_embedding, dim=1)).mean()
