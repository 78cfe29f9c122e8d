"""The Hugging Face Hub transport of model directories (:mod:`facerestore.weights`): a model repository holds
config.json and model.safetensors plus its model card (README.md). :func:`download` fetches one into the Hugging
Face cache (the cache only with ``HF_HUB_OFFLINE=1``), :func:`verify_files` checks the sha256 a zoo entry pins and
evicts a damaged file; :func:`facerestore.zoo.push_to_hub` uploads a directory (docs/hub.md). ``huggingface_hub``
is imported only by these functions, so that loading an embedded model does not import it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .weights import CONFIG_NAME, WEIGHTS_NAME

CARD_NAME = "README.md"
HUB_FILES = (CONFIG_NAME, WEIGHTS_NAME, CARD_NAME)


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

    A model missing from the cache, or a snapshot without config.json or model.safetensors (e.g. after
    :func:`verify_files` deleted one), is an error that gives ``hint``, the command that fetches it again.
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
    if missing := [name for name in (CONFIG_NAME, WEIGHTS_NAME) if not (folder / name).is_file()]:
        raise FileNotFoundError(
            f"{label} in {folder} has no {' or '.join(missing)} (a facerestore model repository holds "
            f"{CONFIG_NAME} and {WEIGHTS_NAME}); fetch it again, online, with: {hint}"
        )
    return folder


def verify_files(folder: str | os.PathLike, sha256: dict[str, str], label: str, hint: str) -> None:
    """Check each file of a cached snapshot against its sha256 (a zoo entry's).

    A mismatch deletes the file from the cache (:func:`_evict`) and raises an error naming the file and ``hint``.
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
