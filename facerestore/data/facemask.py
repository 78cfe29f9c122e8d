"""Procedural face masks (surgical and cloth) drawn from 68 landmarks: the occlusion of JDSR-GAN (§IV-A).

JDSR-GAN puts a mask image on each aligned face, placed "based on the coordinates of the nose, left and right cheeks and
jaw" and scaled to fit (JDSR-GAN §IV-A, Fig. 4; JDSR-GAN (preprint) uses the mask-wearing tool of its ref. [44]). No
mask texture with a clear licence is available offline (docs/data.md, *Offline assets*), so the mask is drawn here: a
polygon from the nose bridge over the cheeks and along the jaw, coloured from :data:`PALETTE`, with texture, folds and
ear straps. Unlike the zero-filled holes of :mod:`facerestore.data.masks`, the covered pixels hold the mask's rendering,
so :meth:`FaceMaskOcclusion.render` returns the image *and* its exact known-mask.

Landmarks follow :mod:`facerestore.data.priors`: iBUG 300-W order (0-based: jaw 0–16, nose bridge 27–30),
HR pixels, x then y, pixel centres at integers.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from facerestore.registry import TRANSFORMS

from .priors import unit_vector

PALETTE = {
    "white": (232, 234, 230),
    "light_blue": (150, 196, 226),
    "black": (38, 38, 42),
    "grey": (135, 137, 142),
    "patterned": None,  # a random base colour with dots or checks of a second random colour
}


def checked_face(image, landmarks) -> tuple[np.ndarray, np.ndarray]:
    """``(image, landmarks)`` as a uint8 H×W×3 array and 68×2 float64 points, or a ``ValueError`` saying which
    is wrong: what every occluder drawn from landmarks takes."""
    image = np.asarray(image)
    points = np.asarray(landmarks, dtype=np.float64)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"image must be uint8 H×W×3, got {image.dtype} {image.shape}")
    if points.shape != (68, 2):
        raise ValueError(f"need 68 landmarks (x, y), got shape {points.shape}")
    return image, points


def painted(image: np.ndarray, colour: np.ndarray, cover: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``image`` with ``colour`` (H×W×3, rounded to 8 bits) where ``cover`` is True, and the float32 known-mask
    (1 = known). A covered pixel that happens to equal the face is moved by one grey level, so the image differs
    from the input exactly where the mask is 0."""
    out = image.copy()
    out[cover] = np.clip(np.rint(colour[cover]), 0, 255)
    same = cover & (out == image).all(axis=-1)
    out[same, 0] ^= 1
    return out, (~cover).astype(np.float32)


def frame_coords(shape: tuple[int, int], origin, right, down) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (px) of every pixel from ``origin`` along ``right`` and ``down``: a frame for textures."""
    yy, xx = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float64)
    dx, dy = xx - origin[0], yy - origin[1]
    return dx * right[0] + dy * right[1], dx * down[0] + dy * down[1]


def _along(line: np.ndarray, t: float) -> np.ndarray:
    """The point at fractional index ``t`` of a polyline (linear between neighbouring points)."""
    i = min(int(np.floor(t)), len(line) - 2)
    return line[i] + (t - i) * (line[i + 1] - line[i])


def _luma(rgb: np.ndarray) -> float:
    """BT.601 luma of one RGB colour (0–255)."""
    return float(np.dot(rgb, (0.299, 0.587, 0.114)))


def _material(
    rng: np.random.Generator, uu: np.ndarray, vv: np.ndarray, patterned: float | None, contrast: float = 0
) -> np.ndarray:
    """H×W×3 float colour of the mask material at face coordinates (uu, vv): palette colour, jitter, pattern,
    then noise or horizontal stripes. ``patterned`` is the chance of the patterned material (the plain colours
    share the rest); ``None`` draws uniformly from :data:`PALETTE`. A pattern's two colours are drawn again until
    their lumas differ by at least ``contrast``."""
    h, w = uu.shape
    if patterned is None:  # one draw, as before the option existed: every pinned evaluation keeps its masks
        name = list(PALETTE)[rng.integers(len(PALETTE))]
    else:
        plain = [n for n, c in PALETTE.items() if c is not None]
        name = "patterned" if rng.random() < patterned else plain[rng.integers(len(plain))]
    base = PALETTE[name]
    base = rng.uniform(40, 230, size=3) if base is None else np.array(base) + rng.normal(0, 6, size=3)
    if name == "patterned":
        second = rng.uniform(40, 230, size=3)
        while abs(_luma(second) - _luma(base)) < contrast:  # both again: a mid-grey base may allow no second
            base, second = rng.uniform(40, 230, size=3), rng.uniform(40, 230, size=3)
        freq = rng.uniform(6, 12)
        if rng.random() < 0.5:
            spots = ((uu * freq) % 1 - 0.5) ** 2 + ((vv * freq) % 1 - 0.5) ** 2 < 0.08
        else:
            spots = (np.floor(uu * freq) + np.floor(vv * freq)) % 2 == 1
        colour = np.where(spots[..., None], second, base)
    else:
        colour = np.broadcast_to(base, (h, w, 3)).copy()
    if rng.random() < 0.5:
        colour = colour + rng.normal(0, rng.uniform(2, 8), size=(h, w, 1))
    else:
        colour = colour * (1 + rng.uniform(0.03, 0.08) * np.sin(2 * np.pi * rng.uniform(15, 30) * vv))[..., None]
    return colour


@TRANSFORMS.register_module()
class FaceMaskOcclusion:
    """A random face mask over nose, mouth, cheeks and jaw, drawn from 68 landmarks (JDSR-GAN §IV-A, Fig. 4).

    Shape: the top edge is a curve from the left side over the nose bridge to the right side, peaking at a
    point ``top`` of the way down the bridge (0 = point 27, 1 = the nose tip 30); the sides sit at jaw index
    ``side`` and 16 − ``side``; the lower edge follows the jaw between them, pushed out by ``margin`` of the
    face width (jaw 0 to 16) so the chin is covered. Each draws uniformly from its range. Looks: a colour of
    :data:`PALETTE` (jittered), side shading, noise or stripes, 1–3 horizontal folds (darker lines) and two
    straps from each side toward the ear. Straps count as covered; the image changes exactly where the mask is 0.

    The mask needs the face's landmarks, so it is a *rendering* occlusion: ``FaceImageDataset`` calls
    :meth:`render` with the sample's points instead of zero-filling a mask.

    ``patterned`` sets the chance of a patterned mask (dots or checks); the default, ``None``, draws the
    material uniformly from :data:`PALETTE` (one in five patterned), as every evaluation protocol does. A
    training set can raise it to show a model more of the hardest material, and ``contrast`` (0–150, default 0)
    keeps only patterns whose two colours differ in luma (BT.601, 0–255) by at least that much.
    """

    def __init__(
        self,
        top: tuple[float, float] = (0.33, 0.67),
        side: tuple[float, float] = (1.0, 2.5),
        margin: tuple[float, float] = (0.01, 0.05),
        patterned: float | None = None,
        contrast: float = 0,
    ):
        if patterned is not None and not (isinstance(patterned, (int, float)) and 0 <= patterned <= 1):
            raise ValueError(f"FaceMaskOcclusion: patterned must be a probability in [0, 1] or None, got {patterned!r}")
        if not (isinstance(contrast, (int, float)) and 0 <= contrast <= 150):  # [40, 230]³ colours: lumas ≤ 190 apart
            raise ValueError(f"FaceMaskOcclusion: contrast must be a luma difference in [0, 150], got {contrast!r}")
        self.top, self.side, self.margin = top, side, margin
        self.patterned, self.contrast = patterned, contrast

    def render(
        self, image: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """``image`` (uint8 H×W×3) with a mask drawn on it, and the float32 H×W mask (1 = known, 0 = covered)."""
        image, p = checked_face(image, landmarks)
        h, w = image.shape[:2]
        down = unit_vector(p[8] - p[27])  # the face's own axes, so tilted faces get tilted masks
        right = np.array([down[1], -down[0]])  # image right on an upright face
        width = float(np.linalg.norm(p[16] - p[0]))
        jaw = p[0:17]

        nose_top = _along(p[27:31], 3 * rng.uniform(*self.top))
        side = rng.uniform(*self.side)
        margin = rng.uniform(*self.margin) * width
        centre = p[30]

        def pushed(pt: np.ndarray) -> np.ndarray:  # moved away from the nose tip by the margin
            return pt + margin * unit_vector(pt - centre)

        left, right_side = pushed(_along(jaw, side)), pushed(_along(jaw, 16 - side))
        control = 2 * nose_top - (left + right_side) / 2  # the quadratic curve passes through nose_top
        u = np.linspace(0, 1, 17)[:, None]
        top_edge = (1 - u) ** 2 * left + 2 * u * (1 - u) * control + u**2 * right_side
        inner = [pushed(pt) for pt in jaw[int(np.floor(16 - side)) : int(np.ceil(side)) - 1 : -1]]
        polygon = np.concatenate([top_edge, np.array(inner).reshape(-1, 2)])

        canvas = Image.new("L", (w, h), 0)
        draw = ImageDraw.Draw(canvas)
        draw.polygon([tuple(xy) for xy in polygon.tolist()], fill=1)
        strap = max(1, round(0.015 * width))
        for corner, ear, lower in (
            (left, jaw[0], _along(jaw, side + 3)),
            (right_side, jaw[16], _along(jaw, 13 - side)),
        ):
            ear = ear + 0.08 * width * unit_vector(ear - centre) - 0.05 * width * down
            draw.line([tuple(corner), tuple(ear)], fill=2, width=strap)
            draw.line([tuple(lower), tuple(ear)], fill=2, width=strap)
        layer = np.asarray(canvas)
        cover = layer > 0

        uu, vv = (c / width for c in frame_coords((h, w), nose_top, right, down))  # in face widths, from nose_top
        colour = _material(rng, uu, vv, self.patterned, self.contrast)
        shade = 1 - rng.uniform(0.1, 0.3) * np.clip(2 * uu, -1, 1) ** 2
        chin = float(np.dot(p[8] - nose_top, down)) / width
        for depth in rng.uniform(0.2, 0.85, size=rng.integers(1, 4)):
            shade = shade * np.where(np.abs(vv - depth * chin) * width < 0.8, 0.65, 1.0)
        shade = np.where(layer == 2, 0.85, shade)  # straps a little darker than the mask
        rendered = np.clip(np.rint(colour * shade[..., None]), 0, 255).astype(np.uint8)

        return painted(image, rendered, cover)
