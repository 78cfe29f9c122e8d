"""Model directories: ``config.json`` (the config that rebuilds the model) + ``model.safetensors``, or the
weights in shards (``model-0000k-of-0000n.safetensors`` + ``model.safetensors.index.json``, the Hugging Face
layout) where a file must stay under a size limit; and the frozen networks that losses and metrics load from them.

No pickle anywhere: weights are safetensors, the config is JSON. Writes are atomic (a temporary file in the
same folder, then ``os.replace``), so a failure never leaves a half-written model directory behind. The Hub
transport of these directories is :mod:`facerestore.hub`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from unittest.mock import patch

import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file
from torch import nn

from .imageio import atomic_write, atomic_write_text
from .models.base import FaceModule
from .registry import build_model

CONFIG_NAME = "config.json"
WEIGHTS_NAME = "model.safetensors"
INDEX_NAME = "model.safetensors.index.json"


def save_pretrained(
    model: FaceModule,
    directory: str | os.PathLike,
    dtype: torch.dtype | None = None,
    max_shard_size: int | str | None = None,
) -> Path:
    """Write ``model`` to ``directory`` as ``config.json`` + ``model.safetensors``.

    ``dtype`` (e.g. ``torch.float16``) stores floating-point weights in that type; loading casts them back
    to the model's own dtype. ``max_shard_size`` (bytes, or ``"16MB"``: units KB, MB, GB, powers of ten)
    splits the weights into shards of at most that size with an index (huggingface_hub's
    ``split_torch_state_dict_into_shards``); the index is written last, so a directory with an index has all
    its shards. Files of the other layout are removed, so a directory holds one set of weights.
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
    old = set(directory.glob("model*.safetensors*"))
    if max_shard_size is None:
        written = [directory / WEIGHTS_NAME]
        atomic_write(written[0], lambda tmp: save_file(state, tmp, metadata={"format": "pt"}))
    else:
        written = _save_shards(state, directory, max_shard_size)
    atomic_write_text(directory / CONFIG_NAME, config_text)
    for stale in old - set(written):
        stale.unlink()
    return directory


def _save_shards(state: dict[str, torch.Tensor], directory: Path, max_shard_size: int | str) -> list[Path]:
    from huggingface_hub import split_torch_state_dict_into_shards

    split = split_torch_state_dict_into_shards(
        state, filename_pattern="model{suffix}.safetensors", max_shard_size=max_shard_size
    )
    written = []
    for filename, names in split.filename_to_tensors.items():
        shard = {name: state[name] for name in names}
        written.append(directory / filename)
        atomic_write(written[-1], lambda tmp, shard=shard: save_file(shard, tmp, metadata={"format": "pt"}))
    if split.is_sharded:
        index = json.dumps({"metadata": split.metadata, "weight_map": split.tensor_to_filename}, indent=2) + "\n"
        written.append(directory / INDEX_NAME)
        atomic_write_text(written[-1], index)
    return written


def read_config(directory: str | os.PathLike) -> dict[str, Any]:
    path = Path(directory) / CONFIG_NAME
    if not path.is_file():
        raise FileNotFoundError(f"{directory} is not a model directory: {CONFIG_NAME} is missing")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(f"{path} is not valid JSON: {err}") from None


def _read_safetensors(path: Path, shapes_only: bool = False) -> dict[str, Any]:
    """A safetensors file's tensors or, ``shapes_only``, the shapes its header declares (no tensor is read)."""
    if not path.is_file():
        raise FileNotFoundError(f"weights file {path} does not exist")
    try:
        if not shapes_only:
            return load_file(str(path))
        with safe_open(str(path), "pt") as f:
            return {key: tuple(f.get_slice(key).get_shape()) for key in f.keys()}  # noqa: SIM118 (safe_open is not iterable)
    except Exception as err:  # safetensors raises its own error types for corrupt files
        raise ValueError(f"{path} is not a readable safetensors file: {err}") from None


def _read_index(index_path: Path) -> dict[str, str]:
    """An index's tensor → shard map; every shard must lie beside the index."""
    try:
        weight_map = dict(json.loads(index_path.read_text())["weight_map"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise ValueError(f"{index_path} is not a safetensors index (no 'weight_map'): {err}") from None
    for shard in weight_map.values():
        if not isinstance(shard, str) or Path(shard).name != shard:
            raise ValueError(f"{index_path} names a shard outside its folder: {shard!r}")
    return weight_map


def _read_shards(index_path: Path) -> dict[str, torch.Tensor]:
    weight_map = _read_index(index_path)
    state = {}
    for shard in sorted(set(weight_map.values())):
        for name, tensor in _read_safetensors(index_path.parent / shard).items():
            if weight_map.get(name) != shard:
                raise ValueError(f"{index_path.parent / shard} holds {name!r}, which the index puts elsewhere")
            state[name] = tensor
    return state


def load_weights(model: torch.nn.Module, path: str | os.PathLike) -> torch.nn.Module:
    """Load a safetensors state dict (a file, or a shard index) into ``model`` strictly: missing or unexpected
    keys and wrong shapes are an error."""
    path = Path(path)
    state = _read_shards(path) if path.name.endswith(".index.json") else _read_safetensors(path)
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


def _declared_shapes(path: Path) -> dict[str, tuple[int, ...]]:
    """The tensor shapes a weights file (or shard index) declares in its header, without reading the tensors."""
    files = [path]
    if path.name.endswith(".index.json") and path.is_file():
        files = [path.parent / name for name in sorted(set(_read_index(path).values()))]
    return {key: shape for file in files for key, shape in _read_safetensors(file, shapes_only=True).items()}


def load_directory(directory: str | os.PathLike) -> FaceModule:
    """Rebuild the model saved in ``directory`` and load its weights (one file, or shards) strictly.

    The config is first built on the meta device (no memory) and its tensor shapes compared with the ones the
    weight files declare, so a wrong-typed or absurd value in ``config.json`` is an error naming the file
    instead of a crash, a huge allocation or a model that silently differs from its weights.
    """
    directory = Path(directory)
    config = read_config(directory)
    weights = directory / WEIGHTS_NAME
    index = directory / INDEX_NAME
    weights = index if index.is_file() and not weights.is_file() else weights
    declared = _declared_shapes(weights)
    try:
        with torch.device("meta"), _without_initialisation():
            skeleton = build_model(config)
    except (TypeError, ValueError, KeyError) as err:
        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        raise ValueError(f"{directory / CONFIG_NAME}: {message}") from None
    except (RuntimeError, NotImplementedError):  # a model that reads real data as it is built (SFace's ONNX)
        skeleton = None
    expected = declared if skeleton is None else {key: tuple(t.shape) for key, t in skeleton.state_dict().items()}
    if expected != declared:
        key = (sorted(set(expected) ^ set(declared)) or [k for k in expected if expected[k] != declared[k]])[0]
        raise ValueError(
            f"{directory / CONFIG_NAME} does not describe the weights in {weights.name}: {key} is "
            f"{expected.get(key, 'absent')} by the config, {declared.get(key, 'absent')} in the weights"
        )
    return load_weights(build_model(config), weights).eval()


def _without_initialisation():
    """``torch.nn.init``'s in-place initialisers as no-ops: a skeleton on the meta device needs shapes only, and
    its random initialisation would go through torch's reference ops, which import torch._dynamo (1.7 s here)."""
    names = [n for n in vars(torch.nn.init) if n.endswith("_") and not n.startswith("_")]
    return patch.multiple(torch.nn.init, **dict.fromkeys(names, lambda tensor, *args, **kwargs: tensor))


def check_directory(directory: str | os.PathLike) -> FaceModule:
    """The model in ``directory``, loaded strictly; an error names what is missing or wrong."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"model directory {directory} does not exist")
    return load_directory(directory)


def freeze(module: nn.Module) -> nn.Module:
    """Turn ``module``'s parameters and buffers into non-persistent buffers and put it in eval mode: a frozen
    loss network follows ``.to()`` but is neither trained nor written to the trainee's ``state_dict()``."""
    for sub in module.modules():
        for key, tensor in list(sub.named_parameters(recurse=False)):
            delattr(sub, key)
            sub.register_buffer(key, tensor.detach(), persistent=False)
        for key, tensor in list(sub.named_buffers(recurse=False)):
            sub.register_buffer(key, tensor, persistent=False)
    module.frozen = True
    return module.eval()


def frozen_network(network: Mapping[str, Any] | str, weights: str | os.PathLike | None, kind: str, owner: str):
    """Build the registered ``kind`` model ``network`` for the loss ``owner``, load ``weights`` into it (a
    ``model.safetensors`` state dict, loaded strictly, or ``'random'``; None only for a network that brings its
    own, ``pretrained = True``) and :func:`freeze` it."""
    net = build_model(network)
    if net.kind != kind:
        raise TypeError(f"{owner} needs a network of kind {kind!r}, got {type(net).__name__} ({net.kind})")
    if weights is None and not getattr(net, "pretrained", False):
        raise ValueError(
            f"{owner} needs weights for {type(net).__name__}: pass weights='/path/model.safetensors' (a state dict "
            f"of this network that you trained), or weights='random' for untrained features (tests and ablations only)"
        )
    if weights is not None and weights != "random":
        load_weights(net, weights)
    return freeze(net)
