"""Config-based benchmarks: many restorers side by side on one dataset and protocol, as the papers' tables.

A benchmark set is an mmengine config file (``configs/benchmarks/``) with

* ``methods``: rows, each ``dict(name=..., model=ALIAS_OR_DIR)`` (a zoo alias, ``hf-hub:`` id or model
  directory), ``dict(name=..., config=CONFIG, checkpoint=CKPT)`` (a training config and an mmengine checkpoint
  or model directory), or a classical row: ``model="bicubic"`` (the bicubic upsampling of the occluded input)
  or ``model="inpaint+bicubic"`` (OpenCV Telea inpainting of the LR face with the true mask, then bicubic);
  ``protocols=[names]`` limits a method to some protocols (e.g. a ×4 model to the ×4 ones);
* ``protocols``: one or more ``dict(name=..., dataset=dict(...))``, each merged over the set's ``dataset``
  (a ``FaceImageDataset`` config; the occlusion studies have several protocols: the rows are protocol × method);
* ``metrics``: facerestore metric configs over ``sr`` and ``hr_gt`` (PSNR, SSIM, MSSIM, FID, identity);
* ``caption`` (what the table shows and how the checkpoints were trained), ``batch_size``, ``grids``.

:func:`run` writes ``table.md``, ``table.csv``, ``table.json`` and ``grids/<protocol>/<face>.png`` (input, every
method, ground truth) into the output folder, atomically.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from torch.utils.data import DataLoader
from tqdm import tqdm

from .complexity import count_macs, count_params
from .engine.runner import load_config, load_generator_weights
from .imageio import atomic_write_text, csv_text, image_grid, to_uint8, write_image
from .imaging import bicubic_resize, inpaint_bicubic
from .models.base import call_restore_batch, compile_restore, run_guarded
from .registry import DATASETS, METRICS, build_model
from .zoo import resolve

#: The table's columns after the method and protocol: metric names come from the set, then these.
COST_COLUMNS = ("params", "GMACs", "faces/s")


class Unavailable(Exception):
    """A method of the set that cannot run here (unpublished weights, a checkpoint not trained yet)."""


class Bicubic(torch.nn.Module):
    """The bicubic upsampling of the occluded input to 128², the papers' baseline row."""

    def restore_batch(self, lr: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return bicubic_resize(lr, 128).clamp(0, 1)


class InpaintBicubic(Bicubic):
    """The strong classical row: the LR face inpainted with the true mask (OpenCV Telea), then bicubic to 128².
    It gets the true mask even where the models are blind (JDSR-GAN)."""

    def restore_batch(self, lr: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return inpaint_bicubic(lr, mask, 128)


CLASSICAL = {"bicubic": Bicubic, "inpaint+bicubic": InpaintBicubic}


def load_method(
    spec: dict[str, Any], device: torch.device | str = "cpu", dtype: torch.dtype = torch.float32, compile_=False
) -> torch.nn.Module:
    """The restorer a ``methods`` entry names, in eval mode, channels-last on ``device`` in ``dtype`` (compiled
    with ``compile_``); :class:`Unavailable` when it cannot be loaded."""
    if spec.get("model") in CLASSICAL:
        return CLASSICAL[spec["model"]]()
    try:
        if "model" in spec:
            model = resolve(spec["model"])
        else:
            model = build_model(load_config(spec["config"]).model.generator)
            load_generator_weights(model, spec["checkpoint"])
    except (FileNotFoundError, RuntimeError) as err:  # not trained / not published yet
        raise Unavailable(str(err).splitlines()[0]) from None
    model = model.eval().to(device, dtype, memory_format=torch.channels_last)  # as restore runs it
    return compile_restore(model) if compile_ else model


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "protocol"


def _costs(model: torch.nn.Module, batch: dict[str, torch.Tensor], batch_size: int) -> dict[str, float | None]:
    """Parameters, multiply–adds per face and restore throughput (faces/s at ``batch_size``, this device)."""
    if isinstance(model, Bicubic):
        return {"params": 0, "GMACs": None, "faces/s": None}
    param = next(model.parameters())
    lr, mask = (batch[key][:1].to(param.device, param.dtype) for key in ("lr", "mask"))
    macs = count_macs(model, lr, mask)
    lr_b, mask_b = lr.expand(batch_size, -1, -1, -1), mask.expand(batch_size, -1, -1, -1)
    with torch.no_grad():
        run_guarded(model, call_restore_batch, lr_b, mask_b)  # warm-up
        repeats, start = 0, time.perf_counter()
        while repeats < 3 or time.perf_counter() - start < 1.0:
            run_guarded(model, call_restore_batch, lr_b, mask_b)
            repeats += 1
        elapsed = time.perf_counter() - start
    return {"params": count_params(model), "GMACs": macs / 1e9, "faces/s": repeats * batch_size / elapsed}


def check_set(benchmark: Any) -> None:
    """Refuse a set without methods, protocols or metrics, or with two rows of one name."""
    where = getattr(benchmark, "filename", "")
    for key in ("methods", "protocols", "metrics"):
        if not benchmark.get(key):
            raise ValueError(f"benchmark set {where} has no {key!r} (see configs/benchmarks/)")
    for key in ("methods", "protocols"):
        names = [entry["name"] for entry in benchmark[key]]
        if len(set(names)) != len(names):
            raise ValueError(f"benchmark set {where}: {key} names must be unique, got {names}")


@torch.no_grad()
def run(
    benchmark: Any,
    out: str | os.PathLike,
    max_samples: int | None = None,
    progress: bool = True,
    device: torch.device | str = "cpu",
    dtype: torch.dtype = torch.float32,
    compile_: bool = False,
) -> list[dict[str, Any]]:
    """Evaluate every method of ``benchmark`` (an mmengine Config of a set) under every protocol, the models on
    ``device`` in ``dtype`` (compiled with ``compile_``); write the table and the grids into ``out``; return the
    rows."""
    check_set(benchmark)
    out = Path(out)
    batch_size = int(benchmark.get("batch_size", 25))
    grids = int(benchmark.get("grids", 4))
    methods = [dict(m) for m in benchmark["methods"]]
    loaded: dict[str, torch.nn.Module | str] = {}
    for spec in methods:
        try:
            loaded[spec["name"]] = load_method(spec, device, dtype, compile_)
        except Unavailable as err:
            loaded[spec["name"]] = f"not available: {err}"
    # One set of metrics per method that runs (FID and identity load networks), emptied after each protocol.
    metrics = {
        name: [METRICS.build(dict(m)) for m in benchmark["metrics"]]
        for name, model in loaded.items()
        if not isinstance(model, str)
    }
    rows, metric_names = [], []
    for protocol in benchmark["protocols"]:
        dataset_cfg = {**benchmark.get("dataset", {}), **protocol["dataset"]}
        if max_samples is not None:
            dataset_cfg["max_samples"] = max_samples
        dataset = DATASETS.build(dataset_cfg)
        loader = DataLoader(dataset, batch_size=batch_size, shuffle=False)
        shown: dict[str, list[torch.Tensor]] = {"input": [], "ground truth": []}
        costs: dict[str, dict[str, float | None]] = {}
        active = {
            spec["name"]: loaded[spec["name"]]
            for spec in methods
            if protocol["name"] in spec.get("protocols", [protocol["name"]])
        }
        for batch in tqdm(loader, desc=protocol["name"], unit="batch", disable=not progress):
            if len(shown["input"]) < grids:
                shown["input"].extend(batch["lr_up"][: grids - len(shown["input"])])
                shown["ground truth"].extend(batch["hr_gt"][: grids - len(shown["ground truth"])])
            for name, model in active.items():
                if isinstance(model, str):
                    continue
                if name not in costs:
                    costs[name] = _costs(model, batch, batch_size)
                sr = run_guarded(model, call_restore_batch, batch["lr"], batch["mask"])
                if not torch.isfinite(sr).all():
                    raise ValueError(f"method {name!r} produced NaN or Inf: its weights are damaged")
                sr = sr.clamp(0, 1)
                for metric in metrics[name]:
                    metric.process(None, [{**batch, "sr": sr}])
                kept = shown.setdefault(name, [])
                kept.extend(sr[: grids - len(kept)])
        for name, model in active.items():
            row: dict[str, Any] = {"method": name, "protocol": protocol["name"], "scale": f"×{dataset.scale}"}
            if isinstance(model, str):
                row["note"] = model
            else:
                for metric in metrics[name]:
                    values = metric.compute_metrics(metric.results)
                    metric.results.clear()
                    row.update(values)
                    metric_names += [k for k in values if k not in metric_names]
                row.update(costs[name])
            rows.append(row)
        order = ["input", *[n for n in active if n in shown], "ground truth"]
        pictures = {col: to_uint8(torch.stack(shown[col])) for col in order if shown[col]}
        for i in range(len(shown["input"])):
            sheet = image_grid([[pictures[col][i] for col in order]], labels=order)
            write_image(out / "grids" / _safe(protocol["name"]) / f"{i:03d}.png", sheet)
    columns = ["method", "protocol", "scale", *metric_names, *COST_COLUMNS, "note"]
    settings = dict(
        batch_size=batch_size,
        threads=torch.get_num_threads(),
        torch=torch.__version__,
        set=str(getattr(benchmark, "filename", "")),
        device=str(device),
        dtype=str(dtype),
        compiled=compile_,
    )
    if max_samples is not None:
        settings["max_samples"] = max_samples
    _write_tables(rows, columns, out, benchmark.get("caption", ""), settings=settings)
    return rows


def _format(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) < 100 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value / 1e6:.2f} M" if value >= 10_000 else str(value)
    return str(value)


def _write_tables(rows: Sequence[dict], columns: Sequence[str], out: Path, caption: str, settings: dict) -> None:
    used = [c for c in columns if any(c in r for r in rows)]
    md = [caption, ""] if caption else []
    md += ["| " + " | ".join(used) + " |", "|" + "---|" * len(used)]
    md += ["| " + " | ".join(_format(r.get(c)) for c in used) + " |" for r in rows]
    md += ["", f"Settings: {', '.join(f'{k} {v}' for k, v in settings.items())}."]
    text = json.dumps({"caption": caption, "settings": settings, "rows": list(rows)}, indent=2) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out / "table.md", "\n".join(md) + "\n")
    atomic_write_text(out / "table.csv", csv_text(used, rows))
    atomic_write_text(out / "table.json", text)
