"""Render the bundled sample faces: occluded ×4 LR faces from the synthfaces test split, their masks and HR.

    python scripts/make_samples.py ../shared/data/synthfaces-128/test samples

Each face gets one occlusion of the evaluation protocol's kinds (centre block, random rectangle, grid cell),
degraded with facerestore's own pipeline (occlude, then antialiased bicubic ×4). Masks are written the way a
user draws them: white = occluded.
"""

import sys
from pathlib import Path

import numpy as np
import torch

from facerestore.data.dataset import degrade
from facerestore.data.masks import build_mask
from facerestore.imageio import read_rgb, write_image

FACES = {  # test-split file stem -> occlusion
    "10003": dict(type="BlockMask", size=64),
    "10017": dict(type="RandomRectMask", min_size=32, max_size=64),
    "10042": dict(type="GridMask", grid=2, block=1),
    "10077": dict(type="GridMask", grid=3, block=5),
    "10105": dict(type="BlockMask", size=48, center=(64, 88)),
    "10160": dict(type="RandomRectMask", min_size=24, max_size=48),
}


def main(source: str, out: str) -> None:
    out_dir = Path(out)
    for i, (stem, mask_cfg) in enumerate(FACES.items()):
        hr = read_rgb(Path(source) / f"{stem}.jpg")
        mask_hr = build_mask(mask_cfg)(np.random.default_rng([7, i]), 128)
        sample = degrade(
            torch.from_numpy(hr).permute(2, 0, 1)[None].float() / 255,
            torch.from_numpy(mask_hr)[None, None],
            4,
        )
        to_u8 = lambda t: (t[0].permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)  # noqa: E731
        write_image(out_dir / "lr" / f"{stem}.png", to_u8(sample["lr"]))
        write_image(out_dir / "masks" / f"{stem}.png", to_u8((1 - sample["mask"]).repeat(1, 3, 1, 1)))
        write_image(out_dir / "hr" / f"{stem}.png", hr)


if __name__ == "__main__":
    main(*sys.argv[1:3])
