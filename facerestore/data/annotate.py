"""68-point landmarks for faces that come without them, with dlib (the synthfaces corpus recipe).

Optional dependency: ``pip install dlib-bin face-recognition-models`` (``dlib-bin`` is a prebuilt dlib wheel;
plain ``dlib`` compiles for a quarter of an hour). Licences: dlib's HOG face detector is public domain; the
68-point shape predictor (``shape_predictor_68_face_landmarks.dat``, shipped in ``face-recognition-models``)
was trained on iBUG 300-W, whose licence **excludes commercial use**. The landmarks feed
:class:`~facerestore.data.dataset.FaceImageDataset` (``landmarks=``) and the prior maps of
:mod:`facerestore.data.priors`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image
from tqdm import tqdm

from facerestore.imageio import list_images, read_rgb

INSTALL_HINT = (
    "pip install dlib-bin face-recognition-models  (dlib's HOG detector: public domain; the 68-point shape "
    "predictor was trained on iBUG 300-W: no commercial use)"
)


def _import_dlib():
    try:
        import dlib
    except ImportError as err:
        raise ImportError(f"DlibLandmarker needs dlib and the 68-point model: {INSTALL_HINT}") from err
    return dlib


def default_predictor_path() -> Path:
    """``shape_predictor_68_face_landmarks.dat`` inside the installed ``face-recognition-models`` package.

    Found without importing the package (its ``__init__`` needs ``pkg_resources``, gone from new setuptools).
    """
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or spec.origin is None:
        raise ImportError(f"the 68-point model is not installed: {INSTALL_HINT}")
    return Path(spec.origin).parent / "models" / "shape_predictor_68_face_landmarks.dat"


class DlibLandmarker:
    """iBUG 300-W 68-point landmarks of aligned faces: dlib's HOG detector, then its shape predictor.

    The image is upscaled ``2**upsample`` times (PIL bicubic), the detector runs on it without further
    upsampling and the predictor fits the largest face found; the points are divided back to the image's
    pixels. With ``upsample=1`` this reproduces the synthfaces corpus's ``landmarks.npz`` exactly (checked
    on its images). Where no face is found, the predictor runs in ``fallback_box`` (left, top, right,
    bottom as fractions of the image side; the default is the median HOG box on synthfaces, as the corpus
    fell back to a fixed central box) and ``detected`` is False.
    """

    def __init__(
        self,
        predictor_path: str | os.PathLike | None = None,
        upsample: int = 1,
        fallback_box: tuple[float, float, float, float] = (0.1, 0.25, 0.9, 1.0),
    ):
        self._dlib = _import_dlib()
        path = Path(predictor_path) if predictor_path is not None else default_predictor_path()
        if not path.is_file():
            raise FileNotFoundError(f"dlib shape predictor {path} does not exist; {INSTALL_HINT}")
        self.detector = self._dlib.get_frontal_face_detector()
        self.predictor = self._dlib.shape_predictor(str(path))
        self.upsample = upsample
        self.fallback_box = fallback_box

    def detect(self, images: Sequence[np.ndarray] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Landmarks (N×68×2 float32, x then y, image pixels) and ``detected`` (N bool) of RGB uint8 images."""
        points, detected = [], []
        for image in images:
            image = np.asarray(image)
            if image.ndim != 3 or image.shape[-1] != 3 or image.dtype != np.uint8:
                raise ValueError(f"images must be H×W×3 uint8 RGB, got {image.shape} {image.dtype}")
            factor = 2**self.upsample
            h, w = image.shape[:2]
            big = np.asarray(Image.fromarray(image).resize((w * factor, h * factor), Image.BICUBIC))
            faces = self.detector(big, 0)
            if faces:
                box = max(faces, key=lambda r: r.area())
            else:
                l, t, r, b = self.fallback_box
                W, H = w * factor, h * factor
                box = self._dlib.rectangle(round(l * W), round(t * H), round(r * W), round(b * H))
            shape = self.predictor(big, box)
            points.append([(p.x / factor, p.y / factor) for p in shape.parts()])
            detected.append(bool(faces))
        return np.asarray(points, dtype=np.float32).reshape(-1, 68, 2), np.asarray(detected, dtype=bool)

    def __call__(self, images: Sequence[np.ndarray] | np.ndarray) -> np.ndarray:
        """N×68×2 landmarks of RGB uint8 images (see :meth:`detect`)."""
        return self.detect(images)[0]


def save_landmarks(
    path: str | os.PathLike, index: Sequence[int], landmarks: np.ndarray, detected: Sequence[bool]
) -> None:
    """Write landmarks in the corpus format: an .npz with ``index`` (file numbers), ``landmarks``, ``detected``."""
    landmarks = np.asarray(landmarks, dtype=np.float32)
    if landmarks.ndim != 3 or landmarks.shape[-1] != 2 or not len(index) == len(detected) == len(landmarks):
        raise ValueError(
            f"expected N file numbers, N×L×2 landmarks and N flags, got {len(index)}, "
            f"{landmarks.shape} and {len(detected)}"
        )
    np.savez(path, index=np.asarray(index, np.int64), landmarks=landmarks, detected=np.asarray(detected, bool))


def annotate_folder(
    root: str | os.PathLike, output: str | os.PathLike, landmarker: DlibLandmarker | None = None
) -> None:
    """Landmark every image of ``root`` (files named by number, e.g. ``00042.jpg``) into the .npz ``output``."""
    files = list_images(root)
    bad = [p.name for p in files if not p.stem.isdigit()]
    if bad or not files:
        raise ValueError(f"{root}: expected images named by number (00042.jpg), got {bad[:3] or 'no images'}")
    landmarker = landmarker or DlibLandmarker()
    results = [landmarker.detect([read_rgb(p)]) for p in tqdm(files, desc="landmarks", unit="face")]
    points, detected = (np.concatenate(parts) for parts in zip(*results))
    save_landmarks(output, [int(p.stem) for p in files], points, detected)
