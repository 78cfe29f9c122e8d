"""Embed a trained model in the zoo: copy its model directory into zoo/ and write its entry.

    python scripts/embed_model.py ALIAS MODEL_DIR CONFIG --dtype float16 --description "..."

Writes zoo/{ALIAS}.json (status 'embedded') and zoo/{directory}/ (config.json + model.safetensors in the given
dtype). Results are added afterwards with scripts/record_results.py, measured on the embedded weights.
"""

import argparse
import json
from pathlib import Path

import torch

import facerestore as fr
from facerestore.hub import file_sha256

ZOO = Path(__file__).resolve().parents[1] / "zoo"
CORPUS_LICENCE = (
    "research use only: trained on synthfaces-128, rendered by MobileStyleGAN (random-face 2021.7.21.1), which "
    "imitates StyleGAN2 trained on FFHQ (CC BY-NC-SA 4.0)"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("alias")
    parser.add_argument("model_dir")
    parser.add_argument("config")
    parser.add_argument("--directory", help="folder name inside zoo/ (default: the alias)")
    parser.add_argument("--dtype", default="float32", choices=["float32", "float16"])
    parser.add_argument("--description", required=True)
    parser.add_argument("--training", default="{}", help="JSON: what the training run was (steps, batch, ...)")
    args = parser.parse_args()

    model = fr.from_pretrained(args.model_dir)
    directory = args.directory or args.alias
    target = fr.save_pretrained(model, ZOO / directory, dtype=getattr(torch, args.dtype))
    config_path = Path(args.config)
    entry = {
        "alias": args.alias,
        "description": args.description,
        "status": "embedded",
        "directory": directory,
        "hub_id": None,
        "revision": None,
        "sha256": {name: file_sha256(target / name) for name in ("config.json", "model.safetensors")},
        "weights_dtype": args.dtype,
        "licence": {"code": "Apache-2.0", "weights": CORPUS_LICENCE},
        "config": model.config,
        "input": f"{model.input_size}×{model.input_size} RGB face, occlusion zero-filled; mask 1 = known",
        "training": {
            "config": config_path.as_posix(),
            "command": f"facerestore train {config_path.as_posix()} --work-dir work_dirs/{args.alias}",
            **json.loads(args.training),
        },
        "train_command": f"facerestore train {config_path.as_posix()}",
        "results": [],
    }
    (ZOO / f"{args.alias}.json").write_text(json.dumps(entry, indent=2, ensure_ascii=False) + "\n")
    print(f"embedded {args.alias} in {target}")


if __name__ == "__main__":
    main()
