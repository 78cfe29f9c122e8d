"""Print a benchmark run's table.json as one row per protocol and one column per method, for the docs.

    python scripts/pivot_table.py results/locstudy/fcsr_occlusion_location_x4/table.json PSNR SSIM

Each cell holds the named metrics joined by " / "; the best value of the first metric in each row is bold.
"""

import json
import sys


def main(path: str, metrics: list[str]) -> None:
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)["rows"]
    methods = list(dict.fromkeys(r["method"] for r in rows))
    protocols = list(dict.fromkeys(r["protocol"] for r in rows))
    cell = {(r["protocol"], r["method"]): r for r in rows}
    print("| protocol | " + " | ".join(methods) + " |")
    print("|---" * (len(methods) + 1) + "|")
    for p in protocols:
        found = [cell[p, m] for m in methods if (p, m) in cell]
        best = max(r[metrics[0]] for r in found)
        texts = []
        for m in methods:
            r = cell.get((p, m))
            text = "–" if r is None else " / ".join(f"{r[k]:.4f}" for k in metrics)
            texts.append(f"**{text}**" if r is not None and r[metrics[0]] == best else text)
        print(f"| {p} | " + " | ".join(texts) + " |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or ["PSNR", "SSIM"])
