"""Image helpers the docs' sample grids are drawn with."""

import numpy as np

from facerestore.imageio import image_grid


def test_grid_labels_write_the_multiplication_sign_as_an_x():
    face = np.zeros((64, 64, 3), np.uint8)
    times, x = image_grid([[face]], ["JDSR ×4"]), image_grid([[face]], ["JDSR x4"])
    assert times.shape == (14 + 64, 64, 3)
    assert (times[:14] < 128).any()  # the label is drawn
    np.testing.assert_array_equal(times, x)
