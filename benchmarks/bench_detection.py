"""Face detectors on small and masked faces: which one the photo pipeline uses, and the smallest face it finds.

    python benchmarks/bench_detection.py [--data-root ../shared/data/synthfaces-128] [--faces 100]
        [--widths 8 10 12 16 24 32 48] [--out benchmarks/results/detection.json]

Test faces of the corpus (test/10000 on), bare and wearing a procedural face mask (FaceMaskOcclusion, drawn from
their 68 landmarks, as in training), shrunk so the face (jaw point 0 to 16) is ``width`` px wide and placed in a
noisy grey frame three times its size. A face counts as found when a detection's centre lies in the true face
box (the landmarks' bounding box) and its width is within a factor 2 of the true one. Detectors:

* YuNet as ``facerestore.photo.FaceDetector`` runs it (2× search), and YuNet on the frame as it is;
* dlib's HOG detector (``get_frontal_face_detector``; public domain, ``dlib-bin``) on the frame upsampled once
  and as it is.

The 68-point dlib model is not used (it is not needed to detect and its licence forbids commercial use).
"""

import argparse
import time
from pathlib import Path

import numpy as np
from _results import save_results
from PIL import Image

from facerestore.data.facemask import FaceMaskOcclusion
from facerestore.imageio import read_rgb
from facerestore.photo import FaceDetector


def _scene(face: np.ndarray, landmarks: np.ndarray, width: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """The 128² face shrunk so its jaw span is ``width`` px, centred in a noisy grey frame; the true box."""
    factor = width / float(np.linalg.norm(landmarks[16] - landmarks[0]))
    side = max(4, round(128 * factor))
    small = np.asarray(Image.fromarray(face).resize((side, side), Image.Resampling.BICUBIC))
    canvas = np.clip(rng.normal(128, 12, (3 * side, 3 * side, 3)), 0, 255).astype(np.uint8)
    canvas[side : 2 * side, side : 2 * side] = small
    points = (landmarks + 0.5) * side / 128 - 0.5 + side
    return canvas, np.r_[points.min(0), points.max(0)]


def _found(boxes: list[tuple[float, float, float, float]], truth: np.ndarray) -> bool:
    x0, y0, x1, y1 = truth
    for x, y, w, h in boxes:
        cx, cy = x + w / 2, y + h / 2
        if x0 <= cx <= x1 and y0 <= cy <= y1 and 0.5 < w / (x1 - x0) < 2:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-root", default="../shared/data/synthfaces-128")
    parser.add_argument("--faces", type=int, default=100)
    parser.add_argument("--widths", type=int, nargs="+", default=[8, 10, 12, 16, 24, 32, 48])
    parser.add_argument("--out", default="benchmarks/results/detection.json")
    args = parser.parse_args()
    import cv2
    import dlib

    root = Path(args.data_root)
    corpus = np.load(root / "landmarks.npz")
    by_index = dict(zip(corpus["index"].tolist(), corpus["landmarks"]))
    yunet, yunet_as_is = FaceDetector(), FaceDetector(upscale=1.0)
    hog = dlib.get_frontal_face_detector()

    def dlib_hog(upsample):
        def run(image):
            return [(r.left(), r.top(), r.width(), r.height()) for r in hog(image, upsample)]

        return run

    detectors = {
        "YuNet, 2× search (facerestore)": lambda image: [tuple(f.box) for f in yunet(image)],
        "YuNet, as is": lambda image: [tuple(f.box) for f in yunet_as_is(image)],
        "dlib HOG, upsampled once": dlib_hog(1),
        "dlib HOG, as is": dlib_hog(0),
    }
    rng = np.random.default_rng(0)
    masker = FaceMaskOcclusion()
    hits = {(d, o, w): 0 for d in detectors for o in ("bare", "face mask") for w in args.widths}
    seconds = dict.fromkeys(detectors, 0.0)
    calls = 0
    for n in range(args.faces):
        index = 10000 + n
        face = read_rgb(root / "test" / f"{index}.jpg")
        points = by_index[index]
        masked, _ = masker.render(face, points, np.random.default_rng([0, index]))
        for occlusion, image in (("bare", face), ("face mask", masked)):
            for width in args.widths:
                scene, truth = _scene(image, points, width, rng)
                calls += 1
                for name, detect in detectors.items():
                    start = time.perf_counter()
                    boxes = detect(scene)
                    seconds[name] += time.perf_counter() - start
                    hits[name, occlusion, width] += _found(boxes, truth)
    header = "| detector | faces | " + " | ".join(f"{w} px" for w in args.widths) + " | ms per frame |"
    print(header)
    print("|" + "---|" * (len(args.widths) + 3))
    rows = []
    for name in detectors:
        for occlusion in ("bare", "face mask"):
            rates = [hits[name, occlusion, w] / args.faces for w in args.widths]
            rows.append(
                {
                    "detector": name,
                    "faces": occlusion,
                    "found": dict(zip(args.widths, rates)),
                    "ms_per_frame": 1000 * seconds[name] / calls,
                }
            )
            cells = " | ".join(f"{r:.0%}" for r in rates)
            print(f"| {name} | {occlusion} | {cells} | {1000 * seconds[name] / calls:.1f} |")
    settings = {
        "faces": args.faces,
        "first": "test/10000",
        "threads": cv2.getNumThreads(),
        "dlib": dlib.__version__,
        "opencv": cv2.__version__,
    }
    save_results(settings, rows, args.out)


if __name__ == "__main__":
    main()
