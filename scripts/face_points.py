"""Mean five-point layout (eye centres, nose tip, mouth corners) of an aligned corpus, from its 68 landmarks.

    python scripts/face_points.py ../shared/data/synthfaces-128/landmarks.npz

prints the points that :data:`facerestore.models.identity.sface.SYNTHFACES_POINTS` holds for synthfaces-128, the
layout SFace's alignment maps onto the ArcFace template.
"""

import sys

import numpy as np


def five_points(landmarks: np.ndarray) -> np.ndarray:
    """N×68×2 iBUG landmarks → the 5×2 mean of (right eye, left eye, nose tip, mouth corners) in image order."""
    mean = landmarks.astype(np.float64).mean(0)
    return np.stack([mean[36:42].mean(0), mean[42:48].mean(0), mean[30], mean[48], mean[54]])


if __name__ == "__main__":
    points = five_points(np.load(sys.argv[1])["landmarks"])
    print([[round(float(x), 2), round(float(y), 2)] for x, y in points])
