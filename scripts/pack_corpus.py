"""Pack a subset of the synthfaces-128 corpus small enough to travel with the code to a lent GPU machine.

    python scripts/pack_corpus.py OUT [--corpus ../shared/data/synthfaces-128] [--train 5000] [--val 200]

Copies the first ``--train`` training faces (train/00000…) to OUT/train, the first ``--val`` validation faces
(train/09500…, never trained on) to OUT/val and landmarks.npz, and prints the size. 5000 + 200 faces are about
43 MB, which leaves room for the code within the device tool's 64 MiB. OUT is what ``scripts/train_gpu.py
--corpus`` reads.
"""

import argparse
import shutil
from pathlib import Path

from facerestore.imageio import list_images

VALIDATION_START = 9500  # synthfaces-128: train/09500–09999 are the validation faces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--corpus", default="../shared/data/synthfaces-128")
    parser.add_argument("--train", type=int, default=5000)
    parser.add_argument("--val", type=int, default=200)
    args = parser.parse_args()
    corpus, out = Path(args.corpus), Path(args.out)
    if not 0 < args.train <= VALIDATION_START or not 0 < args.val <= 500:
        parser.error(f"--train must be 1–{VALIDATION_START} and --val 1–500")
    faces = list_images(corpus / "train")
    for folder, chosen in (
        ("train", faces[: args.train]),
        ("val", faces[VALIDATION_START : VALIDATION_START + args.val]),
    ):
        (out / folder).mkdir(parents=True, exist_ok=True)
        for path in chosen:
            shutil.copyfile(path, out / folder / path.name)
    shutil.copyfile(corpus / "landmarks.npz", out / "landmarks.npz")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"packed {args.train} training and {args.val} validation faces into {out}: {size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
