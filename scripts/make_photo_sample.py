"""Make the README's photograph: a public-domain portrait with a face mask drawn on and shrunk to surveillance size.

    python scripts/make_photo_sample.py [--photo samples/photos/astronaut.jpg] [--factor 4]
        [--landmarks ../shared/data/synthfaces-128/landmarks.npz] [--seed 0]

Finds the face with the library's detector, places the corpus's mean 68-point shape on it through the inverse of
the alignment (the photo has no 68-point annotation), draws a procedural face mask (FaceMaskOcclusion, as in
training) at the photo's resolution, and shrinks photo and mask by ``--factor`` with the shared bicubic. Writes,
beside the photo, STEM_masked_small.png (the input) and STEM_masked_small.mask.png (white = occluded, the true
mask); the untouched photo is the ground truth of a ×FACTOR restoration.
"""

import argparse
from pathlib import Path

import numpy as np
import torch

from facerestore.data.facemask import FaceMaskOcclusion
from facerestore.imageio import read_rgb, write_image
from facerestore.imaging import bicubic_resize
from facerestore.photo import TEMPLATE_SIZE, FaceDetector, align_matrix, resized


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photo", default="samples/photos/astronaut.jpg")
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--landmarks", default="../shared/data/synthfaces-128/landmarks.npz")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    photo = Path(args.photo)
    image = read_rgb(photo)
    faces = FaceDetector()(image)
    if len(faces) != 1:
        raise SystemExit(f"{photo}: expected one face, found {len(faces)}")
    corpus = np.load(args.landmarks)
    mean_shape = corpus["landmarks"][corpus["index"] < 9500].mean(0)  # training faces, 128² template space
    to_crop = np.vstack([align_matrix(faces[0], TEMPLATE_SIZE), [0, 0, 1]])
    landmarks = (np.c_[mean_shape, np.ones(68)] @ np.linalg.inv(to_crop)[:2].T).astype(np.float32)
    masked, known = FaceMaskOcclusion().render(image, landmarks, np.random.default_rng(args.seed))
    h, w = image.shape[:2]
    if h % args.factor or w % args.factor:
        raise SystemExit(f"{photo} is {w}×{h}: not divisible by --factor {args.factor}")
    size = (h // args.factor, w // args.factor)
    hidden = bicubic_resize(torch.from_numpy(1 - known)[None, None], size)[0, 0] > 0.25
    stem = photo.parent / f"{photo.stem}_masked_small"
    write_image(f"{stem}.png", resized(masked, size))
    write_image(f"{stem}.mask.png", np.repeat(hidden.numpy()[..., None] * np.uint8(255), 3, axis=2))
    print(f"wrote {stem}.png and {stem}.mask.png ({size[1]}×{size[0]}, {hidden.float().mean():.1%} occluded)")


if __name__ == "__main__":
    main()
