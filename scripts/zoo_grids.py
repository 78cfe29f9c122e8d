"""Sample grids for the model zoo: test faces under each alias's protocol, with the classical row beside the model.

    python scripts/zoo_grids.py [ALIAS ...] [--faces 8] [--data-root DIR] [--out docs/images/zoo]

For each alias (default: every embedded one) writes OUT/ALIAS.png: one row per test face (every
1000/faces-th face of the test split, so the rows spread over it), columns input (the LR face, bicubic-upsampled
for display), the classical baseline measured by the entry's protocol (``inpaint+bicubic`` with the true mask
where faces are occluded, ``bicubic`` where not), the model, and the ground truth; for the occlusion
estimator, the input, the true occlusion and the estimated one (white = covered).
"""

import argparse
from pathlib import Path

import torch
from torch.utils.data import default_collate

import facerestore as fr
from facerestore import zoo
from facerestore.engine.runner import load_config
from facerestore.imageio import image_grid, to_uint8, write_image
from facerestore.registry import DATASETS

REPO = Path(__file__).resolve().parents[1]


def grid(alias: str, faces: int, data_root: str | None) -> list:
    entry = zoo.entry(alias)
    cfg = load_config(REPO / entry["config_file"], data_root=data_root)
    dataset = DATASETS.build({**cfg.test_dataloader.dataset, "inpaint_baseline": True, "max_samples": None})
    step = max(1, len(dataset) // faces)
    batch = default_collate([dataset[i * step] for i in range(faces)])
    model = fr.from_pretrained(alias).eval()
    if model.kind == "occlusion":  # an estimator: the faces, the true occlusion and the estimated one
        columns = {
            "input": batch["lr_up"],
            "true": (1 - batch["mask"]).expand(-1, 3, -1, -1),
            alias: (1 - model.estimate(batch["lr"])).expand(-1, 3, -1, -1),
        }
    else:
        with torch.no_grad():
            restored = model.restore_batch(batch["lr"], batch["mask"] if entry["takes_mask"] else None).clamp(0, 1)
        occluded = entry["protocol"]["mask"] != "NoMask"
        columns = {
            "input": batch["lr_up"],
            "inpaint+bicubic" if occluded else "bicubic": batch["lr_inpaint_up"] if occluded else batch["lr_up"],
            alias: restored,
            "ground truth": batch["hr_gt"],
        }
    pictures = {name: to_uint8(images) for name, images in columns.items()}
    rows = [[pictures[name][i] for name in columns] for i in range(faces)]
    return image_grid(rows, labels=list(columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("aliases", nargs="*")
    parser.add_argument("--faces", type=int, default=8)
    parser.add_argument("--data-root")
    parser.add_argument("--out", default=str(REPO / "docs" / "images" / "zoo"))
    args = parser.parse_args()
    aliases = args.aliases or [a for a, e in zoo.entries().items() if e["status"] == "embedded"]
    for alias in aliases:
        path = Path(args.out) / f"{alias}.png"
        write_image(path, grid(alias, args.faces, args.data_root))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
