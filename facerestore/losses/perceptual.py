"""Perceptual and style losses on frozen ImageNet VGG16 features (timm's ``vgg16``)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import timm
import torch
import torch.nn.functional as F
from huggingface_hub import try_to_load_from_cache
from safetensors import safe_open
from torch import nn

from ..registry import LOSSES
from ..weights import freeze
from .base import BaseLoss

#: Hugging Face Hub repository of timm's ImageNet VGG16 (torchvision's weights).
VGG16_HUB_REPO = "timm/vgg16.tv_in1k"
#: The layers FCSR-GAN, PConv and NVIDIA's code compare (docs/architecture-notes.md §5).
POOL_LAYERS = ("pool1", "pool2", "pool3")


def _vgg16_layer_indices() -> dict[str, int]:
    """Index of each ``reluB_C`` and ``poolB`` in VGG16's ``features`` (torchvision / timm layout)."""
    indices, i = {}, 0
    for block, convs in enumerate((2, 2, 3, 3, 3), start=1):
        for conv in range(1, convs + 1):
            indices[f"relu{block}_{conv}"] = i + 1
            i += 2
        indices[f"pool{block}"] = i
        i += 1
    return indices


VGG16_LAYERS = _vgg16_layer_indices()

_MISSING_WEIGHTS = (
    f"no VGG16 weights: the perceptual and style losses need ImageNet VGG16, looked up offline as "
    f"'model.safetensors' of {VGG16_HUB_REPO!r} in the Hugging Face cache, which does not hold it. "
    f"Either pass vgg_weights='/path/to/vgg16.safetensors' (or a torchvision/timm VGG16 '.pth' state "
    f"dict), or fill the cache where there is network access: `hf download {VGG16_HUB_REPO} "
    f"model.safetensors` (`huggingface-cli download ...` before huggingface_hub 1.0), copying the cache "
    f"here if needed (HF_HOME / HF_HUB_CACHE choose where it is). vgg_weights='random' gives untrained "
    f"features (tests only)."
)


def _read_tensors(path: Path, keys: list[str]) -> dict[str, torch.Tensor]:
    """Those of ``keys`` that the state dict file at ``path`` holds (a safetensors file reads no others)."""
    if not path.is_file():
        raise FileNotFoundError(f"VGG16 weights file {str(path)!r} does not exist")
    if path.suffix == ".safetensors":
        with safe_open(path, framework="pt") as f:
            present = set(f.keys())
            return {k: f.get_tensor(k) for k in keys if k in present}
    state = torch.load(path, map_location="cpu", weights_only=True)
    return {k: state[k] for k in keys if k in state}


class VGG16Features(nn.Module):
    """Frozen VGG16 ``features`` up to the deepest requested layer; returns the requested activations.

    ``layers``: names from :data:`VGG16_LAYERS` (``pool1``…``pool5``, ``relu1_1``…``relu5_3``).
    ``weights``: ``None`` = timm's ImageNet weights from the Hugging Face cache only (never the network;
    a ``RuntimeError`` explains how to provide them when absent), a path to a ``.safetensors`` / ``.pth``
    state dict in timm's or torchvision's VGG16 layout (only its ``features.*`` entries are used), or
    ``'random'`` for untrained weights. ``normalize_input`` subtracts the ImageNet mean and divides by its
    std first; inputs are RGB in [0, 1]. The module is frozen (:func:`~facerestore.weights.freeze`).
    """

    def __init__(
        self,
        layers: Sequence[str] = POOL_LAYERS,
        weights: str | os.PathLike | None = None,
        normalize_input: bool = False,
    ):
        super().__init__()
        if not layers or any(name not in VGG16_LAYERS for name in layers):
            raise ValueError(f"VGG16 layers must be names from {list(VGG16_LAYERS)}, got {layers!r}")
        self.layers = tuple(layers)
        self.taps = [VGG16_LAYERS[name] for name in self.layers]
        with torch.device("meta"):  # skip initialising the ~120 M classifier weights, never used
            features = timm.create_model("vgg16", pretrained=False).features[: max(self.taps) + 1]
        features.to_empty(device="cpu")
        if weights == "random":
            for m in features:
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                    nn.init.zeros_(m.bias)
        else:
            self._load(features, weights)
        self.features = features
        self.normalize_input = normalize_input
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1), persistent=False)
        freeze(self)

    @staticmethod
    def _load(features: nn.Sequential, weights: str | os.PathLike | None) -> None:
        if weights is None:
            weights = try_to_load_from_cache(VGG16_HUB_REPO, "model.safetensors")
            if not isinstance(weights, str):
                raise RuntimeError(_MISSING_WEIGHTS)
        wanted = [f"features.{k}" for k in features.state_dict()]
        state = _read_tensors(Path(weights), wanted)
        if missing := [k for k in wanted if k not in state]:
            raise RuntimeError(
                f"{str(weights)!r} is not a VGG16 state dict: it lacks {', '.join(missing)} "
                f"(expected timm's or torchvision's VGG16 keys)"
            )
        features.load_state_dict({k.removeprefix("features."): v for k, v in state.items()})

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        if self.normalize_input:
            x = (x - self.mean) / self.std
        out = {}
        for i, layer in enumerate(self.features):
            x = layer(x)
            if i in self.taps:
                out[i] = x
        return [out[i] for i in self.taps]


def gram_matrix(feat: torch.Tensor) -> torch.Tensor:
    """N×C×C Gram matrices F·Fᵀ/(C·H·W) of N×C×H×W features (FCSR-GAN eq. 7, K_n = 1/(C_n·H_n·W_n)), in float32."""
    n, c, h, w = feat.shape
    with torch.autocast(feat.device.type, enabled=False):  # fp16 sums of H·W products overflow
        f = feat.reshape(n, c, h * w).float()
        return f @ f.transpose(1, 2) / (c * h * w)


@LOSSES.register_module()
class PerceptualLoss(BaseLoss):
    """Feature loss Σ_l mean|φ_l(pred) − φ_l(target)| over VGG16 layers (FCSR-GAN eq. 5, one of its two terms).

    FCSR-GAN eq. 5 compares "the feature map of the j-th convolution layer before the i-th max pooling layer" of an
    ImageNet VGG16 and normalises by the map size; the layers are not named, so the default follows the
    FCSR-GAN / PConv code: the outputs of pool1, pool2 and pool3 (docs/architecture-notes.md §5; relu layers such
    as ``('relu1_2', 'relu2_2', 'relu3_3')`` are an option), each an element-wise mean (``criterion='l1'``,
    or ``'l2'``), summed over layers. FCSR-GAN eq. 5's second LR term is a second loss entry with
    ``pred='lr_composite'``.

    ``normalize_input`` defaults to False: the paper is silent and the FCSR-GAN code feeds [0, 1] RGB to the
    VGG without ImageNet normalisation (docs/architecture-notes.md §3.6); True normalises inside the loss as
    NVIDIA's PConv code does. ``vgg_weights``: see :class:`VGG16Features`. The target's features are computed
    without gradient (the target is ground truth).
    """

    kind = "perceptual"

    def __init__(
        self,
        *,
        pred: str,
        target: str,
        weight: float = 1.0,
        name: str | None = None,
        layers: Sequence[str] = POOL_LAYERS,
        criterion: Literal["l1", "l2"] = "l1",
        normalize_input: bool = False,
        vgg_weights: str | os.PathLike | None = None,
    ):
        if criterion not in ("l1", "l2"):
            raise ValueError(f"{type(self).__name__} criterion must be 'l1' or 'l2', got {criterion!r}")
        super().__init__(pred=pred, target=target, weight=weight, name=name)
        self.criterion = criterion
        self.vgg = VGG16Features(layers, vgg_weights, normalize_input)

    def transform(self, feat: torch.Tensor) -> torch.Tensor:
        """What is compared at each layer: the feature map itself."""
        return feat

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        pred, target = self.fetch_pair(data)
        with torch.no_grad():
            target_feats = [self.transform(f) for f in self.vgg(target)]
        distance = F.l1_loss if self.criterion == "l1" else F.mse_loss
        return sum(distance(self.transform(p), t) for p, t in zip(self.vgg(pred), target_feats))


@LOSSES.register_module()
class StyleLoss(PerceptualLoss):
    """Style loss Σ_l mean|G(φ_l(pred)) − G(φ_l(target))| with G = F·Fᵀ/(C·H·W) (FCSR-GAN eq. 7).

    Same VGG16 layers and options as :class:`PerceptualLoss` (pool1–3 by default). FCSR-GAN eq. 7 writes an L1
    norm; as the FCSR-GAN code (weight 120, docs/architecture-notes.md §3.6) it is the mean over the N×C×C Gram
    entries. Its second term (the composite) is a second loss entry with ``pred='lr_composite'``.
    """

    kind = "style"

    def transform(self, feat: torch.Tensor) -> torch.Tensor:
        """What is compared at each layer: the normalised Gram matrix."""
        return gram_matrix(feat)
