"""Occlusion masks on the HR grid (1 = known, 0 = occluded), as in FCSR-GAN (§4.2, §4.3.2, Figs. 4, 6, 8).

Every generator is a small callable ``mask(rng, size=128) -> float32 array size×size`` registered in
``facerestore.registry.TRANSFORMS``, so a config names it, e.g. ``dict(type='RandomRectMask', max_size=48)``.
Masks are placed on the HR face; the dataset min-pools them to the LR size (docs/architecture-notes.md §6).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from facerestore.registry import TRANSFORMS


def _rect_mask(size: int, top: int, left: int, height: int, width: int) -> np.ndarray:
    mask = np.ones((size, size), dtype=np.float32)
    mask[top : top + height, left : left + width] = 0.0
    return mask


@TRANSFORMS.register_module()
class RandomRectMask:
    """One zero-filled rectangle, sides drawn independently in [min_size, max_size] px, fully inside.

    FCSR-GAN trains on random rectangles at random places (FCSR-GAN §4.2, "like the occlusions in Fig. 4"; Fig. 6)
    but gives no sizes. Its code clips every side to 16 px (docs/architecture-notes.md §3.8), far smaller than
    the 64×64 block it is evaluated on (FCSR-GAN Tables 5–6). The default range [16, 64] therefore spans from the
    code's training size to the paper's evaluation block (1/64 to 1/4 of the 128² face), so a model trained on
    it has seen holes as large as the evaluation protocol's. Sides larger than the image are clipped to it.
    """

    def __init__(self, min_size: int = 16, max_size: int = 64):
        if not 1 <= min_size <= max_size:
            raise ValueError(f"need 1 <= min_size <= max_size, got min_size={min_size}, max_size={max_size}")
        self.min_size, self.max_size = min_size, max_size

    def __call__(self, rng: np.random.Generator, size: int = 128) -> np.ndarray:
        low, high = min(self.min_size, size), min(self.max_size, size)
        height, width = (int(s) for s in rng.integers(low, high + 1, size=2))
        top, left = (int(rng.integers(0, size - side + 1)) for side in (height, width))
        return _rect_mask(size, top, left, height, width)


@TRANSFORMS.register_module()
class BlockMask:
    """A fixed zero-filled square of ``size`` px centred at ``center`` = (x, y) HR pixels (default: centre).

    The default 64×64 centre block covers 1/4 of the 128² face: FCSR-GAN's evaluation occlusion (FCSR-GAN Tables
    5–6, §4.3.3–4.3.5; the code's validation hole [32:96, 32:96], docs/architecture-notes.md §3.8) and
    facerestore's default evaluation protocol (docs/architecture-notes.md §7). A fixed place with a varying
    ``size`` is Fig. 8 (c) / Fig. 9. A block reaching past the border is cut there.
    """

    def __init__(self, size: int = 64, center: tuple[float, float] | None = None):
        if size < 1:
            raise ValueError(f"block size must be positive, got {size}")
        self.block = size
        self.center = None if center is None else (float(center[0]), float(center[1]))

    def __call__(self, rng: np.random.Generator, size: int = 128) -> np.ndarray:
        if self.block > size:
            raise ValueError(f"a {self.block}×{self.block} block does not fit in a {size}×{size} image")
        if self.center is None:
            top = left = (size - self.block) // 2
        else:
            left, top = (round(c - self.block / 2) for c in self.center)
        bottom, right = top + self.block, left + self.block
        top, left = max(top, 0), max(left, 0)
        return _rect_mask(size, top, left, max(bottom - top, 0), max(right - left, 0))


@TRANSFORMS.register_module()
class GridMask:
    """One cell of a ``grid``×``grid`` partition of the whole face, zero-filled (FCSR-GAN §4.3.2, Fig. 8 (a), (b)).

    FCSR-GAN divides each test face into a 2×2 grid (4 blocks, Table 3) or a 3×3 grid (9 blocks, Table 4) and
    occludes one block at a time; a 2×2 block is a 64×64 quadrant (1/4 of the face), a 3×3 block about 43×43
    (1/9). Cell edges lie at ``round(k·size/grid)`` (0, 43, 85, 128 for a 3×3 grid on 128²).

    ``block`` numbers the cells 1…grid² like the paper's Blk-1…Blk-N, in reading order (row by row, left to
    right); ``None`` draws one at random from ``rng`` per face. The paper's figure is not available in text
    and its prose is not consistent: "block-4, block-5, block-6" near the eyes of the 3×3 grid fits reading
    order (the middle row), but "block-1 and block-3" near the eyes of the 2×2 grid fits column order. Reading
    order is used for both; compare per-block numbers with Tables 3–4 with that in mind.
    """

    def __init__(self, grid: int = 2, block: int | None = None):
        if grid < 1:
            raise ValueError(f"grid must be positive, got {grid}")
        if block is not None and not 1 <= block <= grid * grid:
            raise ValueError(f"block must be in 1..{grid * grid} for a {grid}×{grid} grid, got {block}")
        self.grid, self.block = grid, block

    def __call__(self, rng: np.random.Generator, size: int = 128) -> np.ndarray:
        block = self.block if self.block is not None else int(rng.integers(1, self.grid * self.grid + 1))
        row, col = divmod(block - 1, self.grid)
        edges = [round(k * size / self.grid) for k in range(self.grid + 1)]
        top, left = edges[row], edges[col]
        return _rect_mask(size, top, left, edges[row + 1] - top, edges[col + 1] - left)


@TRANSFORMS.register_module()
class NoMask:
    """No occlusion: every pixel known (plain face super-resolution, e.g. FishFSRNet)."""

    def __call__(self, rng: np.random.Generator, size: int = 128) -> np.ndarray:
        return np.ones((size, size), dtype=np.float32)


def build_mask(cfg: str | Mapping[str, Any]):
    """Build a mask generator from a registry name or a dict: ``dict(type='GridMask', grid=3, block=5)``."""
    return TRANSFORMS.build(cfg)
