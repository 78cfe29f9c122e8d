"""Training throughput (samples/s) of facerestore training configs, before and after the speed settings.

    python benchmarks/bench_training.py CONFIG [CONFIG ...] [--steps 6] [--threads 2] [--data-root DIR]
        [--cfg-options KEY=VALUE ...] [--out benchmarks/results/training.json]

For each config, one run times ``FaceRestorer.train_step`` (forward, every loss term, backward, optimiser step
and, for GAN stages, the critic step) on batches read from the config's training set beforehand, so data
loading is timed on its own (``data samples/s``: ``dataset[i]`` on one process). Variants, alternated within
the run so that the machine's state affects them alike:

* ``eager NCHW``: the plain path;
* ``channels_last``: generator, critics and batch in the channels-last memory format
  (``FaceRestorer(memory_format='channels_last')``, what the CPU training configs set).

Every stage of the config is timed (the stage's own parts learn, as in training). Medians of ``--steps``
steps after two warm-up steps. Do not run while another job uses the cores.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import torch
from mmengine.logging import MessageHub
from mmengine.optim import build_optim_wrapper
from mmengine.registry import DefaultScope
from torch.utils.data import default_collate

from facerestore.engine.runner import load_config
from facerestore.registry import DATASETS, MODELS

VARIANTS = {"eager NCHW": "contiguous_format", "channels_last": "channels_last"}


def _batches(cfg, count: int) -> tuple[list[dict], float]:
    dataset = DATASETS.build(dict(cfg.train_dataloader.dataset))
    size = cfg.train_dataloader.batch_size
    start = time.perf_counter()
    samples = [dataset[i] for i in range(size * count)]
    rate = len(samples) / (time.perf_counter() - start)
    return [default_collate(samples[i * size : (i + 1) * size]) for i in range(count)], rate


def _time_stage(cfg, memory_format: str, stage_start: int, batches: list[dict], steps: int) -> float:
    torch.manual_seed(0)
    model_cfg = dict(cfg.model)
    model_cfg["memory_format"] = memory_format
    model = MODELS.build(model_cfg)
    optim = build_optim_wrapper(model, cfg.optim_wrapper)
    hub = MessageHub.get_current_instance()
    times = []
    for i in range(steps + 2):
        hub.update_info("iter", stage_start + i)
        begin = time.perf_counter()
        model.train_step(batches[i % len(batches)], optim)
        times.append(time.perf_counter() - begin)
    return statistics.median(times[2:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("configs", nargs="+")
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data-root")
    parser.add_argument("--cfg-options", nargs="+", default=[], metavar="KEY=VALUE")
    parser.add_argument("--out", default="benchmarks/results/training.json")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    DefaultScope.get_instance("bench_training", scope_name="facerestore")  # the Runner sets it in training
    from facerestore.cli import _options

    rows = []
    for path in args.configs:
        cfg = load_config(path, args.data_root, _options(args.cfg_options))
        batches, data_rate = _batches(cfg, 3)
        batch_size = cfg.train_dataloader.batch_size
        stages = cfg.model.stages
        named = stages.items() if hasattr(stages, "items") else [(s.get("name", "?"), s) for s in stages]
        start = 0
        for name, stage in named:
            if stage is None:
                continue
            seconds = {v: [] for v in VARIANTS}
            for _ in range(2):  # alternate the variants twice
                for variant, fmt in VARIANTS.items():
                    seconds[variant].append(_time_stage(cfg, fmt, start, batches, args.steps))
            row = {"config": path, "stage": name, "batch": batch_size, "data samples/s": data_rate}
            for variant in VARIANTS:
                row[f"{variant} samples/s"] = batch_size / min(seconds[variant])
            row["speed-up"] = row["channels_last samples/s"] / row["eager NCHW samples/s"]
            rows.append(row)
            print(json.dumps(row))
            start += stage.get("iters") or 0
    settings = {"threads": args.threads, "steps": args.steps, "torch": torch.__version__, "cpu": platform.processor()}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"settings": settings, "rows": rows}, indent=2) + "\n")
    print("| config | stage | batch | data samples/s | eager NCHW samples/s | channels_last samples/s | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {Path(r['config']).stem} | {r['stage']} | {r['batch']} | {r['data samples/s']:.1f} | "
            f"{r['eager NCHW samples/s']:.2f} | {r['channels_last samples/s']:.2f} | {r['speed-up']:.2f}× |"
        )
    print(f"Settings: {', '.join(f'{k} {v}' for k, v in settings.items())}.")


if __name__ == "__main__":
    main()
