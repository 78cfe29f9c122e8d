"""Realistic occluders drawn on aligned faces from their 68 landmarks, to train an occlusion estimator.

The occlusion estimator (a small segmentation net) has to find what covers a face in real photographs, which
the zero-filled holes of :mod:`facerestore.data.masks` do not show it. :class:`RealisticOcclusion` draws one
occluder per call, of a kind picked at random:

- ``face_mask``: a surgical or cloth mask (:class:`~facerestore.data.facemask.FaceMaskOcclusion`);
- ``sunglasses``: two dark lenses over the eyes in a frame, with a bridge and sometimes arms toward the ears;
- ``scarf``: patterned cloth from between the nose tip and the upper lip down to the bottom of the image;
- ``hand``: a palm and 3–4 fingers of a random skin tone over the mouth, an eye, a cheek or the chin;
- ``object``: a textured random polygon or blob somewhere on the face;
- ``block``: a solid axis-aligned rectangle somewhere on the face;
- ``none``: nothing (probability 0 unless given), so an estimator also sees faces that nothing covers.

Landmarks follow :mod:`facerestore.data.facemask`: iBUG 300-W order (0-based), HR pixels, x then y.
"""

from __future__ import annotations

from math import ceil

import numpy as np
from PIL import Image, ImageFilter

from facerestore.data.facemask import FaceMaskOcclusion, checked_face, frame_coords, painted
from facerestore.data.priors import fill_polygons, unit_vector
from facerestore.registry import TRANSFORMS

OCCLUDERS = ("face_mask", "sunglasses", "scarf", "hand", "object", "block")
KINDS = (*OCCLUDERS, "none")
COVER = (0.03, 0.6)  # covered fraction of the image an occluder must keep to; redrawn (a few times) otherwise
ATTEMPTS = 8
SKIN = np.array([[243.0, 212, 188], [200, 145, 105], [88, 55, 36]])  # skin tones from light to dark


class _Face:
    """A face's frame from its landmarks ``p``: the ``eyes`` centres, unit ``right`` along the eye line, ``down``
    across it and ``width`` (jaw 0 to 16, px), so that occluders follow the face's size and tilt."""

    def __init__(self, p: np.ndarray):
        self.p, self.eyes = p, (p[36:42].mean(0), p[42:48].mean(0))
        self.right = unit_vector(self.eyes[1] - self.eyes[0])
        self.down = np.array([-self.right[1], self.right[0]])
        self.width = float(np.linalg.norm(p[16] - p[0]))


def _on_face(rng: np.random.Generator, f: _Face) -> np.ndarray:
    """A uniformly random point of the inner 80 % of the ellipse between the brows, the chin and the jaw sides."""
    top, chin = f.p[17:27].mean(0), f.p[8]
    centre, half = (top + chin) / 2, float(np.dot(chin - top, f.down)) / 2
    rho, angle = np.sqrt(rng.random()), rng.uniform(0, 2 * np.pi)
    return centre + 0.8 * rho * (0.5 * f.width * np.cos(angle) * f.right + half * np.sin(angle) * f.down)


def _oval(centre, right, down, a: float, b: float, power: float = 2.0, n: int = 48) -> np.ndarray:
    """Polygon of a superellipse with half-axes ``a`` along ``right`` and ``b`` along ``down``: an ellipse
    for ``power`` 2, a rounded rectangle for 4 and more."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    x = a * np.sign(np.cos(t)) * np.abs(np.cos(t)) ** (2 / power)
    y = b * np.sign(np.sin(t)) * np.abs(np.sin(t)) ** (2 / power)
    return centre + x[:, None] * right + y[:, None] * down


def _capsule(start, end, radius: float, n: int = 12) -> np.ndarray:
    """Polygon of a stroke from ``start`` to ``end`` with round ends (a finger, a bridge, an arm)."""
    along = unit_vector(np.asarray(end, float) - start)
    t = np.linspace(-np.pi / 2, np.pi / 2, n)[:, None]
    cap = np.cos(t) * along + np.sin(t) * np.array([-along[1], along[0]])
    return np.concatenate([end + radius * cap, start - radius * cap])


def _texture(rng: np.random.Generator, style: str, base, uu: np.ndarray, vv: np.ndarray) -> np.ndarray:
    """H×W×3 colour: ``base`` with a pattern in the frame (uu, vv): plain ``noise``, a ``gradient``,
    ``stripes`` or ``checks`` of a second colour, or ``knit`` stitches; always with fine and coarse noise."""
    colour = np.broadcast_to(np.asarray(base, dtype=np.float64), uu.shape + (3,)).copy()
    period, angle = rng.uniform(5, 14), rng.choice([0, np.pi / 2, rng.uniform(0, np.pi)])
    along = uu * np.cos(angle) + vv * np.sin(angle)
    across = vv * np.cos(angle) - uu * np.sin(angle)
    if style in ("stripes", "checks"):
        band = (along / period) % 1 < rng.uniform(0.3, 0.6)
        if style == "checks":
            band ^= (across / period) % 1 < 0.5
        colour[band] = rng.uniform(20, 235, size=3)
    elif style == "knit":  # rows of V-shaped stitches, one column of Vs every period / 2
        column = (uu / (period / 2)) % 1
        colour *= (1 + 0.15 * np.cos(2 * np.pi * (vv / (period / 2.5) + np.abs(column - 0.5))))[..., None]
    elif style == "gradient":
        colour *= (1 - rng.uniform(0.3, 0.6) * (along - along.min()) / max(np.ptp(along), 1e-6))[..., None]
    coarse = Image.fromarray(rng.uniform(-1, 1, size=(6, 6)).astype(np.float32)).resize(uu.shape[::-1], Image.BICUBIC)
    noise = rng.normal(0, rng.uniform(1, 5), uu.shape) + rng.uniform(3, 10) * np.asarray(coarse, dtype=np.float64)
    return colour + noise[..., None]


def _shading(rng: np.random.Generator, cover: np.ndarray, uu, vv, size: float) -> np.ndarray:
    """H×W×1 factor for a solid look: light from a random side across ``size`` px, darker toward the rim."""
    blur = Image.fromarray(cover.astype(np.uint8) * 255).filter(ImageFilter.GaussianBlur(max(float(size) / 12, 1.0)))
    rim = np.clip(2 - 2 * np.asarray(blur, dtype=np.float64) / 255, 0, 1)  # 1 at the edge, 0 well inside
    light = rng.uniform(0, 2 * np.pi)
    side = np.clip((uu * np.cos(light) + vv * np.sin(light)) / size, -1, 1)
    return (1 + rng.uniform(0.05, 0.2) * side - rng.uniform(0.15, 0.35) * rim)[..., None]


def _sunglasses(rng: np.random.Generator, f: _Face, shape: tuple[int, int]):
    p, (left, right) = f.p, f.eyes
    half_gap = float(np.linalg.norm(right - left)) / 2
    eye = (np.linalg.norm(p[39] - p[36]) + np.linalg.norm(p[45] - p[42])) / 2
    a = min(eye * rng.uniform(0.95, 1.2), 0.92 * half_gap)
    b, thick = a * rng.uniform(0.65, 0.9), rng.uniform(0.8, 2.2)
    power = 2.0 if rng.random() < 0.4 else rng.uniform(3, 6)
    drop = b * rng.uniform(0.1, 0.3) * f.down  # lenses sit a little below the eyes
    lenses = [centre + drop for centre in (left, right)]
    lift = -0.35 * b * f.down  # bridge and arms meet the frames in their upper part
    frame = [(1, _oval(c, f.right, f.down, a + thick, b + thick, power)) for c in lenses]
    frame.append((1, _capsule(lenses[0] + a * f.right + lift, lenses[1] - a * f.right + lift, thick)))
    if rng.random() < 0.6:
        for c, sign, ear in ((lenses[0], -1, p[0]), (lenses[1], 1, p[16])):
            reach = abs(float(np.dot(ear - c, f.right))) + 0.04 * f.width
            frame.append((1, _capsule(c + sign * a * f.right + lift, c + sign * reach * f.right + lift, thick)))
    labels = fill_polygons(shape, frame + [(2, _oval(c, f.right, f.down, a, b, power)) for c in lenses])

    uu, vv = frame_coords(shape, (lenses[0] + lenses[1]) / 2, f.right, f.down)
    tone = rng.choice([(25, 25, 28), (95, 60, 35), (190, 160, 90), (170, 172, 178)] + [rng.uniform(20, 235, 3)])
    colour = _texture(rng, "noise", np.asarray(tone) + rng.normal(0, 8, 3), uu, vv)
    glass = np.clip(rng.uniform(8, 40) + rng.normal(0, 6, 3), 0, 60)
    lens = _texture(rng, "noise", glass, uu, vv) + rng.uniform(10, 40) * (vv / b + 1)[..., None] / 2
    if rng.random() < 0.6:  # a faint soft reflection in the upper outer part of each lens
        outward, upward = (np.abs(uu) - half_gap) / a - 0.4, vv / b + 0.45
        lens += rng.uniform(15, 35) * np.exp(-(outward**2 / 0.05 + upward**2 / 0.02))[..., None]
    colour = np.where((labels == 2)[..., None], lens, colour)
    return colour, labels > 0


def _scarf(rng: np.random.Generator, f: _Face, shape: tuple[int, int]):
    p = f.p
    top = p[30] + rng.uniform(0, 1) * (p[51] - p[30])
    half = f.width / 2 * rng.uniform(1.05, 1.25)
    s = np.linspace(-1, 1, 25)
    edge = rng.uniform(1, 3.5) * np.sin(2 * np.pi * rng.uniform(1, 3) * s + rng.uniform(0, 2 * np.pi))
    edge += rng.uniform(-0.03, 0.08) * f.width * s**2  # wrapped up toward the ears or sagging
    top_edge = top + (half * s)[:, None] * f.right + edge[:, None] * f.down
    depth = np.append(np.linspace(12, 60, 5), 3 * shape[0])
    sides = [
        end + depth[:, None] * f.down + (sign * (0.1 * depth + rng.normal(0, 1.5, depth.size)))[:, None] * f.right
        for end, sign in ((top_edge[-1], 1), (top_edge[0], -1))
    ]
    cover = fill_polygons(shape, [(1, np.concatenate([top_edge, sides[0], sides[1][::-1]]))]) > 0

    uu, vv = frame_coords(shape, top, f.right, f.down)
    style = ("stripes", "checks", "knit")[rng.integers(3)]
    colour = _texture(rng, style, rng.uniform(30, 225, size=3), uu, vv)
    folds = 1 + rng.uniform(0.04, 0.1) * np.sin(2 * np.pi * uu / rng.uniform(12, 30) + rng.uniform(0, 2 * np.pi))
    return colour * folds[..., None] * _shading(rng, cover, uu, vv, f.width), cover


def _hand(rng: np.random.Generator, f: _Face, shape: tuple[int, int]):
    p, side = f.p, int(rng.integers(2))
    cheek = (p[(2, 14)[side]] + p[(31, 35)[side]]) / 2
    target = (p[48:68].mean(0), f.eyes[side], cheek, p[8])[rng.integers(4)]
    theta = rng.uniform(0, 2 * np.pi)
    across, up = np.array([np.cos(theta), np.sin(theta)]), np.array([np.sin(theta), -np.cos(theta)])
    palm = target + rng.normal(0, 0.04 * f.width, 2)
    pw = f.width * rng.uniform(0.17, 0.22)
    ph = pw * rng.uniform(1.0, 1.15)
    n, layers = int(rng.integers(3, 5)), []
    spread, length = rng.uniform(0, 0.15), 2 * ph * rng.uniform(0.8, 0.95)
    for k, x in enumerate((np.arange(n) - (n - 1) / 2) * 0.46 * pw):
        base = palm + x * across + 0.7 * ph * up
        tip = base + length * (0.9, 1.0, 0.95, 0.75)[k] * unit_vector(up + spread * x / pw * across)
        layers += [(3, _capsule(base, tip, 0.23 * pw)), (2, _capsule(base, tip, 0.23 * pw - 1))]
    # each finger's outline (3) stays as a crease beside the next one; the palm goes over the fingers' roots
    labels = fill_polygons(shape, layers + [(1, _oval(palm, across, up, pw, ph, power=3.0))])

    cover = labels > 0
    uu, vv = frame_coords(shape, palm, across, -up)
    tone = 2 * rng.random()
    skin = SKIN[int(tone)] + tone % 1 * (SKIN[int(tone) + 1] - SKIN[int(tone)]) + rng.normal(0, 6, 3)
    colour = _texture(rng, "noise", skin, uu, vv) * _shading(rng, cover, uu, vv, 2 * pw)
    return colour * np.where(labels == 3, 0.8, 1.0)[..., None], cover


def _object(rng: np.random.Generator, f: _Face, shape: tuple[int, int]):
    n = int(rng.integers(6, 13))
    angles = (np.arange(n) + rng.uniform(-0.3, 0.3, n)) * 2 * np.pi / n + rng.uniform(0, 2 * np.pi)
    radii = f.width * rng.uniform(0.15, 0.45) * rng.uniform(0.6, 1.0, n)  # the size: the radius
    centre = _on_face(rng, f)
    polygon = centre + radii[:, None] * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    for _ in range(3 if rng.random() < 0.5 else 0):  # Chaikin's corner cutting turns the polygon into a blob
        following = np.roll(polygon, -1, axis=0)
        polygon = np.stack([0.75 * polygon + 0.25 * following, 0.25 * polygon + 0.75 * following], 1).reshape(-1, 2)
    cover = fill_polygons(shape, [(1, polygon)]) > 0
    uu, vv = frame_coords(shape, centre, f.right, f.down)
    style = ("noise", "gradient", "stripes")[rng.integers(3)]
    colour = _texture(rng, style, rng.uniform(20, 235, size=3), uu, vv)
    return colour * _shading(rng, cover, uu, vv, 2 * radii.max()), cover


def _block(rng: np.random.Generator, f: _Face, shape: tuple[int, int]):
    h, w = shape
    side = int(rng.integers(16, 65))
    other = int(rng.integers(min(max(16, ceil(COVER[0] * h * w / side)), 64), 65))
    bw, bh = (side, other) if rng.random() < 0.5 else (other, side)
    cx, cy = _on_face(rng, f)
    left, top = (int(np.clip(round(c - s / 2), 0, max(n - s, 0))) for c, s, n in ((cx, bw, w), (cy, bh, h)))
    cover = np.zeros(shape, dtype=bool)
    cover[top : top + bh, left : left + bw] = True
    tone = rng.random()
    colour = (0, 0, 0) if tone < 1 / 3 else (128, 128, 128) if tone < 2 / 3 else rng.integers(0, 256, size=3)
    return np.broadcast_to(np.asarray(colour, dtype=np.float64), (h, w, 3)), cover


_RENDERERS = {"sunglasses": _sunglasses, "scarf": _scarf, "hand": _hand, "object": _object, "block": _block}


@TRANSFORMS.register_module()
class RealisticOcclusion:
    """One random occluder per face, drawn from its 68 landmarks: a kind of :data:`KINDS` (see the module).

    ``kinds`` maps kind names to relative probabilities (unnamed kinds: 0; default: the six occluders alike, ``none``
    never). Every draw comes from the ``rng`` given to :meth:`render`, so a sample is reproducible. An occluder covering
    under 3 % or over 60 % of the image is redrawn (up to :data:`ATTEMPTS` times); at least one pixel is always covered.
    Like :class:`~facerestore.data.facemask.FaceMaskOcclusion`, ``FaceImageDataset`` calls :meth:`render`.
    """

    def __init__(self, kinds: dict[str, float] | None = None):
        weights = dict.fromkeys(OCCLUDERS, 1.0) if kinds is None else dict(kinds)
        if unknown := sorted(str(k) for k in weights if k not in KINDS):
            raise ValueError(f"unknown occluder kinds {unknown}; known: {', '.join(KINDS)}")
        for name, weight in weights.items():
            if not np.isfinite(weight) or weight < 0:
                raise ValueError(f"probability of {name!r} must be finite and non-negative, got {weight}")
        probs = np.array([float(weights.get(k, 0.0)) for k in KINDS])
        if probs.sum() <= 0:
            raise ValueError(f"at least one occluder kind needs a positive probability, got {weights}")
        self.probs = probs / probs.sum()
        self._face_mask = FaceMaskOcclusion()

    def choose(self, rng: np.random.Generator) -> str:
        """The kind of occluder to draw: one draw from ``rng``, the first :meth:`render` makes."""
        return KINDS[int(rng.choice(len(KINDS), p=self.probs))]

    def render(
        self, image: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """``image`` (uint8 H×W×3) with an occluder drawn on it and the float32 H×W mask (1 = known, 0 = covered):
        the image differs from the input exactly where the mask is 0."""
        image, p = checked_face(image, landmarks)
        kind, face, shape = self.choose(rng), _Face(p), image.shape[:2]
        if kind == "none":
            return image.copy(), np.ones(shape, np.float32)
        for _ in range(ATTEMPTS):
            if kind == "face_mask":
                colour, known = self._face_mask.render(image, p, rng)
                cover = known == 0
            else:
                colour, cover = _RENDERERS[kind](rng, face, shape)
            if COVER[0] <= cover.mean() <= COVER[1]:
                break
        if not cover.any():
            x, y = np.clip(np.rint(p[30]), 0, np.array(shape[::-1]) - 1).astype(int)
            cover[y, x] = True
        return painted(image, colour, cover)
