"""The model zoo: one JSON entry per alias in ``zoo/`` (shipped in the wheel as ``facerestore/_zoo``).

An entry says where the weights are (``status``: ``embedded`` in the package, ``published`` on the Hugging
Face Hub at a pinned ``revision`` with the ``sha256`` of each file, or ``unpublished``), the config that builds
the model and the command that trains it, the protocol it is evaluated under and what it scored. Downloads go
to the Hugging Face cache only (docs/hub.md). :func:`model_card` renders an entry as the Hub model card
(``zoo/cards/ALIAS.md``, written by ``scripts/zoo_table.py``, uploaded as README.md by :func:`push_to_hub`).
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from types import UnionType
from typing import Any, TypedDict, Union, get_args, get_origin, get_type_hints, is_typeddict

from .hub import CARD_NAME, HUB_FILES, download, file_sha256, verify_files
from .imageio import atomic_write_text
from .models.base import FaceModule
from .registry import close_matches
from .weights import CONFIG_NAME, WEIGHTS_NAME, check_directory, load_directory

DEFAULT_MODEL = "default"
OCCLUSION_MODEL = "occlusion"  # the occlusion estimator of `restore --mask auto`
HUB_PREFIX = "hf-hub:"
STATUSES = ("embedded", "published", "unpublished")
REPO_ID = re.compile(r"[\w.-]+/[\w.-]+")  # org/name


@cache
def zoo_dir() -> Path:
    """The zoo folder: ``facerestore/_zoo`` in an installed wheel, ``zoo/`` in a source checkout."""
    for folder in (Path(__file__).parent / "_zoo", Path(__file__).resolve().parents[1] / "zoo"):
        if folder.is_dir():
            return folder
    raise FileNotFoundError("facerestore's model zoo is missing from this installation (no _zoo folder)")


class Protocol(TypedDict):
    """How an alias is evaluated (docs/architecture-notes.md §7): the test split, scale, occlusion and metrics."""

    dataset: str
    split: str
    hr_size: int
    scale: int
    occlusion: str
    mask: str
    metrics: list[str]
    y_channel: bool
    crop_border: int
    baseline: str


class _Required(TypedDict):
    alias: str
    description: str
    paper: str | None
    tags: list[str]
    status: str
    width: str
    hub_id: str | None
    revision: str | None
    files: list[str]
    sha256: dict[str, str]
    licence: dict[str, str]
    input: str
    takes_mask: bool
    config_file: str
    train_command: str
    training: dict[str, Any]
    protocol: Protocol
    results: list[dict[str, Any]]


class Entry(_Required, total=False):
    """One zoo entry (``zoo/ALIAS.json``): what the model is, where its weights are, how it was trained and how
    it scored. ``directory``, ``config`` and ``weights_dtype`` are there once it is embedded; ``paper_alias`` names
    the paper-width entry of a reduced one; ``kind`` marks the occlusion estimator."""

    paper_alias: str | None
    directory: str
    config: dict[str, Any]
    weights_dtype: str
    kind: str


#: Each schema's resolved field types, worked out once (the annotations are strings until resolved).
_FIELDS = {schema: get_type_hints(schema) for schema in (Entry, Protocol)}


def _matches(value: Any, kind: Any) -> bool:
    """Whether a JSON value fits a field's annotation (unions, ``list[...]``/``dict[...]`` by container, nested
    TypedDicts as objects)."""
    if get_origin(kind) in (Union, UnionType):
        return any(_matches(value, option) for option in get_args(kind))
    if kind is Any:
        return True
    if kind is type(None):
        return value is None
    if is_typeddict(kind):
        return isinstance(value, dict)
    return isinstance(value, get_origin(kind) or kind) and not (kind is int and isinstance(value, bool))


def _typed(path: Path) -> Entry:
    """The entry in ``path``, checked against :class:`Entry`: a missing key, a key of the wrong type, an unknown
    status or an embedded entry without its directory is a ``ValueError`` naming the file and the key."""
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(f"zoo entry {path} is not valid JSON: {err}") from None
    for schema, fields in ((Entry, data), (Protocol, data.get("protocol"))):
        if not isinstance(fields, dict):
            raise ValueError(f"zoo entry {path}: 'protocol' must be an object")
        for key, kind in _FIELDS[schema].items():
            if key not in fields:
                if key in schema.__optional_keys__:
                    continue
                raise ValueError(f"zoo entry {path} has no {key!r}")
            if not _matches(fields[key], kind):
                raise ValueError(f"zoo entry {path}: {key!r} is {fields[key]!r}, expected {kind}")
    if data["status"] not in STATUSES or (data["status"] == "embedded" and "directory" not in data):
        raise ValueError(f"zoo entry {path}: status {data['status']!r} (one of {STATUSES}; embedded needs 'directory')")
    return data


def entries() -> dict[str, Entry]:
    """Every zoo entry by alias, checked (:class:`Entry`)."""
    return {p.stem: _typed(p) for p in sorted(zoo_dir().glob("*.json"))}


def entry(alias: str) -> Entry:
    known = entries()
    if alias not in known:
        raise KeyError(
            f"unknown model {alias!r}{close_matches(alias, known)} "
            f"(zoo aliases: {', '.join(sorted(known))}; {HUB_PREFIX}org/name[@revision]; or a model directory)"
        )
    return known[alias]


def parse_hub_spec(spec: str) -> tuple[str, str | None]:
    """``'hf-hub:org/name@rev'`` → ``('org/name', 'rev')``; the revision (branch, tag or commit) is optional."""
    repo_id, _, revision = spec.removeprefix(HUB_PREFIX).partition("@")
    if not REPO_ID.fullmatch(repo_id) or ("@" in spec and not revision):
        raise ValueError(f"{spec!r} is not a Hub model: write {HUB_PREFIX}org/name or {HUB_PREFIX}org/name@revision")
    return repo_id, revision or None


def fetch(name_or_path: str | os.PathLike, cache_dir: str | os.PathLike | None = None, token=None) -> Path:
    """The local model directory for a zoo alias, a ``hf-hub:org/name[@rev]`` spec or a directory, fetched and
    checked as :func:`facerestore.from_pretrained` says; a damaged file is deleted from the cache."""
    text = os.fspath(name_or_path)
    hint = f"facerestore download {text}"
    if text.startswith(HUB_PREFIX):
        repo_id, revision = parse_hub_spec(text)
        folder = download(repo_id, revision, cache_dir=cache_dir, token=token, hint=hint)
        # The snapshot folder is named by its commit: check it where a zoo entry pins that commit.
        pinned = next((e for e in entries().values() if (e["hub_id"], e["revision"]) == (repo_id, folder.name)), None)
        if pinned is not None:
            verify_files(folder, pinned["sha256"], f"{repo_id}@{folder.name}", hint)
        return folder
    path = Path(text)
    bare = "/" not in text and os.sep not in text
    if path.is_dir() and not (bare and text in entries()):  # an alias wins over a folder of its name: ./default
        return path
    if not bare or path.suffix:
        raise FileNotFoundError(
            f"model directory {text} does not exist (a Hub model is written {HUB_PREFIX}org/name[@revision])"
        )
    info = entry(text)
    status = info["status"]
    if status == "embedded":
        return zoo_dir() / info["directory"]
    if status == "published":
        folder = download(
            info["hub_id"], info["revision"], cache_dir=cache_dir, token=token, files=info["files"], hint=hint
        )
        verify_files(folder, info["sha256"], f"{text} ({info['hub_id']}@{info['revision']})", hint)
        return folder
    then = f", then load work_dirs/{Path(info['config_file']).stem}/model"
    raise RuntimeError(f"model {text!r} has no published weights yet; train it with: {info['train_command']}{then}")


def resolve(name_or_path: str | os.PathLike, cache_dir: str | os.PathLike | None = None, token=None):
    """Load the model a zoo alias, a ``hf-hub:`` spec or a model directory names (strictly: weights.load_directory)."""
    return load_directory(fetch(name_or_path, cache_dir=cache_dir, token=token))


def protocol_text(protocol: dict[str, Any]) -> str:
    """One line for an evaluation protocol: data and split, scale, occlusion, metrics, crop border, baseline."""
    p = protocol
    space = "Y (BT.601)" if p["y_channel"] else "RGB"
    return (
        f"{p['dataset']} test split ({p['split']}), ×{p['scale']} (LR {p['hr_size'] // p['scale']}²), "
        f"{p['occlusion']}, {'/'.join(p['metrics'])} on {space}, crop border {p['crop_border']}; {p['baseline']}"
    )


def trained_input_size(name: str) -> int | None:
    """The LR size a zoo alias was trained and evaluated at (its protocol), for models that take any size
    (JDSR-GAN's upsamples whatever it gets); None for a name that is not an alias."""
    protocol = entries().get(name, {}).get("protocol")
    return protocol["hr_size"] // protocol["scale"] if protocol else None


def record_text(value: Any, separator: str = "; ") -> str:
    """A training-record value as one line: lists joined with ``separator``, dicts as ``key: value`` pairs."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {record_text(v, ' / ')}" for k, v in value.items())
    if isinstance(value, list):
        return separator.join(record_text(v, " / ") for v in value)
    return str(value)


def model_card(info: dict[str, Any]) -> str:
    """The Hugging Face model card (README.md) for a zoo entry: front matter (huggingface_hub's ``ModelCardData``,
    with the recorded results as a machine-readable ``model-index``), usage, training, results, licence.

    ``info`` is an entry, or the partial one ``facerestore push`` makes for a directory with no alias.
    """
    from huggingface_hub import EvalResult, ModelCardData

    alias, hub_id = info.get("alias"), info.get("hub_id")
    weights = info.get("licence", {}).get("weights") or "not stated"
    protocol = info.get("protocol")
    evals = [
        EvalResult(
            task_type="image-to-image",
            dataset_type=protocol["dataset"],
            dataset_name=protocol["dataset"],
            dataset_split="test",
            dataset_config=f"x{protocol['scale']}",
            metric_type=metric.lower(),
            metric_name=metric,
            metric_value=value,
        )
        for r in info.get("results", [])
        for metric, value in r["metrics"].items()
        if "/" not in metric  # the model's own; the classical rows measured beside it are in the table below
    ]
    front = ModelCardData(
        license="other",
        license_name="research-use-only" if weights.startswith("research use only") else "unspecified",
        library_name="facerestore",
        pipeline_tag="image-to-image",
        tags=["facerestore", "face-restoration", *info.get("tags", [])],
        model_name=(alias or hub_id) if evals else None,
        eval_results=evals or None,
    )
    lines = ["---", front.to_yaml(), "---", ""]
    lines += [f"# {hub_id or f'facerestore: {alias}'}", "", info["description"], ""]
    if info.get("paper"):
        lines += [f"Method: {info['paper']}.", ""]
    if info.get("input"):
        lines += [f"Input: {info['input']}.", ""]

    size = info.get("input_size") or (protocol and protocol["hr_size"] // protocol["scale"])
    faces = f"N×{size}×{size}×3" if size else "N×h×w×3"
    if info.get("kind") == "occlusion":  # an estimator, not a restorer: it finds masks for the others
        result, restore = "known", "model.estimate(faces)"
        what = f"N×3×{size}×{size} tensor in [0, 1] → N×1×{size}×{size}, 1 = known"
    else:
        result = "restored"
        restore = "model.restore(faces, masks)" if info.get("takes_mask") else "model.restore(faces)"
        what = f"{faces} uint8 RGB" + ("; masks at the input size, 1 = known" if info.get("takes_mask") else "")
    calls = []
    embedded = info.get("status") == "embedded"
    if alias:
        note = "embedded in the package" if embedded else "the zoo alias: pinned revision, sha256-checked"
        calls.append((f'model = fr.from_pretrained("{alias}")', note))
    if hub_id:
        calls.append((f'model = fr.from_pretrained("{HUB_PREFIX}{hub_id}")', "this repository; @revision pins one"))
    calls.append((f"{result} = {restore}", what))
    width = max(len(c) for c, _ in calls)
    name = alias or f"{HUB_PREFIX}{hub_id}"
    mask = " --mask MASK_DIR" if info.get("takes_mask") else ""
    lines += ["## How to load", "", "```python", "import facerestore as fr", ""]
    lines += [f"{c:<{width}}  # {note}" for c, note in calls] + ["```", "", "```bash"]
    if not embedded:
        lines += [f"facerestore download {name}  # once, online: fills the Hugging Face cache for HF_HUB_OFFLINE=1"]
    usage = "PHOTO -o OUT --mask auto" if info.get("kind") == "occlusion" else f"LR_DIR{mask} -o OUT --model {name}"
    lines += [f"facerestore restore {usage}", "```", ""]

    lines += ["## Training", ""]
    if info.get("train_command"):
        lines += ["```bash", info["train_command"], "```", ""]
        lines += [f"`{info['config_file']}` in the facerestore repository builds and trains it.", ""]
    else:
        lines += ["Not recorded.", ""]
    details = {k: v for k, v in info.get("training", {}).items() if k not in ("config", "command")}
    lines += [f"- {k}: {record_text(v)}" for k, v in details.items()] + ([""] if details else [])

    lines += ["## Results", ""]
    if protocol:
        lines += [f"Protocol: {protocol_text(protocol)}.", ""]
    if info.get("results"):
        lines += ["| protocol | metrics | command |", "|---|---|---|"]
        for r in info["results"]:
            metrics = ", ".join(f"{k} {v:.4f}" for k, v in r["metrics"].items())
            lines.append(f"| {r['protocol']} | {metrics} | `{r['command']}` |")
        lines.append("")
    else:
        lines += ["No results recorded yet.", ""]

    code = info.get("licence", {}).get("code", "Apache-2.0")
    lines += ["## Licence", "", f"- code: {code} (the facerestore library)", f"- weights: {weights}"]
    return "\n".join(lines) + "\n"


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

    The directory must load strictly first. Its model card, rendered from the zoo entry ``alias`` (its ``hub_id`` set to
    ``repo_id``) or, without one, from its config, is written to ``model_dir/README.md`` and goes up with config.json
    and model.safetensors (the repository, and the branch ``revision``, are created if needed). Returns the commit's
    ``url`` and ``commit`` id and the ``sha256`` of config.json and model.safetensors, which a published zoo entry pins.
    """
    from huggingface_hub import CommitOperationAdd, HfApi

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
    atomic_write_text(model_dir / CARD_NAME, model_card(info))

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
