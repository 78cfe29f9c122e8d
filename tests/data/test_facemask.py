import numpy as np
import pytest
from helpers import synthetic_face

from facerestore.data.facemask import FaceMaskOcclusion, _material
from facerestore.data.masks import build_mask


def face_image(seed=0):
    return np.random.default_rng(seed).integers(0, 256, size=(128, 128, 3), dtype=np.uint8)


def render(seed, angle=0.0, image=None):
    image = face_image() if image is None else image
    return FaceMaskOcclusion().render(image, synthetic_face(angle).numpy(), np.random.default_rng(seed))


def at(mask, point):
    x, y = (int(round(float(c))) for c in point)
    return mask[y, x]


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("angle", [0.0, 15.0])
def test_covers_nose_and_mouth_not_eyes(seed, angle):
    points = synthetic_face(angle)
    _, mask = render(seed, angle)
    assert mask.dtype == np.float32 and mask.shape == (128, 128)
    assert set(np.unique(mask)) == {0.0, 1.0}
    for i in (30, 33, 48, 54, 57, 62, 66, 8):  # nose tip, nostrils centre, mouth corners and centre, chin
        assert at(mask, points[i]) == 0, i
    for i in range(36, 48):  # eyes
        assert at(mask, points[i]) == 1, i


@pytest.mark.parametrize("seed", range(10))
def test_image_changes_exactly_where_covered(seed):
    image = face_image(seed)
    image[:] = image[:1, :1]  # a flat face: the mask's colour may match it, and must still be told apart
    out, mask = render(seed, image=image)
    assert out.dtype == np.uint8 and out.shape == image.shape
    changed = (out != image).any(axis=-1)
    np.testing.assert_array_equal(changed, mask == 0)


def test_deterministic_given_seed_and_varied_across_seeds():
    out, mask = render(3)
    out2, mask2 = render(3)
    np.testing.assert_array_equal(out, out2)
    np.testing.assert_array_equal(mask, mask2)
    masks = [render(s)[1] for s in range(6)]
    colours = [render(s)[0][mask == 0].mean(0) for s, mask in enumerate(masks)]
    assert len({m.tobytes() for m in masks}) == 6
    assert len({tuple(np.round(c)) for c in colours}) == 6


def test_registered_and_checks_inputs():
    assert isinstance(build_mask(dict(type="FaceMaskOcclusion")), FaceMaskOcclusion)
    with pytest.raises(ValueError, match="68 landmarks"):
        FaceMaskOcclusion().render(face_image(), np.zeros((5, 2)), np.random.default_rng(0))
    with pytest.raises(ValueError, match="uint8"):
        FaceMaskOcclusion().render(face_image().astype(float), synthetic_face().numpy(), np.random.default_rng(0))


def looks_patterned(colour):
    """A material has dots or checks when, after each row's mean is taken out (stripes run along rows), some
    channel still varies more than the strongest noise (std 8) can make it."""
    return (colour - colour.mean(axis=1, keepdims=True)).std(axis=(0, 1)).max() > 15


@pytest.mark.parametrize(("patterned", "low", "high"), [(None, 0.1, 0.3), (0.0, 0.0, 0.0), (1.0, 0.9, 1.0)])
def test_patterned_sets_the_share_of_patterned_masks(patterned, low, high):
    uu, vv = np.meshgrid(np.linspace(-0.5, 0.5, 64), np.linspace(0, 1, 64))
    rng = np.random.default_rng(0)
    share = np.mean([looks_patterned(_material(rng, uu, vv, patterned)) for _ in range(200)])
    assert low <= share <= high


@pytest.mark.parametrize("patterned", [-0.1, 1.5, "0.6"])
def test_patterned_must_be_a_probability(patterned):
    with pytest.raises(ValueError, match="patterned must be a probability"):
        FaceMaskOcclusion(patterned=patterned)


def luma_spread(colour):
    """The luma difference between a material's two colours, read robustly as the 90th minus the 10th percentile
    (dots cover about a quarter of the material, checks half)."""
    luma = colour @ np.array([0.299, 0.587, 0.114])
    return np.percentile(luma, 90) - np.percentile(luma, 10)


def test_contrast_keeps_only_patterns_whose_colours_differ():
    uu, vv = np.meshgrid(np.linspace(-0.5, 0.5, 64), np.linspace(0, 1, 64))
    spreads = {}
    for contrast in (0, 100):
        rng = np.random.default_rng(1)
        spreads[contrast] = [luma_spread(_material(rng, uu, vv, 1.0, contrast)) for _ in range(100)]
    # noise (std ≤ 8) and stripes (± 8 %) blur the two lumas by at most ~25 either way
    assert min(spreads[100]) > 75
    assert min(spreads[0]) < 30  # without the option many patterns are low in contrast


@pytest.mark.parametrize("contrast", [-1, 151, "60", None])
def test_contrast_must_be_a_feasible_luma_difference(contrast):
    with pytest.raises(ValueError, match="contrast must be a luma difference"):
        FaceMaskOcclusion(contrast=contrast)
