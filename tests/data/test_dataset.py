import numpy as np
import pytest
import torch
from mmengine.dataset import default_collate
from PIL import Image

from facerestore.data.dataset import FaceImageDataset, degrade
from facerestore.data.priors import landmark_heatmaps, parsing_from_landmarks
from facerestore.imageio import read_rgb
from facerestore.imaging import bicubic_resize
from facerestore.registry import DATASETS


def make_faces(folder, n=4, size=32, start=0, ext="png"):
    """Random RGB "faces" named like synthfaces (00000.png …); returns their uint8 arrays."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(123)
    faces = []
    for i in range(start, start + n):
        face = rng.integers(0, 256, size=(size, size, 3), dtype=np.uint8)
        Image.fromarray(face).save(folder / f"{i:05d}.{ext}")
        faces.append(face)
    return faces


def test_sample_keys_shapes_and_values(tmp_path):
    faces = make_faces(tmp_path, n=2, size=32)
    ds = FaceImageDataset(tmp_path, scale=4, hr_size=32, mask=dict(type="BlockMask", size=16))
    assert len(ds) == 2
    s = ds[1]
    assert s["name"] == "00001"
    shapes = {k: tuple(v.shape) for k, v in s.items() if k != "name"}
    assert shapes == {
        "hr_gt": (3, 32, 32),
        "mask_hr": (1, 32, 32),
        "hr_occluded": (3, 32, 32),
        "lr": (3, 8, 8),
        "mask": (1, 8, 8),
        "lr_gt": (3, 8, 8),
        "lr_up": (3, 32, 32),
        "lr_gt_up": (3, 32, 32),
        "noise_gt": (3, 8, 8),
        "noise_gt_up": (3, 32, 32),
    }
    assert all(v.dtype == torch.float32 for k, v in s.items() if k != "name")
    assert torch.equal(s["hr_gt"], torch.from_numpy(faces[1]).permute(2, 0, 1).float() / 255)
    assert torch.equal(s["noise_gt"], (1 - s["mask"]).expand(3, -1, -1))
    assert torch.equal(s["noise_gt_up"], (1 - s["mask_hr"]).expand(3, -1, -1))
    assert torch.equal(s["hr_occluded"], s["hr_gt"] * s["mask_hr"])
    assert s["noise_gt_up"].sum() == 3 * 16 * 16  # the 16² block, at full resolution
    assert torch.allclose(s["lr_gt_up"], bicubic_resize(s["lr_gt"][None], 32)[0].clamp(0, 1))
    assert torch.equal(s["lr"] * 255, torch.round(s["lr"] * 255))  # 8-bit quantised
    for key in ("lr", "lr_gt", "lr_up", "lr_gt_up"):
        assert s[key].min() >= 0 and s[key].max() <= 1


@pytest.mark.parametrize("scale", [2, 4, 8, 16])
def test_scales(tmp_path, scale):
    make_faces(tmp_path, n=1, size=64)
    s = FaceImageDataset(tmp_path, scale=scale, hr_size=64)[0]
    h = 64 // scale
    assert s["lr"].shape == (3, h, h) and s["mask"].shape == (1, h, h) and s["lr_gt"].shape == (3, h, h)
    assert s["lr_up"].shape == (3, 64, 64)


def test_masks_deterministic_given_seed_and_index(tmp_path):
    make_faces(tmp_path, n=3, size=32)
    a = FaceImageDataset(tmp_path, hr_size=32, mask=dict(type="RandomRectMask", min_size=4, max_size=24), seed=5)
    b = FaceImageDataset(tmp_path, hr_size=32, mask=dict(type="RandomRectMask", min_size=4, max_size=24), seed=5)
    c = FaceImageDataset(tmp_path, hr_size=32, mask=dict(type="RandomRectMask", min_size=4, max_size=24), seed=6)
    for i in range(3):
        assert torch.equal(a[i]["mask_hr"], b[i]["mask_hr"])
        assert torch.equal(a[i]["lr"], a[i]["lr"])
    assert not all(torch.equal(a[i]["mask_hr"], c[i]["mask_hr"]) for i in range(3))
    assert not torch.equal(a[0]["mask_hr"], a[1]["mask_hr"]) or not torch.equal(a[1]["mask_hr"], a[2]["mask_hr"])


def test_lr_mask_is_min_pooled(tmp_path):
    make_faces(tmp_path, n=8, size=32)
    ds = FaceImageDataset(tmp_path, scale=4, hr_size=32, mask=dict(type="RandomRectMask", min_size=3, max_size=13))
    for s in ds:
        blocks = s["mask_hr"].reshape(8, 4, 8, 4)
        expected = blocks.amin(dim=(1, 3))
        assert torch.equal(s["mask"][0], expected)
        partly = (blocks.amax(dim=(1, 3)) == 1) & (expected == 0)
        assert (s["mask"][0][partly] == 0).all()  # a partly covered LR pixel counts as occluded


def test_degradation_occludes_before_downsampling(tmp_path):
    folder = tmp_path / "white"
    folder.mkdir()
    Image.fromarray(np.full((32, 32, 3), 255, np.uint8)).save(folder / "00000.png")
    s = FaceImageDataset(folder, scale=4, hr_size=32, mask=dict(type="BlockMask", size=16))[0]
    assert (s["hr_gt"] == 1).all() and torch.allclose(s["lr_gt"], torch.ones(3, 8, 8))
    assert (s["hr_gt"] * s["mask_hr"])[:, 8:24, 8:24].eq(0).all()
    lr = s["lr"][0]
    assert (lr[3:5, 3:5] == 0).all()  # inside the hole: zeros went through the downsampling
    assert lr[1, 3] < 1 and s["mask"][0, 1, 3] == 1  # a known neighbour is darkened by the zero-filled hole
    expected = torch.round(bicubic_resize((s["hr_gt"] * s["mask_hr"])[None], 8).clamp(0, 1) * 255) / 255
    assert torch.equal(s["lr"], expected[0])


def test_degrade_batched_matches_dataset(tmp_path):
    make_faces(tmp_path, n=2, size=32)
    ds = FaceImageDataset(tmp_path, scale=8, hr_size=32)
    samples = [ds[0], ds[1]]
    out = degrade(torch.stack([s["hr_gt"] for s in samples]), torch.stack([s["mask_hr"] for s in samples]), 8)
    for key in ("hr_occluded", "lr", "mask", "lr_gt", "lr_up", "lr_gt_up", "noise_gt", "noise_gt_up"):
        assert torch.allclose(out[key], torch.stack([s[key] for s in samples]), atol=1e-6), key
    with pytest.raises(ValueError, match="divisible"):
        degrade(torch.zeros(1, 3, 30, 30), torch.ones(1, 1, 30, 30), 4)


def test_collates_with_mmengine_default_collate(tmp_path):
    make_faces(tmp_path, n=3, size=32)
    np.savez(tmp_path / "lm.npz", index=np.arange(3), landmarks=np.zeros((3, 68, 2), np.float32))
    ds = FaceImageDataset(tmp_path, hr_size=32, landmarks=tmp_path / "lm.npz")
    batch = default_collate([ds[0], ds[1], ds[2]])
    assert batch["lr"].shape == (3, 3, 8, 8) and batch["mask"].shape == (3, 1, 8, 8)
    assert batch["landmarks"].shape == (3, 68, 2)
    assert list(batch["name"]) == ["00000", "00001", "00002"]


def test_landmarks_follow_crop_and_resize(tmp_path):
    folder = tmp_path / "img"
    make_faces(folder, n=2, size=48, start=7)
    points = np.random.default_rng(0).uniform(0, 48, size=(2, 5, 2)).astype(np.float32)
    np.savez(tmp_path / "lm.npz", index=np.array([8, 7]), landmarks=points[::-1])
    ds = FaceImageDataset(folder, hr_size=48, landmarks=tmp_path / "lm.npz")
    assert torch.allclose(ds[1]["landmarks"], torch.from_numpy(points[1]), atol=1e-5)
    small = FaceImageDataset(folder, hr_size=16, resize=True, center_crop=24, landmarks=tmp_path / "lm.npz")
    expected = (points[0] - 12 + 0.5) * (16 / 24) - 0.5
    assert torch.allclose(small[0]["landmarks"], torch.from_numpy(expected), atol=1e-5)
    np.savez(tmp_path / "short.npz", index=np.array([7]), landmarks=points[:1])
    with pytest.raises(ValueError, match="00008.png"):
        FaceImageDataset(folder, hr_size=48, landmarks=tmp_path / "short.npz")


def test_priors_from_landmarks(tmp_path):
    make_faces(tmp_path, n=2, size=32)
    points = np.random.default_rng(1).uniform(0, 32, size=(2, 68, 2)).astype(np.float32)
    np.savez(tmp_path / "lm.npz", index=np.arange(2), landmarks=points)
    priors = dict(heatmap_size=16, parsing_size=16, parsing_lr="skin")
    ds = FaceImageDataset(tmp_path, hr_size=32, scale=4, landmarks=tmp_path / "lm.npz", priors=priors)
    s = ds[1]
    assert s["heatmaps"].shape == (68, 16, 16) and s["parsing"].shape == (16, 16)
    assert s["parsing"].dtype == torch.int64 and s["parsing_lr"].shape == (1, 8, 8)
    assert torch.equal(s["heatmaps"], landmark_heatmaps(s["landmarks"][None], 16, hr_size=32)[0])
    assert torch.equal(s["parsing"], parsing_from_landmarks(s["landmarks"][None], 16, hr_size=32)[0])
    onehot = FaceImageDataset(tmp_path, hr_size=32, landmarks=tmp_path / "lm.npz", priors=dict(parsing_lr="onehot"))
    batch = default_collate([onehot[0], onehot[1]])
    assert batch["parsing_lr"].shape == (2, 11, 8, 8) and "heatmaps" not in batch
    with pytest.raises(ValueError, match="pass landmarks="):
        FaceImageDataset(tmp_path, hr_size=32, priors=priors)


def test_image_modes_converted_to_rgb(tmp_path):
    gray = np.arange(256, dtype=np.uint8).reshape(16, 16)
    Image.fromarray(gray, mode="L").save(tmp_path / "gray.png")
    rgba = np.dstack([np.full((16, 16, 3), 200, np.uint8), np.zeros((16, 16), np.uint8)])
    Image.fromarray(rgba, mode="RGBA").save(tmp_path / "rgba.png")
    Image.fromarray(gray.astype(np.uint16) * 257).save(tmp_path / "gray16.png")
    Image.fromarray(np.full((16, 16, 3), 51, np.uint8)).convert("P").save(tmp_path / "palette.png")
    for name in ("gray.png", "gray16.png"):
        img = read_rgb(tmp_path / name)
        assert img.shape == (16, 16, 3) and img.dtype == np.uint8
        assert (img == gray[..., None]).all(), name
    assert (read_rgb(tmp_path / "rgba.png") == 200).all()  # alpha dropped, colour kept
    assert (read_rgb(tmp_path / "palette.png") == 51).all()
    s = FaceImageDataset(tmp_path, hr_size=16, scale=2, mask=None)[1]  # sorted: gray, gray16, palette, rgba
    assert s["name"] == "gray16" and s["hr_gt"].shape == (3, 16, 16) and (s["mask_hr"] == 1).all()


def test_truncated_and_unreadable_files_name_the_file(tmp_path):
    buf = tmp_path / "full.jpg"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(buf)
    data = buf.read_bytes()
    buf.unlink()
    (tmp_path / "00000.jpg").write_bytes(data[: len(data) // 2])
    (tmp_path / "00001.png").write_bytes(b"not an image")
    ds = FaceImageDataset(tmp_path, hr_size=32)
    with pytest.raises(ValueError, match="00000.jpg"):
        ds[0]
    with pytest.raises(ValueError, match="00001.png"):
        ds[1]


def test_wrong_size_is_an_error_unless_resize(tmp_path):
    folder = tmp_path / "celeba"
    make_faces(folder, n=1, size=32)
    with pytest.raises(ValueError, match=r"00000.png is 32×32, expected 16×16"):
        FaceImageDataset(folder, hr_size=16, scale=4)[0]
    face = np.zeros((22, 18, 3), np.uint8)
    face[2:20] = 255  # the central 18×18 square of an 18×22 "CelebA" face is white
    Image.fromarray(face).save(folder / "00001.png")
    s = FaceImageDataset(folder, hr_size=16, scale=4, resize=True, center_crop=18)[1]
    assert s["hr_gt"].shape == (3, 16, 16) and (s["hr_gt"] == 1).all()
    with pytest.raises(ValueError, match="center_crop"):
        FaceImageDataset(folder, hr_size=16, center_crop=18)


def test_celeba_split_file(tmp_path):
    root = tmp_path / "img_align_celeba"
    root.mkdir()
    for i in range(1, 7):
        Image.fromarray(np.zeros((16, 16, 3), np.uint8)).save(root / f"{i:06d}.jpg")
    split = tmp_path / "list_eval_partition.txt"
    split.write_text("000001.jpg 0\n000002.jpg 0\n000003.jpg 1\n000004.jpg 2\n000005.jpg 0\n000006.jpg 2\n")
    assert FaceImageDataset(root, hr_size=16, split_file=split, split=0).files == [
        "000001.jpg",
        "000002.jpg",
        "000005.jpg",
    ]
    assert FaceImageDataset(root, hr_size=16, split_file=split, split="val").files == ["000003.jpg"]
    test = FaceImageDataset(root, hr_size=16, split_file=split, split=2)
    assert [test[i]["name"] for i in range(len(test))] == ["000004", "000006"]
    (root / "000006.jpg").unlink()
    with pytest.raises(FileNotFoundError, match="000006.jpg"):
        FaceImageDataset(root, hr_size=16, split_file=split, split="test")
    with pytest.raises(ValueError, match="split_file"):
        FaceImageDataset(root, hr_size=16, split=0)


def test_subset_max_samples_and_empty(tmp_path):
    make_faces(tmp_path / "f", n=6, size=16)
    (tmp_path / "f" / "notes.txt").write_text("ignored")
    ds = FaceImageDataset(tmp_path / "f", hr_size=16, subset=(2, 5), max_samples=2)
    assert ds.files == ["00002.png", "00003.png"]
    with pytest.raises(ValueError, match="no images"):
        FaceImageDataset(tmp_path / "f", hr_size=16, subset=(6, 9))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no images"):
        FaceImageDataset(tmp_path / "empty", hr_size=16)
    with pytest.raises(FileNotFoundError):
        FaceImageDataset(tmp_path / "missing", hr_size=16)


def test_built_from_registry(tmp_path):
    make_faces(tmp_path, n=1, size=32)
    ds = DATASETS.build(dict(type="FaceImageDataset", root=str(tmp_path), hr_size=32, scale=2, mask="GridMask"))
    assert isinstance(ds, FaceImageDataset) and ds[0]["lr"].shape == (3, 16, 16)
    assert (ds[0]["mask_hr"] == 0).float().mean() == 0.25


def test_face_mask_occlusion_is_rendered_not_zero_filled(tmp_path):
    from helpers import synthetic_face

    from facerestore.data.facemask import FaceMaskOcclusion

    faces = make_faces(tmp_path, n=2, size=128)
    points = synthetic_face().numpy()
    np.savez(tmp_path / "lm.npz", index=np.arange(2), landmarks=np.stack([points, points]))
    mask = dict(type="FaceMaskOcclusion")
    s = FaceImageDataset(tmp_path, scale=4, mask=mask, seed=5, landmarks=tmp_path / "lm.npz")[1]
    image, known = FaceMaskOcclusion().render(faces[1], points, np.random.default_rng([5, 1]))
    assert torch.equal(s["hr_gt"], torch.from_numpy(faces[1]).permute(2, 0, 1).float() / 255)
    assert torch.equal(s["mask_hr"][0], torch.from_numpy(known))
    occluded = torch.from_numpy(image).permute(2, 0, 1).float()[None] / 255
    assert torch.equal(s["lr"], degrade(s["hr_gt"][None], s["mask_hr"][None], 4, occluded)["lr"][0])
    assert not torch.equal(s["lr"], degrade(s["hr_gt"][None], s["mask_hr"][None], 4)["lr"][0])
    with pytest.raises(ValueError, match="pass landmarks="):
        FaceImageDataset(tmp_path, mask=mask)


def test_inpaint_baseline_fills_the_hole_from_its_surroundings(tmp_path):
    """inpaint+bicubic: the hole of a smooth face is filled with what surrounds it; known pixels stay as they
    were; without a hole (or a mask) it is plain bicubic; the dataset adds it on request."""
    from facerestore.imaging import inpaint_bicubic

    ramp = torch.linspace(0.2, 0.8, 32)
    lr = torch.stack([ramp[None, :].expand(32, 32), ramp[:, None].expand(32, 32), torch.full((32, 32), 0.5)])[None]
    mask = torch.ones(1, 1, 32, 32)
    mask[..., 12:20, 12:20] = 0
    filled = inpaint_bicubic(lr * mask, mask, 32)  # size 32: no resampling, the inpainted face itself
    assert (filled - lr).abs()[..., 12:20, 12:20].max() < 0.06  # the ramp continues through the hole
    assert (filled - lr).abs()[..., :8, :].max() <= 1 / 255 + 1e-6  # known pixels: only 8-bit rounding
    assert torch.equal(inpaint_bicubic(lr, None, 128), bicubic_resize(lr, 128).clamp(0, 1))
    assert torch.allclose(inpaint_bicubic(lr, torch.ones(1, 1, 32, 32), 128), bicubic_resize(lr, 128), atol=3e-3)

    make_faces(tmp_path, n=1, size=32)
    ds = FaceImageDataset(tmp_path, scale=4, hr_size=32, mask=dict(type="BlockMask", size=16), inpaint_baseline=True)
    s = ds[0]
    assert torch.equal(s["lr_inpaint_up"], inpaint_bicubic(s["lr"][None], s["mask"][None], 32)[0])
    assert "lr_inpaint_up" not in FaceImageDataset(tmp_path, scale=4, hr_size=32)[0]
