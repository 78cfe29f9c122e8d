"""Model directories: ``config.json`` (the config that rebuilds the model) + ``model.safetensors``.

No pickle anywhere: weights are safetensors, the config is JSON. Writes are atomic (a temporary file in the
same folder, then ``os.replace``), so a failure never leaves a half-written model directory behind.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from .imageio import atomic_write
from .models.base import FaceModule

CONFIG_NAME = "config.json"
WEIGHTS_NAME = "model.safetensors"


def save_pretrained(model: FaceModule, directory: str | os.PathLike, dtype: torch.dtype | None = None) -> Path:
    """Write ``model`` to ``directory`` as ``config.json`` + ``model.safetensors``.

    ``dtype`` (e.g. ``torch.float16``) stores floating-point weights in that type; loading casts them back
    to the model's own dtype.
    """
    if not isinstance(model, FaceModule):
        raise TypeError(f"save_pretrained takes a facerestore model, got {type(model).__name__}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    state = {}
    for name, tensor in model.state_dict().items():
        tensor = tensor.detach().cpu()
        if dtype is not None and tensor.is_floating_point():
            tensor = tensor.to(dtype)
        state[name] = tensor.contiguous().clone()
    config_text = json.dumps(model.config, indent=2) + "\n"
    atomic_write(directory / WEIGHTS_NAME, lambda tmp: save_file(state, tmp, metadata={"format": "pt"}))
    atomic_write(directory / CONFIG_NAME, lambda tmp: Path(tmp).write_text(config_text))
    return directory


def read_config(directory: str | os.PathLike) -> dict[str, Any]:
    path = Path(directory) / CONFIG_NAME
    if not path.is_file():
        raise FileNotFoundError(f"{directory} is not a model directory: {CONFIG_NAME} is missing")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(f"{path} is not valid JSON: {err}") from None


def load_weights(model: torch.nn.Module, path: str | os.PathLike) -> torch.nn.Module:
    """Load a safetensors state dict into ``model`` strictly: missing or unexpected keys are an error."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"weights file {path} does not exist")
    try:
        state = load_file(str(path))
    except Exception as err:  # safetensors raises its own error types for corrupt files
        raise ValueError(f"{path} is not a readable safetensors file: {err}") from None
    expected = model.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing or unexpected:
        raise KeyError(
            f"weights in {path} do not fit {type(model).__name__}: "
            f"missing keys {missing or 'none'}, unexpected keys {unexpected or 'none'}"
        )
    wrong = [
        f"{k} {tuple(state[k].shape)} vs {tuple(v.shape)}" for k, v in expected.items() if state[k].shape != v.shape
    ]
    if wrong:
        raise ValueError(f"weights in {path} have the wrong shapes for {type(model).__name__}: {'; '.join(wrong)}")
    model.load_state_dict(state, strict=True)
    return model


def load_directory(directory: str | os.PathLike) -> FaceModule:
    """Rebuild the model saved in ``directory`` and load its weights strictly."""
    from . import build_model

    model = build_model(read_config(directory))
    load_weights(model, Path(directory) / WEIGHTS_NAME)
    return model.eval()
