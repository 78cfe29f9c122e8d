"""Render a sample sheet of procedural face masks (JDSR-GAN §IV-A, Fig. 4) on corpus faces.

Usage: ``python scripts/render_facemasks.py [--root DIR] [--out docs/images/facemask_samples.jpg] [--count 8]``
(``--root`` defaults to /work/shared/data/synthfaces-128; its first test faces are drawn).
Top row: the clean faces; bottom row: each face with a :class:`~facerestore.data.facemask.FaceMaskOcclusion`
drawn from its landmarks (``landmarks.npz`` in the corpus folder). Saved as JPEG q90.
"""

import argparse
from pathlib import Path

import numpy as np
from PIL import Image

from facerestore.data.facemask import FaceMaskOcclusion
from facerestore.imageio import read_rgb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/work/shared/data/synthfaces-128"))
    parser.add_argument("--out", type=Path, default=Path("docs/images/facemask_samples.jpg"))
    parser.add_argument("--count", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    with np.load(args.root / "landmarks.npz") as data:
        points = dict(zip(data["index"].tolist(), data["landmarks"]))
    files = sorted((args.root / "test").glob("*.jpg"))[: args.count]
    occlusion = FaceMaskOcclusion()
    clean, masked = [], []
    for i, path in enumerate(files):
        face = read_rgb(path)
        image, _ = occlusion.render(face, points[int(path.stem)], np.random.default_rng([args.seed, i]))
        clean.append(face)
        masked.append(image)
    sheet = np.concatenate([np.concatenate(clean, axis=1), np.concatenate(masked, axis=1)], axis=0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(sheet).save(args.out, quality=90)
    print(f"wrote {args.out} ({len(files)} faces)")


if __name__ == "__main__":
    main()
