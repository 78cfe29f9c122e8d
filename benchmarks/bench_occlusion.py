"""The occlusion estimator per occluder kind, and what its masks are worth to a mask-taking model.

    python benchmarks/bench_occlusion.py [--faces 200] [--model default] [--estimator occlusion]
        [--data-root ../shared/data/synthfaces-128] [--out benchmarks/results/occlusion.json]

For each kind of :mod:`facerestore.data.occluders` (forced, one per face), the first ``--faces`` test faces with
that occluder drawn on the HR face from its landmarks (``default_rng([0, index])``, as the test protocol), at ×4
(32² LR). Columns, all on the same faces in the same run: the estimator's IoU with the true LR occlusion (an
LR pixel is occluded when any HR pixel under it is) and the fraction it marks; then PSNR/SSIM (Y, crop 0) of
``--model`` given the true mask, the estimated mask and no mask, of ``inpaint+bicubic`` (true mask) and of
``bicubic``. An estimator that finds nothing (the ``none`` row) leaves the model as it was.
"""

import argparse
import json

import torch
from _results import save_results
from torch.utils.data import DataLoader

import facerestore as fr
from facerestore.data import FaceImageDataset
from facerestore.data.occluders import KINDS
from facerestore.metrics import OcclusionIoU, psnr, ssim


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--faces", type=int, default=200)
    parser.add_argument("--model", default="default")
    parser.add_argument("--estimator", default="occlusion")
    parser.add_argument("--data-root", default="../shared/data/synthfaces-128")
    parser.add_argument("--out", default="benchmarks/results/occlusion.json")
    args = parser.parse_args()
    model, estimator = fr.from_pretrained(args.model), fr.from_pretrained(args.estimator)
    if model.input_size != 32:
        raise SystemExit(f"{args.model} takes {model.input_size}² faces; this benchmark runs at ×4 (32²)")
    iou = OcclusionIoU()
    rows = []
    for kind in KINDS:
        dataset = FaceImageDataset(
            root=f"{args.data_root}/test",
            scale=4,
            mask=dict(type="RealisticOcclusion", kinds={kind: 1}),
            landmarks=f"{args.data_root}/landmarks.npz",
            subset=(0, args.faces),
            inpaint_baseline=True,
        )
        scores: dict[str, list[torch.Tensor]] = {}
        for batch in DataLoader(dataset, batch_size=25):
            known = estimator.estimate(batch["lr"])
            preds = {
                "true mask": model.restore(batch["lr"], batch["mask"]),
                "estimated mask": model.restore(batch["lr"], known),
                "no mask": model.restore(batch["lr"]),
                "inpaint+bicubic": batch["lr_inpaint_up"],
                "bicubic": batch["lr_up"],
            }
            scores.setdefault("IoU", []).append(iou.score(1 - known, 1 - batch["mask"]))
            scores.setdefault("marked", []).append(1 - known.flatten(1).mean(1))
            scores.setdefault("occluded", []).append(1 - batch["mask"].flatten(1).mean(1))
            for name, pred in preds.items():
                scores.setdefault(f"{name} PSNR", []).append(psnr(pred.clamp(0, 1), batch["hr_gt"]))
                scores.setdefault(f"{name} SSIM", []).append(ssim(pred.clamp(0, 1), batch["hr_gt"]))
        row = {"kind": kind, **{k: torch.cat(v).double().mean().item() for k, v in scores.items()}}
        rows.append(row)
        print(json.dumps(row))
    columns = [k for k in rows[0] if k != "kind"]
    print("| occluder | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for row in rows:
        print(f"| {row['kind']} | " + " | ".join(f"{row[c]:.4f}" for c in columns) + " |")
    settings = {
        "faces per kind": args.faces,
        "model": args.model,
        "estimator": args.estimator,
        "scale": 4,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
    }
    save_results(settings, rows, args.out)


if __name__ == "__main__":
    main()
