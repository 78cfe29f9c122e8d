"""Model directories: ``config.json`` (the config that rebuilds the model) + ``model.safetensors``, or the
weights in shards (``model-0000k-of-0000n.safetensors`` + ``model.safetensors.index.json``, the Hugging Face
layout) where a file must stay under a size limit.

No pickle anywhere: weights are safetensors, the config is JSON. Writes are atomic (a temporary file in the
same folder, then ``os.replace``), so a failure never leaves a half-written model directory behind.

On the Hugging Face Hub a model repository holds the same two files plus its model card (README.md):
:func:`download` fetches one into the Hugging Face cache (the cache only with ``HF_HUB_OFFLINE=1``),
:func:`verify_files` checks the sha256 a zoo entry pins and evicts a damaged file, :func:`push_to_hub` uploads
a directory (docs/hub.md). ``huggingface_hub`` is imported only by these functions.
"""

from __future__ import annotations

import hashlib
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
INDEX_NAME = "model.safetensors.index.json"
CARD_NAME = "README.md"
HUB_FILES = (CONFIG_NAME, WEIGHTS_NAME, CARD_NAME)


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
    atomic_write(directory / CONFIG_NAME, lambda tmp: Path(tmp).write_text(config_text))
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
        atomic_write(written[-1], lambda tmp: Path(tmp).write_text(index))
    return written


def read_config(directory: str | os.PathLike) -> dict[str, Any]:
    path = Path(directory) / CONFIG_NAME
    if not path.is_file():
        raise FileNotFoundError(f"{directory} is not a model directory: {CONFIG_NAME} is missing")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(f"{path} is not valid JSON: {err}") from None


def _read_safetensors(path: Path) -> dict[str, torch.Tensor]:
    if not path.is_file():
        raise FileNotFoundError(f"weights file {path} does not exist")
    try:
        return load_file(str(path))
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
    from safetensors import safe_open

    files = [path]
    if path.name.endswith(".index.json") and path.is_file():
        files = [path.parent / name for name in sorted(set(_read_index(path).values()))]
    shapes = {}
    for file in files:
        if not file.is_file():
            raise FileNotFoundError(f"weights file {file} does not exist")
        try:
            with safe_open(str(file), "pt") as f:
                shapes.update({key: tuple(f.get_slice(key).get_shape()) for key in f.keys()})  # noqa: SIM118 (safe_open is not iterable)
        except Exception as err:  # safetensors raises its own error types for corrupt files
            raise ValueError(f"{file} is not a readable safetensors file: {err}") from None
    return shapes


def load_directory(directory: str | os.PathLike) -> FaceModule:
    """Rebuild the model saved in ``directory`` and load its weights (one file, or shards) strictly.

    The config is first built on the meta device (no memory) and its tensor shapes compared with the ones the
    weight files declare, so a wrong-typed or absurd value in ``config.json`` is an error naming the file
    instead of a crash, a huge allocation or a model that silently differs from its weights.
    """
    from . import build_model

    directory = Path(directory)
    config = read_config(directory)
    weights = directory / WEIGHTS_NAME
    index = directory / INDEX_NAME
    weights = index if index.is_file() and not weights.is_file() else weights
    declared = _declared_shapes(weights)
    try:
        with torch.device("meta"):
            skeleton = build_model(config)
    except (TypeError, ValueError, KeyError) as err:
        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        raise ValueError(f"{directory / CONFIG_NAME}: {message}") from None
    except (RuntimeError, NotImplementedError):  # a model that reads real data as it is built (SFace's ONNX)
        skeleton = None
    expected = declared if skeleton is None else {key: tuple(t.shape) for key, t in skeleton.state_dict().items()}
    if expected != declared:
        differ = sorted(set(expected) ^ set(declared)) or [k for k in expected if expected[k] != declared[k]]
        key = differ[0]
        raise ValueError(
            f"{directory / CONFIG_NAME} does not describe the weights in {weights.name}: {key} is "
            f"{expected.get(key, 'absent')} by the config, {declared.get(key, 'absent')} in the weights"
        )
    model = build_model(config)
    load_weights(model, weights)
    return model.eval()


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hub_offline() -> bool:
    """``HF_HUB_OFFLINE`` as set now (huggingface_hub reads it once, when it is imported)."""
    from huggingface_hub import constants

    if "HF_HUB_OFFLINE" in os.environ:
        return os.environ["HF_HUB_OFFLINE"].upper() in {"1", "ON", "YES", "TRUE"}
    return constants.HF_HUB_OFFLINE


def download(
    repo_id: str,
    revision: str | None = None,
    *,
    cache_dir: str | os.PathLike | None = None,
    token: str | bool | None = None,
    files: list[str] | tuple[str, ...] | None = None,
    hint: str | None = None,
) -> Path:
    """Fetch ``files`` of the Hub model ``repo_id`` at ``revision`` into the Hugging Face cache; the snapshot folder.

    With ``HF_HUB_OFFLINE`` set only the cache is read. A model missing from the cache, or a snapshot without
    config.json or model.safetensors (e.g. after :func:`verify_files` deleted one), is an error that gives
    ``hint``, the command that fetches it again.
    """
    from huggingface_hub import constants, snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError, RepositoryNotFoundError, RevisionNotFoundError

    label = f"{repo_id}@{revision or 'main'}"
    hint = hint or f"facerestore download hf-hub:{repo_id}" + (f"@{revision}" if revision else "")
    offline = hub_offline()
    try:
        folder = snapshot_download(
            repo_id,
            revision=revision,
            cache_dir=cache_dir,
            token=token,
            local_files_only=offline,
            allow_patterns=list(files or HUB_FILES),
        )
    except LocalEntryNotFoundError:
        why = "HF_HUB_OFFLINE is set" if offline else "the Hub cannot be reached"
        raise FileNotFoundError(
            f"{label} is not in the Hugging Face cache {cache_dir or constants.HF_HUB_CACHE} and {why}; "
            f"fetch it once, online, with: {hint}"
        ) from None
    except (RepositoryNotFoundError, RevisionNotFoundError) as err:
        raise FileNotFoundError(f"{label}: {str(err).splitlines()[0]}") from None
    folder = Path(folder)
    missing = [name for name in (CONFIG_NAME, WEIGHTS_NAME) if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{label} in {folder} has no {' or '.join(missing)} (a facerestore model repository holds "
            f"{CONFIG_NAME} and {WEIGHTS_NAME}); fetch it again, online, with: {hint}"
        )
    return folder


def verify_files(folder: str | os.PathLike, sha256: dict[str, str], label: str, hint: str) -> None:
    """Check each file of a cached snapshot against its sha256 (a zoo entry's).

    A mismatch deletes the file from the cache, both the snapshot link and the blob it points to, so the next
    download fetches it afresh, and raises an error naming the file and ``hint``, the command to fetch it again.
    """
    for name, expected in sha256.items():
        path = Path(folder) / name
        if not path.is_file():
            raise FileNotFoundError(f"{name} of {label} is not in the cache ({path}); fetch it again with: {hint}")
        actual = file_sha256(path)
        if actual != expected:
            _evict(path)
            raise ValueError(
                f"{name} of {label} has sha256 {actual}, the zoo expects {expected}: the download is damaged and "
                f"was deleted from the cache ({path}); fetch it again, online, with: {hint}"
            )


def _evict(path: Path) -> None:
    """Delete a cached file: the snapshot entry and, when it links to a blob of the same repository's cache
    (the Hub layout: ``<repo>/snapshots/<rev>/<file>`` → ``<repo>/blobs/<hash>``), that blob. A link that
    points anywhere else is removed and its target left alone: nothing outside the cache is ever deleted."""
    blob = path.resolve() if path.is_symlink() else None
    repo_blobs = path.parent.parent.parent / "blobs"  # <repo>/snapshots/<rev>/<file> → <repo>/blobs
    path.unlink()
    if blob is not None and blob.parent == repo_blobs.resolve():
        blob.unlink(missing_ok=True)


def check_directory(directory: str | os.PathLike) -> FaceModule:
    """The model in ``directory``, loaded strictly; an error names what is missing or wrong."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"model directory {directory} does not exist")
    return load_directory(directory)


def push_to_hub(
    model_dir: str | os.PathLike,
    repo_id: str,
    *,
    alias: str | None = None,
    revision: str | None = None,
    private: bool | None = None,
    token: str | bool | None = None,
    commit_message: str | None = None,
) -> dict[str, Any]:
    """Upload a model directory to the Hub repository ``repo_id`` (``org/name``) in one commit.

    The directory must load strictly first. Its model card, rendered from the zoo entry ``alias`` (with
    ``hub_id`` = ``repo_id``) or, without one, from its config, is written to ``model_dir/README.md``; then
    config.json, model.safetensors and README.md go up with ``HfApi``: ``create_repo(exist_ok=True)``, a branch
    for a ``revision`` other than main, ``create_commit``. Returns the commit's ``url`` and ``commit`` id and the
    ``sha256`` of config.json and model.safetensors, which the zoo entry pins when the alias is published.
    """
    from huggingface_hub import CommitOperationAdd, HfApi

    from .zoo import REPO_ID, entry, model_card

    if not REPO_ID.fullmatch(repo_id):
        raise ValueError(f"{repo_id!r} is not a Hub repository: write org/name (and a branch as the revision)")
    model_dir = Path(model_dir)
    model = check_directory(model_dir)
    if alias is not None:
        info = {**entry(alias), "hub_id": repo_id}
        if "config" in info and info["config"] != model.config:
            raise ValueError(f"{model_dir}/{CONFIG_NAME} is not the model of zoo entry {alias!r} (its config differs)")
    else:
        info = _directory_card_info(model, repo_id)
    card = model_card(info)
    atomic_write(model_dir / CARD_NAME, lambda tmp: Path(tmp).write_text(card))

    api = HfApi(token=token)
    api.create_repo(repo_id, private=private, exist_ok=True, repo_type="model")
    if revision not in (None, "main"):
        api.create_branch(repo_id, branch=revision, exist_ok=True)
    operations = [CommitOperationAdd(path_in_repo=name, path_or_fileobj=str(model_dir / name)) for name in HUB_FILES]
    commit = api.create_commit(
        repo_id,
        operations=operations,
        commit_message=commit_message or f"facerestore push {alias or model_dir.name}",
        revision=revision,
    )
    digests = {name: file_sha256(model_dir / name) for name in (CONFIG_NAME, WEIGHTS_NAME)}
    return {"url": commit.commit_url, "commit": commit.oid, "sha256": digests}


def _directory_card_info(model: FaceModule, repo_id: str) -> dict[str, Any]:
    """What the model card can say about a directory that no zoo entry describes."""
    cfg = model.config
    parts = ", ".join(f"{k} {cfg[k]['type']}" for k in ("completion", "prior", "sr") if isinstance(cfg.get(k), dict))
    return {
        "hub_id": repo_id,
        "description": f"A facerestore {cfg['type']}{f' ({parts})' if parts else ''}, pushed from a model directory.",
        "input_size": model.input_size,
        "takes_mask": model.takes_mask,
        "licence": {"code": "Apache-2.0", "weights": None},
    }
