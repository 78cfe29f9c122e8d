"""Training and evaluation through the mmengine Runner, from facerestore's Python config files."""

from __future__ import annotations

import itertools
import json
import os
import pickle
import re
from pathlib import Path
from typing import Any

import torch
from mmengine.config import Config
from mmengine.dist import is_main_process
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper
from mmengine.runner import Runner
from torch import nn

from ..imageio import atomic_write_text, csv_text
from ..registry import MODELS, check_arguments, close_matches, lookup, registry_for_type
from ..weights import load_directory, save_pretrained


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


def load_config(path: str | os.PathLike, data_root: str | None = None, options: dict | None = None) -> Config:
    """Read a config file; ``data_root`` replaces the data root of every dataset, ``options`` are
    ``--cfg-options``-style dotted overrides."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"config file {path} does not exist")
    try:
        cfg = Config.fromfile(str(path))
    except SyntaxError as err:
        raise ValueError(f"config {path} line {err.lineno}: syntax error: {err.msg}") from None
    except Exception as err:  # a config is Python: any error in running it is the config's
        raise ValueError(f"config {path} does not load: {type(err).__name__}: {_first_line(err)}") from None
    if data_root is not None:
        old = cfg.get("data_root")
        if old is None:
            raise KeyError(f"{path} has no 'data_root' to replace")
        tree = cfg.to_dict()
        _replace_prefix(tree, str(old), str(data_root))
        cfg = Config(tree, filename=cfg.filename)
    if options:
        _check_options(cfg, options)
        cfg.merge_from_dict(options)
    cfg.setdefault("default_scope", "facerestore")
    return cfg


def _check_options(cfg: Config, options: dict) -> None:
    """Refuse an override whose key does not exist, unless it is an argument of the registered class the
    enclosing dict builds (e.g. ``model.generator.sr.flavour`` on an SRResNet entry that leaves it default)."""
    for dotted in options:
        node: Any = cfg
        parts = dotted.split(".")
        for depth, key in enumerate(parts):
            here = ".".join(parts[: depth + 1])
            if isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
                continue
            if not hasattr(node, "keys"):
                raise KeyError(f"config key {here!r} does not exist: {'.'.join(parts[:depth])!r} is not a dict")
            if key in node:
                if depth == len(parts) - 1:
                    _check_type(here, node[key], options[dotted])
                node = node[key]
                continue
            if depth == len(parts) - 1 and "type" in node:
                registry = registry_for_type(node["type"])
                if registry is not None:
                    check_arguments(lookup(registry, node["type"]), {key: None}, what=f"{here} ({node['type']})")
                    break
            raise KeyError(f"config key {here!r} does not exist{close_matches(key, list(node.keys()))}")


def _check_type(key: str, old: Any, new: Any) -> None:
    """A number or flag must stay one: ``train_cfg.max_iters=abc`` is refused here, naming the key, rather than
    failing later somewhere that does not."""
    for kind, name in (((bool,), "true or false"), ((int, float), "a number")):
        if isinstance(old, kind) and not isinstance(new, kind):
            raise ValueError(f"--cfg-options {key}={new!r}: expected {name} like the config's {old!r}")


def _require_model(cfg: Config) -> None:
    if not isinstance(cfg.get("model"), dict):
        raise KeyError(f"config {cfg.filename} has no 'model' (the FaceRestorer to train and evaluate)")


def _replace_prefix(node: Any, old: str, new: str) -> None:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, str) and value.startswith(old):
            node[key] = new + value[len(old) :]
        elif isinstance(value, dict | list):
            _replace_prefix(value, old, new)


class FaceRunner(Runner):
    """mmengine's Runner, building its model through facerestore's registry (the one checked build path) and
    writing checkpoint files atomically: each is written under a temporary name and moved into place, so a kill
    or a full disk mid-write never leaves a damaged file under a checkpoint's name."""

    def build_model(self, model: nn.Module | dict) -> nn.Module:
        return super().build_model(model if isinstance(model, nn.Module) else MODELS.build(model))

    def save_checkpoint(self, out_dir, filename, *args, **kwargs):
        partial = f".{filename}.partial"
        try:
            super().save_checkpoint(out_dir, partial, *args, **kwargs)
            if is_main_process():  # the only process that writes checkpoints
                os.replace(Path(out_dir) / partial, Path(out_dir) / filename)
        finally:
            (Path(out_dir) / partial).unlink(missing_ok=True)


_RUNNERS = itertools.count()  # numbers each Runner this process builds


def build_runner(cfg: Config, work_dir: str | os.PathLike | None = None):
    cfg = cfg.copy()
    cfg.work_dir = str(work_dir or cfg.get("work_dir") or Path("work_dirs") / Path(cfg.filename).stem)
    # mmengine names a Runner's message hub and logger after the config file and the start time, to the second, and
    # hands out one instance per name: two runs of a config started in the same second (a run, then its resume)
    # would share the first run's history and log file. A run number makes the name unique in the process, and
    # equal across the processes of a multi-process run, which each build their runners in the same order.
    cfg.setdefault("experiment_name", f"{Path(cfg.filename or 'config').stem}_run{next(_RUNNERS)}")
    cfg.setdefault("launcher", "none")
    if cfg.launcher != "none":  # several processes: gloo between CPUs, nccl between GPUs
        cfg.setdefault("model_wrapper_cfg", dict(type="facerestore.GradientSyncWrapper"))  # a scoped name: mmengine
        env = dict(cfg.get("env_cfg") or {})
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        cfg.env_cfg = dict(env, dist_cfg=dict(env.get("dist_cfg") or {}, backend=backend))
        if backend == "gloo" and not torch.distributed.is_initialized():
            # mmengine's pytorch launcher selects a CUDA device first; on CPUs the process group starts here,
            # from the environment torchrun sets (MASTER_ADDR, RANK, WORLD_SIZE), and the Runner joins it.
            torch.distributed.init_process_group(backend="gloo")
    hooks = list(cfg.get("custom_hooks") or [])
    if not any(h.get("type") == "WeightsOnlyCheckpointHook" for h in hooks):
        cfg.custom_hooks = hooks + [dict(type="WeightsOnlyCheckpointHook")]
    return FaceRunner.from_cfg(cfg)


def latest_checkpoint(work_dir: str | os.PathLike) -> Path:
    """The newest complete ``iter_N.pth`` in ``work_dir``, found by listing the folder: mmengine's
    ``last_checkpoint`` file holds an absolute path (wrong once the folder is copied or renamed) and can be
    left empty by a kill, so it is not read. A file that does not load is skipped, with a note."""
    work_dir = Path(work_dir)
    found = sorted(
        (int(m.group(1)), p) for p in work_dir.glob("iter_*.pth") if (m := re.fullmatch(r"iter_(\d+)\.pth", p.name))
    )
    for _, path in reversed(found):
        try:
            torch.load(path, map_location="cpu", weights_only=True, mmap=True)
            return path
        except Exception as err:  # a damaged file of any kind: fall back to the one before
            print_log(f"skipping checkpoint {path}: it does not load ({_first_line(err)})", logger="current")
    raise FileNotFoundError(f"no checkpoint to resume in {work_dir} (no loadable iter_*.pth)")


def train(cfg: Config, work_dir=None, resume: bool | str = False):
    """Train with the Runner; ``resume=True`` continues from the newest complete checkpoint in the work dir
    (:func:`latest_checkpoint`), a path from that checkpoint. A config's ``load_from`` may name a model
    directory: the generator starts from its weights (a new optimiser and schedule); with
    ``load_from_strict=False`` it takes only the tensors whose names and shapes fit (a model of another scale
    of the same family: EDSR §3.3 starts ×3 and ×4 from ×2); with ``load_from_widen=True`` it starts a wider
    generator from a narrower one so that it computes what the narrower one did (:func:`widened_state`). The
    final generator is written as a model directory to ``{work_dir}/model`` (by rank 0 of a multi-process run;
    the others return None)."""
    _require_model(cfg)
    max_iters = cfg.get("train_cfg", {}).get("max_iters")
    if max_iters is not None and (not isinstance(max_iters, int) or max_iters < 1):
        raise ValueError(f"train_cfg.max_iters must be a whole number ≥ 1, got {max_iters!r}")
    work_dir = Path(work_dir or cfg.get("work_dir") or Path("work_dirs") / Path(cfg.filename).stem)
    start_from = None
    if resume:
        cfg.resume = True
        cfg.load_from = str(resume if isinstance(resume, str) else latest_checkpoint(work_dir))
    elif cfg.get("load_from") and Path(cfg.load_from).is_dir():  # a model directory: the generator starts from it
        start_from, cfg.load_from = Path(cfg.load_from), None
    runner = build_runner(cfg, work_dir)
    if start_from is not None:
        load_generator_weights(
            _unwrapped(runner).generator,
            start_from,
            strict=cfg.get("load_from_strict", True),
            widen=cfg.get("load_from_widen", False),
        )
    runner.train()
    final = None
    if is_main_process():  # in a multi-process run, rank 0 writes the model
        final = save_pretrained(_unwrapped(runner).generator, Path(runner.work_dir) / "model")
    if torch.distributed.is_initialized():
        # Every rank waits for rank 0's model, then leaves the group: a rank that exits while the group's
        # threads still talk to the others can abort ("terminate called without an active exception").
        torch.distributed.barrier()
        torch.distributed.destroy_process_group()
    return runner, final


def _unwrapped(runner) -> nn.Module:
    """The trained model, whether or not a multi-process run wrapped it."""
    return runner.model.module if is_model_wrapper(runner.model) else runner.model


def read_checkpoint(path: Path) -> dict:
    """A training checkpoint's contents, loaded weights-only: a file that needs unpickling Python objects is
    refused (a checkpoint is data and never runs code), and an empty or damaged one is named as such."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise ValueError(
            f"checkpoint {path} holds Python objects that a weights-only load refuses; facerestore never "
            "unpickles them (a checkpoint must be data: tensors, numbers, strings)"
        ) from None
    except (EOFError, RuntimeError, OSError) as err:
        raise ValueError(f"checkpoint {path} is empty or damaged: {_first_line(err)}") from None
    if not isinstance(state, dict):
        raise ValueError(f"checkpoint {path} holds a {type(state).__name__}, not a state dict")
    return state


def widened_state(generator: nn.Module, state: dict[str, torch.Tensor], source: str) -> dict[str, torch.Tensor]:
    """``state`` of a narrower model of the same layout, grown to ``generator``'s shapes so that the generator
    computes exactly what that model did (Chen et al. 2016, Net2Net: a function-preserving start for a wider
    network; here the new units start fresh and are read with weight zero rather than copied).

    Each tensor keeps ``state``'s values in its leading slice. The rest of a convolution's or linear layer's
    weight keeps the generator's initialisation, except where it reads an input channel the narrower model did
    not have: zero there. So every new channel is computed but read by nothing until training moves those
    zeros, and every old channel's value is as before. Channel-aligned sums (U-Net skips), pooling and channel
    attention keep new channels apart from old ones, which is what makes this exact for such CNNs; a grouped
    convolution or any other grown multi-dimensional tensor is refused here, and a layout that concatenates
    channels by :func:`load_generator_weights`, which checks that the outputs did not change."""
    own, grown = generator.state_dict(), {}
    differ = sorted(set(state) ^ set(own))
    if differ:
        raise KeyError(
            f"model {source} does not have the generator's layout: {len(differ)} tensor names differ "
            f"({', '.join(differ[:3])}, …)"
        )
    for name, value in state.items():
        target = own[name]
        if value.shape == target.shape:
            grown[name] = value
            continue
        if value.dim() != target.dim() or any(v > t for v, t in zip(value.shape, target.shape)):
            raise KeyError(
                f"model {source}: {name} is {tuple(value.shape)}, which does not grow to the generator's "
                f"{tuple(target.shape)}"
            )
        module = generator.get_submodule(name.rpartition(".")[0])
        tensor = target.detach().clone()
        if value.dim() > 1:
            if isinstance(module, nn.Linear):
                reads = 1
            elif isinstance(module, nn.modules.conv._ConvNd) and module.groups == 1:
                reads = 0 if module.transposed else 1
            else:
                raise KeyError(
                    f"model {source}: {name} ({type(module).__name__}) cannot be widened: only "
                    "ungrouped convolutions and linear layers can"
                )
            tensor.narrow(reads, value.shape[reads], target.shape[reads] - value.shape[reads]).zero_()
        tensor[tuple(slice(0, n) for n in value.shape)] = value
        grown[name] = tensor
    return grown


def _check_same_function(donor: nn.Module, widened: nn.Module, source: str) -> None:
    """Refuse a widening that changed what the model computes, on the donor's example inputs: a layer that
    concatenates channels (a U-Net with concatenated skips, PConv's) puts the new ones between the old ones."""
    training = widened.training
    donor.eval()
    widened.eval()
    with torch.random.fork_rng(devices=[]), torch.no_grad():
        inputs = donor.example_inputs()
        before, after = donor(*inputs), widened(*inputs)
    widened.train(training)
    pairs = [(before[k], after[k]) for k in before] if isinstance(before, dict) else [(before, after)]
    pairs = [pair for a, b in pairs for pair in (zip(a, b) if isinstance(a, tuple) else [(a, b)])]
    if not all(torch.allclose(a.float(), b.float(), rtol=1e-3, atol=1e-4) for a, b in pairs):
        raise ValueError(
            f"widening model {source} changes what it computes: its layout joins channels other than by "
            "channel-aligned sums (concatenated skips), so load_from_widen cannot start from it"
        )


def load_generator_weights(
    generator: torch.nn.Module, checkpoint: str | os.PathLike, strict: bool = True, widen: bool = False
) -> None:
    """Load a model directory or an mmengine training checkpoint into ``generator``: strictly, or with
    ``strict=False`` (model directories only) every tensor whose name and shape fit, the rest left as they are;
    with ``widen=True`` (model directories only) a narrower model of the same layout (:func:`widened_state`)."""
    checkpoint = Path(checkpoint)
    if widen and not checkpoint.is_dir():
        raise ValueError(f"load_from_widen starts from a model directory; {checkpoint} is not one")
    if checkpoint.is_dir():
        donor = load_directory(checkpoint)
        if widen:
            generator.load_state_dict(widened_state(generator, donor.state_dict(), str(checkpoint)))
            _check_same_function(donor, generator, str(checkpoint))
            return
        state, own = donor.state_dict(), generator.state_dict()
        fits = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
        misfits = sorted((set(state) | set(own)) - set(fits))
        if strict and misfits:
            raise KeyError(
                f"model {checkpoint} does not fit the generator: {len(misfits)} tensors differ in name or shape "
                f"({', '.join(misfits[:3])}, …); load_from_strict=False starts only the tensors that fit"
            )
        if not any(v.is_floating_point() for v in fits.values()):  # (BN's step counters fit anything)
            raise KeyError(f"model {checkpoint} has no tensor that fits the generator (names and shapes)")
        if misfits:
            print_log(f"started {len(fits)} of {len(own)} tensors from {checkpoint}", logger="current")
        generator.load_state_dict(fits, strict=False)
        return
    if not checkpoint.is_file():
        raise FileNotFoundError(f"checkpoint {checkpoint} does not exist")
    state = read_checkpoint(checkpoint)
    state = state.get("state_dict", state)
    state = {k.removeprefix("generator."): v for k, v in state.items() if k.startswith("generator.")}
    missing, unexpected = generator.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise KeyError(f"checkpoint {checkpoint} does not fit: missing {missing}, unexpected {unexpected}")


def evaluate(
    cfg: Config,
    checkpoint: str | os.PathLike,
    out: str | os.PathLike | None = None,
    work_dir=None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float32,
) -> dict[str, float]:
    """Run the config's test loop with the given weights, channels-last, on ``device`` (default: where the Runner
    puts the model) with the generator in ``dtype``; write the metrics table as JSON and CSV."""
    _require_model(cfg)
    cfg = cfg.copy()
    cfg.load_from = None
    runner = build_runner(cfg, work_dir)
    restorer = runner.model
    load_generator_weights(restorer.generator, checkpoint)
    restorer.memory_format = torch.channels_last  # as restore runs the model (docs/benchmarks.md)
    restorer.to(device=device, memory_format=torch.channels_last)
    restorer.generator.to(dtype)
    metrics = {k: float(v) for k, v in runner.test().items()}
    if out is not None:
        settings = dict(config=str(cfg.filename), checkpoint=str(checkpoint), device=str(device), dtype=str(dtype))
        write_metrics(metrics, Path(out), settings=settings)
    return metrics


def write_metrics(metrics: dict[str, float], out: Path, settings: dict[str, Any]) -> None:
    """Write ``{out}.json`` (metrics and the settings that produced them) and ``{out}.csv`` atomically."""
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out.with_suffix(".json"), json.dumps({"metrics": metrics, "settings": settings}, indent=2) + "\n")
    rows = [{"metric": k, "value": v} for k, v in metrics.items()]
    atomic_write_text(out.with_suffix(".csv"), csv_text(["metric", "value"], rows))


def format_table(metrics: dict[str, float]) -> str:
    width = max(len(k) for k in metrics) if metrics else 6
    lines = [f"{'metric':<{width}}  value", f"{'-' * width}  --------"]
    lines += [f"{k:<{width}}  {v:.4f}" for k, v in metrics.items()]
    return "\n".join(lines)
