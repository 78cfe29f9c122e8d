"""Render face-prior overlays (landmark heatmaps, parsing maps, LR skin maps) of a few synthfaces faces.

    python scripts/render_priors.py ../shared/data/synthfaces-128 docs/images/priors_overlay.jpg

One column per face, shown at 2× (256²): the face; its 64² heatmaps and 64² parsing map (what FSRNet's prior
branch learns, JDSR-GAN eq. 14); its 32² skin map in white (FishFSRNet's ×4 ParsingNet target, FishFSRNet §III-A,
eq. 2). The corpus is research-use only (its README); the image is for the docs.
"""

import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from facerestore.data.priors import landmark_heatmaps, parsing_from_landmarks, render_priors, skin_map
from facerestore.imageio import read_rgb, write_image

FACES = ("train/00000", "train/00042", "train/00123", "train/04754", "train/06050")  # 04754 turned, 06050 tilted
SHOW = 256


def main(corpus: str, out: str) -> None:
    root = Path(corpus)
    with np.load(root / "landmarks.npz") as data:
        by_index = dict(zip(data["index"].tolist(), data["landmarks"]))
    columns = []
    for face in FACES:
        image = read_rgb(root / f"{face}.jpg")
        points = torch.from_numpy(by_index[int(face.split("/")[1])])[None]
        shown = np.asarray(Image.fromarray(image).resize((SHOW, SHOW), Image.BICUBIC))
        heatmaps = landmark_heatmaps(points, 64)[0]
        parsing = parsing_from_landmarks(points, 64)[0]
        skin = skin_map(parsing_from_landmarks(points, 32))[0, 0].numpy()
        skin = np.asarray(Image.fromarray(skin.astype(np.uint8) * 255).resize((SHOW, SHOW), Image.NEAREST))
        columns.append(
            np.concatenate(
                [
                    shown,
                    render_priors(shown, heatmaps=heatmaps),
                    render_priors(shown, parsing=parsing),
                    (shown * 0.4 + skin[..., None] * 0.6).round().astype(np.uint8),
                ]
            )
        )
    write_image(out, np.concatenate(columns, axis=1))


if __name__ == "__main__":
    main(*sys.argv[1:3])
