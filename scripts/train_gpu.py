"""Train one model (a paper-width config) on one CUDA GPU within a fixed time; bring its weights back in shards.

    python scripts/pack_corpus.py gpu_corpus          # here: the corpus subset that travels with the code
    python scripts/train_gpu.py CONFIG --corpus gpu_corpus --out "$OUT" [--minutes 10] [--device cuda]
        [--dtype bf16] [--max-shard-size 16MB] [--cfg-options KEY=VALUE ...]

Through the device tool (its README), the second line runs on the lent machine, with ``carry=["gpu_corpus"]``.
What it does:

* points CONFIG's datasets at the packed corpus (``CORPUS/train`` for training, ``CORPUS/val`` for the
  validation faces, ``CORPUS/landmarks.npz``);
* on CUDA, mixed precision through mmengine's ``AmpOptimWrapper`` (``--dtype bf16``: bfloat16 autocast, no
  loss scaling needed; ``fp16`` uses a dynamic loss scale; ``fp32`` is plain) for every optimiser of the config,
  and cuDNN autotuning;
* stops at ``--minutes`` of training (:class:`facerestore.engine.TimeBudgetHook`) or at the config's
  ``max_iters``, whichever comes first; the learning rates follow a cosine over those minutes, down to the
  config's ``eta_min`` (its iteration-based ``param_scheduler`` is dropped: the budget decides how many
  iterations there are), and writes the final model as ``OUT/model`` with its weights in fp16
  safetensors shards of at most ``--max-shard-size`` (and an index), plus ``OUT/report.json``: device, dtype,
  iterations done, samples/s, wall time, the last logged losses and the final learning rates.

On a CPU with ``--dtype fp32`` the same script runs a tiny config in the tests.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from facerestore.cli import _options
from facerestore.engine.runner import build_runner, load_config
from facerestore.weights import save_pretrained

DTYPES = {"bf16": "bfloat16", "fp16": "float16", "fp32": None}


def _amp(wrapper: dict, dtype: str | None) -> dict:
    """An optimiser-wrapper config with mixed precision (``dtype``) or unchanged (None)."""
    if dtype is None:
        return wrapper
    if wrapper.get("constructor") == "GANOptimWrapperConstructor":
        parts = {k: _amp(v, dtype) for k, v in wrapper.items() if isinstance(v, dict)}
        return {**wrapper, **parts}
    return {**wrapper, "type": "AmpOptimWrapper", "dtype": dtype}


def prepare(config: str, corpus: str, minutes: float, device: str, dtype: str, options: dict):
    cfg = load_config(config, data_root=corpus, options=options)
    corpus = Path(corpus)
    cfg.train_dataloader.dataset.subset = None
    cfg.val_dataloader.dataset.update(root=str(corpus / "val"), subset=None)
    if device.startswith("cuda"):
        cfg.optim_wrapper = _amp(cfg.optim_wrapper.to_dict(), DTYPES[dtype])
        cfg.env_cfg = dict(cudnn_benchmark=True, dist_cfg=dict(backend="nccl"))
    elif dtype != "fp32":
        raise ValueError(f"--dtype {dtype} needs a CUDA device; on {device} use --dtype fp32")
    scheduler = cfg.get("param_scheduler")
    anneal_to = scheduler.get("eta_min", 0.0) if isinstance(scheduler, dict) else 0.0
    cfg.param_scheduler = None
    budget = dict(type="TimeBudgetHook", minutes=minutes, anneal_to=anneal_to)
    cfg.custom_hooks = list(cfg.get("custom_hooks") or []) + [budget]
    return cfg


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("--corpus", required=True, help="a folder made by scripts/pack_corpus.py")
    parser.add_argument("--out", required=True)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--dtype", default="bf16", choices=sorted(DTYPES))
    parser.add_argument("--max-shard-size", default="16MB", help="per shard: 16MB (10⁶ bytes) < 16 MiB")
    parser.add_argument("--cfg-options", nargs="+", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        parser.error(f"--device {args.device}: no CUDA device here (use --device cpu --dtype fp32 for a trial)")

    out = Path(args.out)
    cfg = prepare(args.config, args.corpus, args.minutes, args.device, args.dtype, _options(args.cfg_options))
    runner = build_runner(cfg, out / "work_dir")
    start = time.monotonic()
    runner.train()
    seconds = time.monotonic() - start
    generator = runner.model.generator.float()
    model_dir = save_pretrained(generator, out / "model", dtype=torch.float16, max_shard_size=args.max_shard_size)
    scalars = runner.message_hub.log_scalars
    report = {
        "config": args.config,
        "device": torch.cuda.get_device_name() if args.device.startswith("cuda") else args.device,
        "dtype": args.dtype,
        "iters": runner.iter,
        "batch_size": cfg.train_dataloader.batch_size,
        "wall_s": round(seconds, 1),
        "samples_per_s": round(runner.iter * cfg.train_dataloader.batch_size / seconds, 2),
        "last_losses": {k.removeprefix("train/"): v.current() for k, v in scalars.items() if "loss" in k},
        "final_lr": {k: v[0] for k, v in runner.optim_wrapper.get_lr().items()},
        "model": str(model_dir),
    }
    (out / "report.json").write_text(json.dumps(report, indent=2, default=float) + "\n")
    print(json.dumps(report, default=float))
    return report


if __name__ == "__main__":
    main()
