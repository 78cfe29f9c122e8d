"""Mean five-point layout (eye centres, nose tip, mouth corners) of an aligned corpus.

    python scripts/face_points.py ../shared/data/synthfaces-128/landmarks.npz
    python scripts/face_points.py ../shared/data/synthfaces-128 --detector [--every 10]

From the 68 landmarks: the points that :data:`facerestore.models.identity.sface.SYNTHFACES_POINTS` holds for
synthfaces-128, the layout SFace's alignment maps onto the ArcFace template. With ``--detector``: the mean of
YuNet's own five points on every ``--every``-th training face (train/00000–09499, searched on a 2× upscale, as
photographs are), which :data:`facerestore.photo.TEMPLATE` holds, so that photographs are aligned the way the
detector sees the training faces. The two differ by up to 3 px (YuNet's nose tip sits lower, its eyes 2 px wider).
"""

import argparse
from pathlib import Path

import numpy as np


def five_points(landmarks: np.ndarray) -> np.ndarray:
    """N×68×2 iBUG landmarks → the 5×2 mean of (right eye, left eye, nose tip, mouth corners) in image order."""
    mean = landmarks.astype(np.float64).mean(0)
    return np.stack([mean[36:42].mean(0), mean[42:48].mean(0), mean[30], mean[48], mean[54]])


def detector_points(root: Path, every: int) -> np.ndarray:
    """The mean of YuNet's five points (the most confident face of each image) over the training faces."""
    from facerestore.imageio import read_rgb
    from facerestore.photo import FaceDetector

    detector = FaceDetector()
    points, missed = [], 0
    for i in range(0, 9500, every):
        faces = detector(read_rgb(root / "train" / f"{i:05d}.jpg"))
        if faces:
            points.append(max(faces, key=lambda f: f.score).landmarks)
        else:
            missed += 1
    print(f"{len(points)} faces, {missed} without a detection")
    return np.mean(points, axis=0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", help="landmarks.npz, or the corpus folder with --detector")
    parser.add_argument("--detector", action="store_true")
    parser.add_argument("--every", type=int, default=10)
    args = parser.parse_args()
    if args.detector:
        points = detector_points(Path(args.source), args.every)
    else:
        points = five_points(np.load(args.source)["landmarks"])
    print([[round(float(x), 2), round(float(y), 2)] for x, y in points])
