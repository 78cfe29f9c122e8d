"""Embed a trained model in the zoo: copy its model directory into zoo/ and fill in its entry.

    python scripts/embed_model.py ALIAS CONFIG:WORK_DIR [CONFIG:WORK_DIR ...] [--dtype float16] [--hardware "..."]
        [--notes JSON]

ALIAS names an entry of zoo/ (its ``config_file`` the first training config). Each CONFIG:WORK_DIR is one leg
of the training, in order (a later leg starts from the previous one's model directory through ``load_from``;
a leg whose work dir holds no logs keeps the record the entry already has for its command):
``facerestore train CONFIG --work-dir WORK_DIR`` wrote its final model to WORK_DIR/model and its mmengine logs
under WORK_DIR/<timestamp>/; the last leg's model is embedded. Writes zoo/ALIAS/ (config.json +
model.safetensors in ``--dtype``) and sets the entry's status to 'embedded', with what was measured on the
runs and the model: parameters, multiply–adds per face, iterations, batch, stages with their loss terms,
optimiser, wall time (from the logs) and, from ``--notes``, what the numbers cannot say (losses dropped and
why, data). Results are added afterwards with scripts/record_results.py, measured on the embedded weights.
"""

import argparse
import json
import re
from datetime import datetime
from pathlib import Path

import torch

import facerestore as fr
from facerestore.complexity import count_macs, count_params
from facerestore.engine.runner import load_config
from facerestore.hub import file_sha256
from facerestore.imageio import atomic_write_text
from facerestore.photo import ESTIMATOR_SIZE

ZOO = Path(__file__).resolve().parents[1] / "zoo"
LOG_TIME = re.compile(r"^(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) - mmengine - INFO - Iter\(train\)")


def wall_time(work_dir: Path) -> float:
    """Seconds of training in the run's mmengine logs: per log file (one per start or resume), from its first
    to its last training line."""
    total = 0.0
    for log in sorted(work_dir.glob("*/*.log")):
        stamps = [LOG_TIME.match(line) for line in log.read_text().splitlines()]
        times = [datetime.strptime(m.group(1), "%Y/%m/%d %H:%M:%S") for m in stamps if m]
        if len(times) > 1:
            total += (times[-1] - times[0]).total_seconds()
    return total


def stages_text(cfg) -> list[str]:
    if cfg.model.type == "OcclusionTrainer":
        return [f"one stage: BCE + Dice×{cfg.model.get('dice_weight', 1.0)} on the LR occlusion"]
    stages = cfg.model.stages
    items = stages.items() if hasattr(stages, "items") else [(s["name"], s) for s in stages]
    out = []
    for name, stage in items:
        if stage is None:
            continue
        losses = stage["losses"]
        terms = losses.items() if hasattr(losses, "items") else [(t.get("name", t["type"]), t) for t in losses]
        described = ", ".join(f"{key} {t['type']}×{t.get('weight', 1)}" for key, t in terms if t is not None)
        parts = "/".join(stage.get("parts") or ["all parts"])
        out.append(f"{name}: {stage.get('iters') or 'rest'} iters, trains {parts}; {described}")
    return out


def leg_record(config: str, work_dir: Path) -> dict:
    """What one training leg was: its command, iterations, batch, stages, optimiser and wall time."""
    cfg = load_config(config)
    optimizer = cfg.optim_wrapper.get("optimizer") or cfg.optim_wrapper.generator.optimizer
    return {
        "command": f"facerestore train {config} --work-dir {work_dir.as_posix()}",
        "iters": cfg.train_cfg.max_iters,
        "batch_size": cfg.train_dataloader.batch_size,
        "starts_from": cfg.get("load_from") or "random initialisation",
        "stages": stages_text(cfg),
        "optimizer": f"{optimizer['type']} lr {optimizer['lr']}, betas {tuple(optimizer.get('betas', ()))}",
        "wall_time_min": round(wall_time(work_dir) / 60, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("alias")
    parser.add_argument("legs", nargs="+", metavar="CONFIG:WORK_DIR")
    parser.add_argument("--dtype", default="float16", choices=["float32", "float16"])
    parser.add_argument("--hardware", default="2 CPU cores")
    parser.add_argument("--notes", default="{}", help="JSON merged into the entry's training record")
    args = parser.parse_args()

    path = ZOO / f"{args.alias}.json"
    entry = json.loads(path.read_text())
    earlier = {leg["command"]: leg for leg in entry.get("training", {}).get("legs", [])}
    legs = []
    for config, work_dir in (leg.split(":", 1) for leg in args.legs):
        record = leg_record(config, Path(work_dir))
        if not record["wall_time_min"] and record["command"] in earlier:
            # a leg of an earlier session: its training logs are gone (a test run may have left logs of its own)
            record = earlier[record["command"]]
        legs.append(record)
    final = Path(args.legs[-1].split(":", 1)[1]) / "model"
    model = fr.from_pretrained(final).eval()
    target = fr.save_pretrained(model, ZOO / args.alias, dtype=getattr(torch, args.dtype))
    size = model.input_size or ESTIMATOR_SIZE  # only the occlusion estimator takes any size
    inputs = (torch.rand(1, 3, size, size),) + (() if model.kind == "occlusion" else (torch.ones(1, 1, size, size),))
    macs = count_macs(model, *inputs)
    iters = sum(leg["iters"] for leg in legs)
    samples = sum(leg["iters"] * leg["batch_size"] for leg in legs)
    entry.update(
        status="embedded",
        directory=args.alias,
        hub_id=None,
        files=["config.json", "model.safetensors"],
        sha256={name: file_sha256(target / name) for name in ("config.json", "model.safetensors")},
        weights_dtype=args.dtype,
        config=model.config,
        train_command=" && ".join(leg["command"] for leg in legs),
        training={
            "parameters": count_params(model),
            "GMACs_per_face": round(macs / 1e9, 4),
            "iters": iters,
            "samples_seen": samples,
            "wall_time_min": round(sum(leg["wall_time_min"] for leg in legs), 1),
            "hardware": args.hardware,
            **json.loads(args.notes),
            "legs": legs,
        },
    )
    atomic_write_text(path, json.dumps(entry, indent=2, ensure_ascii=False) + "\n")
    print(f"embedded {args.alias} in {target}: {count_params(model):,} parameters, {macs / 1e9:.3f} GMACs per face")


if __name__ == "__main__":
    main()
