import numpy as np
import pytest
import torch
from helpers import synthetic_face

from facerestore.data import FaceImageDataset, RealisticOcclusion
from facerestore.data.masks import build_mask
from facerestore.data.occluders import OCCLUDERS
from facerestore.imageio import read_rgb


def smooth_image(seed=0):
    """A smooth, random-ish 128² stand-in for a face: a colour ramp in a random direction per channel, plus a wave."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:128, 0:128] / 127
    channels = [
        110 + 70 * (np.cos(a) * xx + np.sin(a) * yy) + 20 * np.sin(5 * yy + phase)
        for a, phase in zip(rng.uniform(0, 2 * np.pi, 3), rng.uniform(0, 2 * np.pi, 3))
    ]
    return np.clip(np.stack(channels, axis=-1), 0, 255).astype(np.uint8)


def render(kind, seed, angle=0.0, image=None, points=None):
    occlusion = RealisticOcclusion() if kind is None else RealisticOcclusion({kind: 1})
    image = smooth_image() if image is None else image
    points = synthetic_face(angle).numpy() if points is None else points
    return occlusion.render(image, points, np.random.default_rng(seed))


def covered(mask, point):
    x, y = (int(round(float(c))) for c in point)
    return mask[y, x] == 0


def centres(angle=0.0):
    """Eye centres, mouth centre, nose tip and chin of the synthetic face."""
    p = synthetic_face(angle).numpy()
    return dict(eyes=(p[36:42].mean(0), p[42:48].mean(0)), mouth=p[48:68].mean(0), nose=p[30], chin=p[8])


@pytest.mark.parametrize("kind", OCCLUDERS)
@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_changes_exactly_where_covered_and_covers_a_fair_part(kind, flat, seed):
    image = smooth_image(seed)
    if flat:  # the occluder's colour may match a flat face (a black or grey block on black or grey)
        image[:] = (0, 0, 0) if seed % 2 else (128, 128, 128)
    out, mask = render(kind, seed, image=image)
    assert out.dtype == np.uint8 and out.shape == image.shape
    assert mask.dtype == np.float32 and mask.shape == (128, 128)
    assert set(np.unique(mask)) == {0.0, 1.0}
    np.testing.assert_array_equal((out != image).any(axis=-1), mask == 0)
    assert 0.03 <= (mask == 0).mean() <= 0.6


@pytest.mark.parametrize("kind", OCCLUDERS)
def test_at_least_one_pixel_covered_when_the_face_is_off_the_image(kind):
    points = synthetic_face().numpy() + np.array([160.0, -150.0])
    out, mask = render(kind, 0, points=points)
    assert (mask == 0).sum() >= 1
    np.testing.assert_array_equal((out != smooth_image()).any(axis=-1), mask == 0)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("angle", [0.0, 20.0])
def test_sunglasses_cover_the_eyes_not_the_mouth(seed, angle):
    c = centres(angle)
    _, mask = render("sunglasses", seed, angle)
    assert covered(mask, c["eyes"][0]) and covered(mask, c["eyes"][1])
    assert not covered(mask, c["mouth"]) and not covered(mask, c["nose"])


@pytest.mark.parametrize("seed", range(10))
def test_scarf_covers_mouth_and_chin_down_to_the_bottom_not_the_eyes(seed):
    c = centres()
    _, mask = render("scarf", seed)
    assert covered(mask, c["mouth"]) and covered(mask, c["chin"])
    assert (mask[-1, 40:88] == 0).all()  # down to the bottom of the image
    assert not covered(mask, c["eyes"][0]) and not covered(mask, c["eyes"][1])
    p = synthetic_face().numpy()
    top = np.argmax(mask[:, 64] == 0)  # the top edge (a wave of a few px) between the nose tip and the upper lip
    assert p[30, 1] - 4 <= top <= p[51, 1] + 4


@pytest.mark.parametrize("seed", range(10))
def test_face_mask_covers_the_mouth_not_the_eyes(seed):
    c = centres()
    _, mask = render("face_mask", seed)
    assert covered(mask, c["mouth"]) and covered(mask, c["nose"])
    assert not covered(mask, c["eyes"][0]) and not covered(mask, c["eyes"][1])


@pytest.mark.parametrize("seed", range(10))
def test_hand_is_skin_coloured_over_a_face_region(seed):
    p = synthetic_face().numpy()
    c = centres()
    regions = [c["mouth"], *c["eyes"], (p[2] + p[31]) / 2, (p[14] + p[35]) / 2, c["chin"]]
    out, mask = render("hand", seed)
    assert any(covered(mask, point) for point in regions)
    red, green, blue = out[mask == 0].astype(float).mean(axis=0)
    assert red > green > blue  # every skin tone, light to dark, is reddish


@pytest.mark.parametrize("seed", range(10))
def test_object_lies_on_the_face(seed):
    p = synthetic_face().numpy()
    _, mask = render("object", seed)
    ys, xs = np.nonzero(mask == 0)
    (x0, y0), (x1, y1) = p.min(axis=0), p.max(axis=0)
    assert x0 <= xs.mean() <= x1 and y0 <= ys.mean() <= y1
    assert len(np.unique(render("object", seed)[0][mask == 0], axis=0)) > 20  # textured, not a flat fill


@pytest.mark.parametrize("seed", range(10))
def test_block_is_a_solid_axis_aligned_rectangle_on_the_face(seed):
    out, mask = render("block", seed)
    ys, xs = np.nonzero(mask == 0)
    height, width = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    assert len(ys) == height * width and 16 <= height <= 64 and 16 <= width <= 64
    assert np.ptp(out[mask == 0].astype(int), axis=0).max() <= 1  # one colour (a face-equal pixel moves by 1)
    p = synthetic_face().numpy()
    assert p[:, 0].min() <= xs.mean() <= p[:, 0].max() and p[:, 1].min() <= ys.mean() <= p[:, 1].max()


@pytest.mark.parametrize("kind", OCCLUDERS)
def test_same_seed_same_occluder_other_seed_another(kind):
    out, mask = render(kind, 7)
    out2, mask2 = render(kind, 7)
    np.testing.assert_array_equal(out, out2)
    np.testing.assert_array_equal(mask, mask2)
    other, other_mask = render(kind, 8)
    assert not np.array_equal(out, other) and not np.array_equal(mask, other_mask)


def test_default_draws_every_kind_and_renders_the_kind_it_chose():
    occlusion = RealisticOcclusion()
    chosen = [occlusion.choose(np.random.default_rng(seed)) for seed in range(60)]
    assert set(chosen) == set(OCCLUDERS)
    for seed, kind in enumerate(chosen):
        out, mask = render(None, seed)
        forced, forced_mask = render(kind, seed)
        np.testing.assert_array_equal(out, forced)
        np.testing.assert_array_equal(mask, forced_mask)


def test_probabilities_pick_only_the_named_kinds():
    occlusion = RealisticOcclusion({"scarf": 3, "block": 1})
    chosen = [occlusion.choose(np.random.default_rng(seed)) for seed in range(200)]
    assert set(chosen) == {"scarf", "block"}
    assert 0.65 < chosen.count("scarf") / len(chosen) < 0.85


def principal_angle(ys, xs):
    """Angle (degrees, in (-90, 90]) of the longest axis of pixels (ys, xs), image x to the right and y down."""
    values, vectors = np.linalg.eigh(np.cov(np.stack([xs, ys]).astype(float)))
    x, y = vectors[:, np.argmax(values)]
    angle = np.degrees(np.arctan2(y, x))
    return angle - 180 if angle > 90 else angle + 180 if angle <= -90 else angle


def sunglasses_halves(seed, angle):
    """Pixels (ys, xs) covered by the sunglasses, all and split at the middle of the eye line, and the image."""
    out, mask = render("sunglasses", seed, angle)
    ys, xs = np.nonzero(mask == 0)
    left, right = centres(angle)["eyes"]
    side = (xs - (left[0] + right[0]) / 2) * (right - left)[0] + (ys - (left[1] + right[1]) / 2) * (right - left)[1]
    return (ys, xs), [(ys[half], xs[half]) for half in (side < 0, side > 0)], out


@pytest.mark.parametrize("angle", [-20.0, 20.0])
@pytest.mark.parametrize("seed", range(5))
def test_sunglasses_follow_the_face_tilt(angle, seed):
    whole, halves, out = sunglasses_halves(seed, angle)
    assert abs(principal_angle(*whole) - angle) < 3
    # each half (a lens in its frame, half the bridge, maybe an arm) turns with the face, not only the pair
    _, upright, _ = sunglasses_halves(seed, 0.0)
    for half, level in zip(halves, upright):
        assert abs(principal_angle(*half) - principal_angle(*level) - angle) < 3
    for eye in centres(angle)["eyes"]:  # dark lenses
        assert out[int(round(eye[1])), int(round(eye[0]))].max() < 100


def test_registered_and_checks_inputs():
    assert isinstance(build_mask(dict(type="RealisticOcclusion", kinds={"hand": 1})), RealisticOcclusion)
    points, rng = synthetic_face().numpy(), np.random.default_rng(0)
    with pytest.raises(ValueError, match="uint8 H×W×3, got float64"):
        RealisticOcclusion().render(smooth_image().astype(float), points, rng)
    with pytest.raises(ValueError, match=r"68 landmarks \(x, y\), got shape \(67, 2\)"):
        RealisticOcclusion().render(smooth_image(), points[:67], rng)
    with pytest.raises(ValueError, match=r"unknown occluder kinds \['hat'\]; known: face_mask, sunglasses"):
        RealisticOcclusion({"hat": 1, "scarf": 1})
    with pytest.raises(ValueError, match="probability of 'scarf' must be finite and non-negative, got -1"):
        RealisticOcclusion({"scarf": -1, "hand": 2})
    with pytest.raises(ValueError, match="at least one occluder kind needs a positive probability"):
        RealisticOcclusion({"scarf": 0, "hand": 0})


def test_face_image_dataset_renders_realistic_occluders(corpus):
    ds = FaceImageDataset(
        corpus / "train", mask=dict(type="RealisticOcclusion"), seed=3, landmarks=corpus / "landmarks.npz"
    )
    for index in range(len(ds)):
        s = ds[index]
        face = read_rgb(corpus / "train" / f"{s['name']}.png")
        image, known = ds.mask.render(face, s["landmarks"].numpy(), np.random.default_rng([3, index]))
        assert torch.equal(s["mask_hr"][0], torch.from_numpy(known))
        assert torch.equal(s["hr_occluded"], torch.from_numpy(image).permute(2, 0, 1).float() / 255)
        assert torch.equal((s["hr_occluded"] != s["hr_gt"]).any(dim=0), s["mask_hr"][0] == 0)
        occluded = s["mask"][0] == 0
        difference = (s["lr"] - s["lr_gt"]).abs().amax(dim=0)
        assert occluded.any() and difference[occluded].mean() > 0.05
        # LR pixels more than the bicubic's reach (2 LR px at ×4) from the occluder are the clean face, quantised
        near = torch.nn.functional.max_pool2d(occluded[None, None].float(), 7, stride=1, padding=3)[0, 0] > 0
        assert (~near).any() and difference[~near].max() <= 0.5 / 255 + 1e-6


def test_none_leaves_the_face_uncovered():
    image = np.random.default_rng(0).integers(0, 256, (128, 128, 3), dtype=np.uint8)
    out, known = RealisticOcclusion(kinds={"none": 1}).render(image, synthetic_face().numpy(), np.random.default_rng(0))
    assert np.array_equal(out, image) and known.min() == 1
