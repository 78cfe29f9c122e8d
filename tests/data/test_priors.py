import math

import numpy as np
import pytest
import torch
from helpers import synthetic_face

from facerestore.data.priors import (
    PARSING_CLASSES,
    FacePriors,
    landmark_heatmaps,
    one_hot_parsing,
    parsing_from_landmarks,
    render_priors,
    skin_map,
)

# where each class must be on the unrotated face (x, y in HR pixels)
PROBES = {
    (44, 56): 4,  # the image-left eye (iBUG 36-41)
    (84, 56): 5,
    (42, 44): 2,  # just under the image-left brow line
    (86, 44): 3,
    (64, 78): 6,  # nose
    (64, 93): 7,  # upper lip
    (64, 100): 8,  # inner mouth
    (64, 107): 9,  # lower lip
    (30, 80): 1,  # cheek
    (64, 34): 1,  # forehead above the brows
    (64, 12): 0,  # above the forehead
    (3, 3): 0,
}


def test_heatmaps_peak_at_each_landmark():
    points = torch.tensor([[[5.0, 20.0], [30.0, 2.0], [16.0, 16.0]]])
    maps = landmark_heatmaps(points, size=32, hr_size=32)
    assert maps.shape == (1, 3, 32, 32)
    for heatmap, (x, y) in zip(maps[0], points[0].long().tolist()):
        assert divmod(int(heatmap.argmax()), 32) == (y, x)  # rows are y
        assert heatmap[y, x] == 1
    sigma = 1.75 * 32 / 64
    torch.testing.assert_close(maps[0, 2, 16, 17], torch.tensor(math.exp(-1 / (2 * sigma**2))))


def test_heatmaps_at_a_smaller_size_and_outside_the_frame():
    face = synthetic_face()[None]
    maps = landmark_heatmaps(face, size=64)
    assert maps.shape == (1, 68, 64, 64) and maps.max() <= 1
    expected = (face[0] + 0.5) / 2 - 0.5  # pixel centres line up at both sizes
    argmax = torch.stack([maps[0].flatten(1).argmax(1) % 64, maps[0].flatten(1).argmax(1) // 64], 1)
    assert ((argmax - expected).abs() <= 0.5).all()  # the nearest pixel (either one on a tie)
    outside = landmark_heatmaps(torch.tensor([[[-3.0, 10.0], [500.0, 500.0]]]), size=16, hr_size=16)
    assert 0 < outside[0, 0].max() < 1 and outside[0, 1].max() == 0  # partial, and empty far away
    assert landmark_heatmaps(face, 64, sigma=3.0)[0, 0].sum() > maps[0, 0].sum()
    with pytest.raises(ValueError, match=r"N×L×2"):
        landmark_heatmaps(face[0], 64)


@pytest.mark.parametrize("angle", [0.0, 20.0])
def test_parsing_classes_sit_on_their_landmarks(angle):
    face = synthetic_face(angle)[None]
    parsing = parsing_from_landmarks(face, size=128)
    assert parsing.shape == (1, 128, 128) and parsing.dtype == torch.int64
    assert set(parsing.unique().tolist()) == set(range(10))  # every class but hair (10)
    for l, r, cls in ((36, 42, 4), (42, 48, 5), (60, 68, 8), (31, 36, 6)):
        x, y = face[0, l:r].mean(0).round().long().tolist()
        assert parsing[0, y, x] == cls, PARSING_CLASSES[cls]
    if angle == 0:
        for (x, y), cls in PROBES.items():
            assert parsing[0, y, x] == cls, ((x, y), PARSING_CLASSES[cls])


def test_parsing_at_64_matches_the_hr_drawing_and_is_deterministic():
    face = synthetic_face()[None].repeat(2, 1, 1)
    small = parsing_from_landmarks(face, size=64)
    assert small.shape == (2, 64, 64) and torch.equal(small, parsing_from_landmarks(face, size=64))
    for (x, y), cls in PROBES.items():
        assert small[0, round((y + 0.5) / 2 - 0.5), round((x + 0.5) / 2 - 0.5)] == cls
    hr = parsing_from_landmarks(face, size=128)
    assert (hr[:, 1::2, 1::2] == small).float().mean() > 0.95  # same shapes, up to the rasterisation at edges


def test_parsing_needs_68_points():
    with pytest.raises(ValueError, match=r"landmarks must be N×68×2.*\(1, 5, 2\)"):
        parsing_from_landmarks(torch.zeros(1, 5, 2), 64)


def test_skin_map_and_one_hot():
    parsing = parsing_from_landmarks(synthetic_face()[None], size=32)
    skin = skin_map(parsing)
    assert skin.shape == (1, 1, 32, 32) and skin.dtype == torch.float32
    assert torch.equal(skin[:, 0], (parsing == 1).float())  # only skin counts (FishFSRNet §III-A)
    assert skin_map(parsing[0]).shape == (1, 32, 32)
    one_hot = one_hot_parsing(parsing)
    assert one_hot.shape == (1, 11, 32, 32)
    assert torch.equal(one_hot.sum(1), torch.ones(1, 32, 32)) and torch.equal(one_hot.argmax(1), parsing)


def test_face_priors_keys_and_shapes():
    face = synthetic_face()[None]
    out = FacePriors(hr_size=128, lr_size=16, heatmap_size=64, parsing_size=32, parsing_lr="onehot")(face)
    assert {k: tuple(v.shape) for k, v in out.items()} == {
        "heatmaps": (1, 68, 64, 64),
        "parsing": (1, 32, 32),
        "parsing_lr": (1, 11, 16, 16),
    }
    assert FacePriors(lr_size=16, parsing_lr="skin")(face)["parsing_lr"].shape == (1, 1, 16, 16)
    with pytest.raises(ValueError, match="parsing_lr must be None, 'skin' or 'onehot'"):
        FacePriors(lr_size=16, parsing_lr="colour")
    with pytest.raises(ValueError, match="at least one of"):
        FacePriors()


def test_render_priors_overlays_in_place():
    face = synthetic_face()[None]
    image = np.full((128, 128, 3), 128, np.uint8)
    heatmaps = landmark_heatmaps(face[:, 36:37], 64)[0]  # one landmark: the image-left eye's outer corner
    out = render_priors(image, heatmaps=heatmaps, parsing=parsing_from_landmarks(face, 64)[0])
    assert out.shape == image.shape and out.dtype == np.uint8
    x, y = face[0, 36].round().long().tolist()
    assert out[y, x, 2] < 40 and out[y, x, :2].min() > 200  # yellow at the landmark
    assert (out[3, 3] == 128).all()  # background untouched
    assert not (out[100, 64] == 128).all()  # the mouth is coloured
    with pytest.raises(ValueError, match="H×W×3 uint8"):
        render_priors(image.astype(np.float32))
