"""Identity similarity: the cosine similarity of face embeddings, which FishFSRNet (Table II) reports."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import torch
import torch.nn.functional as F

from ..imaging import bicubic_resize
from ..registry import METRICS
from ..weights import frozen_network
from .base import PairedMetric, network_device


@METRICS.register_module()
class IdentitySimilarity(PairedMetric):
    """Mean per-image cosine similarity of the embeddings of ``pred`` and ``target`` (N×3×H×W RGB in [0, 1]).

    ``identity``: a registered ``identity`` model (config dict or name), by default
    :class:`~facerestore.models.identity.sface.SFace` (the ``sface`` extra; it expects aligned faces laid out
    like synthfaces-128's, see its ``face_points``); ``weights``: a ``model.safetensors`` state dict for a
    network that brings none (e.g. a trained ``JDSRIdentityNet``). Faces are resized to the network's input
    size with the project's bicubic, as :class:`~facerestore.losses.IdentityLoss` does; the frozen network runs
    in eval mode without gradient on ``device`` (default: CUDA when available, else CPU).
    """

    def __init__(
        self,
        identity: Mapping[str, Any] | str = "SFace",
        weights: str | os.PathLike | None = None,
        device: str | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.device = network_device(device)
        self.network = frozen_network(identity, weights, "identity", type(self).__name__).to(self.device)

    @torch.no_grad()
    def embed(self, faces: torch.Tensor) -> torch.Tensor:
        """N×D embeddings of N×3×H×W faces."""
        return self.network(bicubic_resize(faces.to(self.device, torch.float32), self.network.input_size))

    def score(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return F.cosine_similarity(self.embed(pred), self.embed(target), dim=1)
