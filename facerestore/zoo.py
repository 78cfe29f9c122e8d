"""The model zoo: one JSON entry per alias in ``zoo/`` (shipped in the wheel as ``facerestore/_zoo``).

An entry says where the weights are (``status``: ``embedded`` in the package, ``published`` on the Hugging
Face Hub, or ``unpublished``), the config that builds the model, how it was trained and what it scored under
which protocol. Downloads go to the Hugging Face cache only.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "default"


@cache
def zoo_dir() -> Path:
    """The zoo folder: ``facerestore/_zoo`` in an installed wheel, ``zoo/`` in a source checkout."""
    packaged = Path(__file__).parent / "_zoo"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[1] / "zoo"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("facerestore's model zoo is missing from this installation (no _zoo folder)")


def entries() -> dict[str, dict[str, Any]]:
    """Every zoo entry by alias."""
    return {p.stem: json.loads(p.read_text()) for p in sorted(zoo_dir().glob("*.json"))}


def entry(alias: str) -> dict[str, Any]:
    from .registry import _close_matches

    known = entries()
    if alias not in known:
        raise KeyError(
            f"unknown model {alias!r}{_close_matches(alias, known)} "
            f"(zoo aliases: {', '.join(sorted(known))}; or give the path of a model directory)"
        )
    return known[alias]


def resolve(name_or_path: str | os.PathLike, **kwargs):
    """Load a model directory, or the model a zoo alias names."""
    from .hub import load_directory

    path = Path(name_or_path)
    if path.is_dir():
        return load_directory(path)
    if os.sep in str(name_or_path) or path.suffix:
        raise FileNotFoundError(f"model directory {name_or_path} does not exist")
    info = entry(str(name_or_path))
    status = info.get("status")
    if status == "embedded":
        return load_directory(zoo_dir() / info["directory"])
    if status == "published":
        return load_directory(_download(info, **kwargs))
    raise RuntimeError(
        f"model {name_or_path!r} has no published weights yet; train it with: {info.get('train_command')}"
    )


def _download(info: dict[str, Any], cache_dir: str | None = None) -> Path:
    """Fetch a published entry into the Hugging Face cache and check each file's sha256."""
    import hashlib

    from huggingface_hub import snapshot_download

    folder = Path(
        snapshot_download(
            info["hub_id"],
            revision=info.get("revision"),
            cache_dir=cache_dir,
            allow_patterns=["config.json", "model.safetensors", "README.md"],
        )
    )
    for name, digest in info.get("sha256", {}).items():
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if actual != digest:
            raise ValueError(
                f"{folder / name} has sha256 {actual}, the zoo expects {digest}: the download is damaged; delete "
                f"it and fetch again with: huggingface-cli download {info['hub_id']} --revision {info.get('revision')}"
            )
    return folder
