"""Face-prior ground truth from 68 landmarks: Gaussian landmark heatmaps, parsing maps, skin maps, overlays.

These are the targets of the prior branches (docs/architecture-notes.md §6: ``heatmaps``, ``parsing``, ``parsing_lr``):
FSRNet's prior estimator as used by JDSR-GAN (eq. 14) and FCSR-GAN (eq. 9) predicts landmark
heatmaps and an 11-class parsing map at 64², and FishFSRNet's ParsingNet predicts an LR skin map (FishFSRNet §III-A,
eq. 1–2). No face-parsing network is available here (docs/data.md, *Offline assets*), so parsing maps are filled
polygons of the 68-point iBUG 300-W layout; a dataset that ships real parsing maps can supply ``parsing`` instead.

Coordinates: landmarks are in HR pixels, x then y, with pixel centres at integers (as
:class:`~facerestore.data.dataset.FaceImageDataset` moves them); on an ``s``-pixel map a point lands at
``(p + 0.5)·s/hr_size − 0.5``, so maps of every size stay aligned with the image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

#: The 11 parsing classes (docs/architecture-notes.md §6; GFC / FSRNet / Helen layout). Left and right are the
#: **image's**: "left eye" is the eye on the left of the picture (iBUG points 36–41, the subject's right eye).
PARSING_CLASSES = (
    "background",
    "skin",
    "left brow",
    "right brow",
    "left eye",
    "right eye",
    "nose",
    "upper lip",
    "inner mouth",
    "lower lip",
    "hair",
)
SKIN = 1

#: How far the skin polygon reaches above the brows, as a fraction of the brow-to-chin distance.
FOREHEAD = 0.3
#: Brow thickness (the iBUG brow points trace the brow's upper edge), as a fraction of the eye distance.
BROW_THICKNESS = 0.12
#: Half-width of the nose bridge at its top (iBUG point 27), as a fraction of the nostril width (31–35).
NOSE_BRIDGE = 0.15

#: RGB colours of the parsing classes in :func:`render_priors` (background is never drawn).
PALETTE = np.array(
    [
        (0, 0, 0),
        (230, 180, 140),
        (140, 70, 20),
        (200, 110, 40),
        (30, 120, 255),
        (0, 220, 255),
        (60, 200, 60),
        (230, 30, 30),
        (120, 0, 120),
        (255, 140, 0),
        (150, 60, 220),
    ],
    dtype=np.float32,
)
#: RGB colour of the landmark heatmaps in :func:`render_priors`.
HEATMAP_COLOUR = np.array((255, 255, 0), dtype=np.float32)


def _to_grid(landmarks: torch.Tensor, size: int, hr_size: int) -> torch.Tensor:
    """HR pixel coordinates -> coordinates on a ``size``-pixel map (pixel centres at integers)."""
    return (landmarks + 0.5) * (size / hr_size) - 0.5


def _check_points(landmarks: torch.Tensor, count: int | None = None) -> None:
    if landmarks.ndim != 3 or landmarks.shape[-1] != 2 or (count and landmarks.shape[1] != count):
        raise ValueError(f"landmarks must be N×{count or 'L'}×2 (x, y), got shape {tuple(landmarks.shape)}")


def landmark_heatmaps(
    landmarks: torch.Tensor, size: int, hr_size: int = 128, sigma: float | None = None
) -> torch.Tensor:
    """N×L×size×size Gaussian heatmaps, peak 1 at each landmark (FSRNet / FCSR-GAN landmark ground truth).

    ``landmarks`` is N×L×2 in HR pixels (x, y). ``sigma`` is in pixels of the heatmap; the default
    ``1.75·size/64`` is the FCSR-GAN code's σ ≈ 1.75 px at 64² (docs/architecture-notes.md §3.8), i.e. the same
    3.5 HR pixels at every size. Unlike that code, the Gaussian is not cut to a 7×7 window and is centred at
    the point's sub-pixel position, so a map's largest sample is slightly below 1 unless the point sits on a
    pixel centre. Points outside the frame give partial or (far away) all-zero maps.
    """
    landmarks = torch.as_tensor(landmarks)
    _check_points(landmarks)
    sigma = 1.75 * size / 64 if sigma is None else sigma
    points = _to_grid(landmarks.float(), size, hr_size)
    grid = torch.arange(size, dtype=points.dtype, device=points.device)
    gx, gy = torch.exp(-((grid - points[..., None]) ** 2) / (2 * sigma**2)).unbind(-2)
    return gy[..., :, None] * gx[..., None, :]


def unit_vector(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-6)


def fill_polygons(shape: tuple[int, int], layers) -> np.ndarray:
    """Label image: each polygon of ``layers`` ((label, polygon) pairs) filled in turn, 0 elsewhere."""
    canvas = Image.new("L", shape[::-1], 0)
    draw = ImageDraw.Draw(canvas)
    for label, polygon in layers:
        draw.polygon([tuple(xy) for xy in np.asarray(polygon).tolist()], fill=label)
    return np.asarray(canvas)


def _face_polygons(p: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(class id, polygon) pairs of one 68-point face, in drawing order (later ones paint over earlier)."""
    brows = p[17:27].mean(0)
    down = unit_vector(p[8] - brows)  # the face's own "down", so tilted faces get tilted shapes
    right = np.array([down[1], -down[0]])
    brow_chin = float(np.linalg.norm(p[8] - brows))
    eye_distance = float(np.linalg.norm(p[42:48].mean(0) - p[36:42].mean(0)))
    forehead = p[17:27][::-1] - FOREHEAD * brow_chin * down
    bridge = NOSE_BRIDGE * float(np.linalg.norm(p[35] - p[31])) * right
    polygons = [
        (1, np.concatenate([p[0:17], forehead])),
        (6, np.concatenate([p[27:28] - bridge, p[31:36], p[27:28] + bridge])),
    ]
    for cls, line in ((2, p[17:22]), (3, p[22:27])):
        polygons.append((cls, np.concatenate([line, line[::-1] + BROW_THICKNESS * eye_distance * down])))
    polygons += [
        (4, p[36:42]),
        (5, p[42:48]),
        (7, np.concatenate([p[48:55], p[60:65][::-1]])),
        (9, np.concatenate([p[54:60], p[48:49], p[60:61], p[64:68][::-1]])),
        (8, p[60:68]),
    ]
    return polygons


def parsing_from_landmarks(landmarks: torch.Tensor, size: int, hr_size: int = 128) -> torch.Tensor:
    """N×size×size int64 parsing maps (class ids of :data:`PARSING_CLASSES`) drawn from N×68×2 landmarks.

    Filled polygons of the iBUG 300-W 68-point layout, drawn with PIL directly at ``size`` (deterministic;
    boundary pixels included), in this order, later classes painting over earlier ones:

    - skin (1): the jaw line (points 0–16) closed over the forehead by the brow points (17–26) moved up the
      face by :data:`FOREHEAD` (0.3) of the brow-to-chin distance; landmarks do not give the hairline, so
      this is a fixed guess that covers the lower forehead;
    - nose (6): from the top of the bridge (27, widened to ±:data:`NOSE_BRIDGE` of the nostril width) down to
      the lower nose (31–35);
    - brows (2, 3): each 5-point brow line thickened down the face by :data:`BROW_THICKNESS` of the eye
      distance (the iBUG points trace the brow's upper edge);
    - eyes (4, 5): the 6-point eye contours (36–41, 42–47);
    - upper lip (7) between the outer (48–54) and inner (60–64) upper contours, lower lip (9) between the
      outer (54–59, 48) and inner (64–67, 60) lower contours, inner mouth (8) inside the inner contour (a
      closed mouth leaves a one-pixel line there).

    Left and right are the image's (:data:`PARSING_CLASSES`). Hair (10) cannot be derived from landmarks and
    is never drawn. "Down the face" follows the brow-centre-to-chin direction, so the shapes tilt with the face.
    """
    landmarks = torch.as_tensor(landmarks)
    _check_points(landmarks, 68)
    points = _to_grid(landmarks.detach().double().cpu(), size, hr_size).numpy()
    maps = [fill_polygons((size, size), _face_polygons(face)) for face in points]
    return torch.from_numpy(np.array(maps, np.uint8).reshape(-1, size, size)).long().to(landmarks.device)


def skin_map(parsing: torch.Tensor) -> torch.Tensor:
    """The FishFSRNet parsing map: 1 on skin, 0 elsewhere (FishFSRNet §III-A), as float (…)×1×s×s from (…)×s×s ids.

    FishFSRNet §III-A: "a 0-1 matrix where the skin is 1 and the facial components and others are 0" — only class 1
    (skin) counts; brows, eyes, nose, lips, mouth, hair and background are 0.
    """
    return (parsing == SKIN).float().unsqueeze(-3)


def one_hot_parsing(parsing: torch.Tensor, num_classes: int = len(PARSING_CLASSES)) -> torch.Tensor:
    """Float one-hot maps (…)×C×s×s from (…)×s×s class ids (the 11 soft maps FSRNet's parsing MSE uses)."""
    return F.one_hot(parsing.long(), num_classes).movedim(-1, -3).float()


@dataclass(eq=False)  # compared and hashed by identity, as before
class FacePriors:
    """The prior keys of docs/architecture-notes.md §6 from a batch of landmarks (for ``FaceImageDataset(priors=)``).

    ``heatmap_size`` adds ``heatmaps`` (N×L×s×s, :func:`landmark_heatmaps` with ``sigma``), ``parsing_size``
    adds ``parsing`` (N×s×s int64), and ``parsing_lr`` adds the FishFSRNet input at ``lr_size``: ``'skin'``
    (N×1×h×w, :func:`skin_map`, FishFSRNet §III-A) or ``'onehot'`` (N×11×h×w). Parsing needs 68 points; each
    parsing map is drawn at its own size.
    """

    hr_size: int = 128
    lr_size: int | None = None
    heatmap_size: int | None = None
    parsing_size: int | None = None
    parsing_lr: str | None = None
    sigma: float | None = None

    def __post_init__(self):
        if self.parsing_lr not in (None, "skin", "onehot"):
            raise ValueError(f"parsing_lr must be None, 'skin' or 'onehot', got {self.parsing_lr!r}")
        if self.parsing_lr is not None and self.lr_size is None:
            raise ValueError("parsing_lr needs lr_size")
        if self.heatmap_size is None and self.parsing_size is None and self.parsing_lr is None:
            raise ValueError("FacePriors needs at least one of heatmap_size, parsing_size, parsing_lr")

    def __call__(self, landmarks: torch.Tensor) -> dict[str, torch.Tensor]:
        out = {}
        if self.heatmap_size:
            out["heatmaps"] = landmark_heatmaps(landmarks, self.heatmap_size, self.hr_size, self.sigma)
        if self.parsing_size:
            out["parsing"] = parsing_from_landmarks(landmarks, self.parsing_size, self.hr_size)
        if self.parsing_lr:
            lr = parsing_from_landmarks(landmarks, self.lr_size, self.hr_size)
            out["parsing_lr"] = skin_map(lr) if self.parsing_lr == "skin" else one_hot_parsing(lr)
        return out


def render_priors(
    image: np.ndarray,
    heatmaps: torch.Tensor | np.ndarray | None = None,
    parsing: torch.Tensor | np.ndarray | None = None,
    alpha: float = 0.45,
) -> np.ndarray:
    """Overlay priors on an H×W×3 uint8 RGB face; returns uint8 H×W×3.

    ``parsing`` (s×s class ids) is resized with nearest neighbours and blended in :data:`PALETTE` with
    opacity ``alpha`` (background left as is); the heatmaps' maximum over landmarks (``heatmaps`` L×s×s) is
    resized bilinearly and blended in :data:`HEATMAP_COLOUR` with its own value as opacity.
    """
    if image.ndim != 3 or image.shape[-1] != 3 or image.dtype != np.uint8:
        raise ValueError(f"image must be H×W×3 uint8, got {image.shape} {image.dtype}")
    size = image.shape[:2]
    out = image.astype(np.float32)
    if parsing is not None:
        ids = torch.as_tensor(parsing).float()[None, None]
        ids = F.interpolate(ids, size=size, mode="nearest-exact")[0, 0].long().numpy()
        out = np.where((ids > 0)[..., None], (1 - alpha) * out + alpha * PALETTE[ids], out)
    if heatmaps is not None:
        peak = torch.as_tensor(heatmaps).float().amax(0)[None, None]
        peak = F.interpolate(peak, size=size, mode="bilinear", align_corners=False)[0, 0].clamp(0, 1).numpy()[..., None]
        out = (1 - peak) * out + peak * HEATMAP_COLOUR
    return np.round(out).clip(0, 255).astype(np.uint8)
