"""Before/after pictures of real photographs for docs/photos.md.

    python scripts/photo_gallery.py [--models default jdsr-x4] [--out docs/images/photos]

For each sample photograph (samples/photos/, SOURCES.md there): the photo shrunk 4× with the shared bicubic to
surveillance size (the README's sample is already shrunk and masked), then restored with each model as
``facerestore restore`` does (``--mask auto`` for models that take a mask). Writes OUT/NAME.png: the input
(bicubic-upscaled for display), each model's result, the overlay of what it invented, and the original photo.
"""

import argparse
from pathlib import Path

import numpy as np

import facerestore as fr
from facerestore import zoo
from facerestore.imageio import read_rgb, write_image
from facerestore.photo import FaceDetector, overlay, resized, restore_photo
from facerestore.zoo import OCCLUSION_MODEL

PHOTOS = Path(__file__).resolve().parents[1] / "samples" / "photos"
#: name → (input file, original); the inputs not in the repo are shrunk here.
SAMPLES = {
    "astronaut": ("astronaut_masked_small.png", "astronaut.jpg"),
    "grace_hopper": (None, "grace_hopper.jpg"),
    "camera": (None, "camera.png"),
}


def shrink(image: np.ndarray, factor: int) -> np.ndarray:
    h, w = image.shape[:2]
    return resized(image, (h // factor, w // factor))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", nargs="+", default=["default"])
    parser.add_argument("--out", default="docs/images/photos")
    args = parser.parse_args()
    detector = FaceDetector()
    estimator = fr.from_pretrained(OCCLUSION_MODEL)
    models = {name: fr.from_pretrained(name) for name in args.models}
    sizes = {name: zoo.trained_input_size(name) for name in args.models}
    for name, (given, original_file) in SAMPLES.items():
        original = read_rgb(PHOTOS / original_file)
        image = read_rgb(PHOTOS / given) if given else shrink(original, 4)
        columns = []
        for name_, model in models.items():
            size = sizes[name_]
            scale = model.hr_size // size
            small = image if scale == 4 else shrink(image, scale // 4)  # the same output size for every model
            finder = estimator if model.takes_mask else None  # as the command: blind models get no mask
            restored, faces = restore_photo(model, small, None, detector, estimator=finder, input_size=size)
            if not faces:
                raise SystemExit(f"{name}: no face found")
            columns += [restored, overlay(restored, faces, scale)]
        h, w = columns[0].shape[:2]
        shown = resized(image, (h, w))
        row = [shown, *columns, original[:h, :w]]
        out = Path(args.out) / f"{name}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        write_image(out, np.hstack(row))
        print(f"wrote {out}: input, {' / '.join(f'{m}, overlay' for m in models)}, original")


if __name__ == "__main__":
    main()
