import numpy as np
import pytest

from facerestore.data.masks import BlockMask, GridMask, NoMask, RandomRectMask, build_mask
from facerestore.registry import TRANSFORMS


def _hole_box(mask):
    """(top, left, height, width) of the zero region, which must be one filled rectangle."""
    rows, cols = np.nonzero(mask == 0)
    top, left = rows.min(), cols.min()
    height, width = rows.max() - top + 1, cols.max() - left + 1
    assert (mask[top : top + height, left : left + width] == 0).all()
    assert (mask == 0).sum() == height * width
    return top, left, height, width


def test_registered_and_buildable():
    for name in ("RandomRectMask", "BlockMask", "GridMask", "NoMask"):
        assert name in TRANSFORMS.module_dict
    mask = build_mask(dict(type="GridMask", grid=3, block=5))
    assert isinstance(mask, GridMask) and mask.grid == 3 and mask.block == 5
    assert isinstance(build_mask("NoMask"), NoMask)
    with pytest.raises(TypeError, match="max_sise"):
        build_mask(dict(type="RandomRectMask", max_sise=3))


def test_random_rect_sizes_inside_and_deterministic():
    gen = RandomRectMask(min_size=10, max_size=40)
    sides = set()
    for i in range(200):
        mask = gen(np.random.default_rng([0, i]), 128)
        assert mask.dtype == np.float32 and mask.shape == (128, 128)
        assert set(np.unique(mask)) == {0.0, 1.0}
        top, left, height, width = _hole_box(mask)
        assert 10 <= height <= 40 and 10 <= width <= 40
        assert top + height <= 128 and left + width <= 128
        sides.update((height, width))
    assert min(sides) < 15 and max(sides) > 35  # the whole range is drawn, sides independently
    a = gen(np.random.default_rng([3, 7]))
    b = gen(np.random.default_rng([3, 7]))
    assert np.array_equal(a, b)


def test_random_rect_clips_to_small_images_and_rejects_bad_range():
    mask = RandomRectMask(min_size=100, max_size=200)(np.random.default_rng(0), 32)
    assert (mask == 0).all()
    with pytest.raises(ValueError):
        RandomRectMask(min_size=30, max_size=20)


def test_block_default_is_the_centre_quarter():
    mask = BlockMask()(np.random.default_rng(0))
    assert _hole_box(mask) == (32, 32, 64, 64)
    assert (mask == 0).mean() == 0.25


def test_block_centre_and_border_cut():
    assert _hole_box(BlockMask(size=20, center=(40, 60))(None, 128)) == (50, 30, 20, 20)
    assert _hole_box(BlockMask(size=20, center=(0, 0))(None, 128)) == (0, 0, 10, 10)
    with pytest.raises(ValueError, match="does not fit"):
        BlockMask(size=200)(None, 128)


@pytest.mark.parametrize(
    "grid, block, box",
    [
        (2, 1, (0, 0, 64, 64)),
        (2, 2, (0, 64, 64, 64)),
        (2, 3, (64, 0, 64, 64)),
        (2, 4, (64, 64, 64, 64)),
        (3, 1, (0, 0, 43, 43)),
        (3, 5, (43, 43, 42, 42)),
        (3, 6, (43, 85, 42, 43)),
        (3, 9, (85, 85, 43, 43)),
    ],
)
def test_grid_blocks_in_reading_order(grid, block, box):
    assert _hole_box(GridMask(grid=grid, block=block)(None, 128)) == box


def test_grid_cells_tile_the_face_and_random_block():
    total = sum(1 - GridMask(grid=3, block=b)(None, 128) for b in range(1, 10))
    assert (total == 1).all()
    drawn = {_hole_box(GridMask(grid=2)(np.random.default_rng(i)))[:2] for i in range(40)}
    assert drawn == {(0, 0), (0, 64), (64, 0), (64, 64)}
    with pytest.raises(ValueError):
        GridMask(grid=2, block=5)


def test_no_mask():
    mask = NoMask()(np.random.default_rng(0), 64)
    assert mask.shape == (64, 64) and mask.dtype == np.float32 and (mask == 1).all()
