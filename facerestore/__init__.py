"""facerestore: restore low-resolution, occluded faces (joint face completion / denoising + super-resolution).

``import facerestore`` loads the registries and the models only; data, training and the command line load
when they are used.
"""

from __future__ import annotations

import os

import torch

from . import models  # noqa: F401  (registers every model)
from .models.base import FaceModule, placement
from .registry import build_model, model_kinds
from .weights import save_pretrained
from .zoo import push_to_hub, resolve

__version__ = "0.1.0"
__all__ = ["build_model", "list_models", "from_pretrained", "save_pretrained", "push_to_hub", "FaceModule"]


def list_models() -> dict[str, list[str]]:
    """Every registered model name, grouped by kind: completion, sr, prior, discriminator, compound."""
    return model_kinds()


def from_pretrained(
    name_or_path: str | os.PathLike,
    cache_dir: str | os.PathLike | None = None,
    token: str | bool | None = None,
    device: str | torch.device | None = None,
    dtype: str | torch.dtype | None = None,
) -> FaceModule:
    """Load a model, strictly, from a zoo alias (``facerestore list``), ``'hf-hub:org/name[@revision]'`` or a
    model directory; on the CPU in float32 unless ``device`` / ``dtype`` say otherwise (``'auto'``: a GPU in
    fp16 when there is one; see :func:`facerestore.models.base.placement`).

    Hub weights go through the Hugging Face cache (``cache_dir``; the cache only with ``HF_HUB_OFFLINE=1``)
    and are checked against the sha256 the zoo pins for them (docs/hub.md). An alias whose weights are not
    published yet is an error that gives its ``facerestore train`` command.
    """
    model = resolve(name_or_path, cache_dir=cache_dir, token=token)
    if device is None and dtype is None:
        return model
    device, dtype = placement(device or "cpu", dtype or "fp32")
    return model.to(device=device, dtype=dtype)
