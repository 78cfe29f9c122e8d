"""Real photographs: faces found (YuNet), aligned onto the corpus template, restored and pasted back.

The photographs ship in samples/photos/ (public domain and CC0, samples/photos/SOURCES.md).
"""

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from facerestore.cli import main
from facerestore.imageio import read_rgb
from facerestore.photo import (
    TEMPLATE,
    FaceDetector,
    align_matrix,
    paste_back,
    resized,
    similarity,
    upscale_frame,
    warp_crop,
)

PHOTOS = Path(__file__).resolve().parents[1] / "samples" / "photos"


@pytest.fixture(scope="module")
def detector():
    return FaceDetector()


def _shrunk(name: str, size: tuple[int, int]) -> np.ndarray:
    return np.asarray(Image.fromarray(read_rgb(PHOTOS / name)).resize(size, Image.Resampling.BOX))


@pytest.mark.parametrize("name", ["astronaut.jpg", "grace_hopper.jpg", "camera.png"])
def test_each_real_photograph_has_its_one_face_found(name, detector):
    image = read_rgb(PHOTOS / name)
    faces = detector(image)
    assert len(faces) == 1 and faces[0].score > 0.8
    x, y, w, h = faces[0].box
    eyes, nose, mouth = faces[0].landmarks[:2], faces[0].landmarks[2], faces[0].landmarks[3:]
    assert 20 < w < image.shape[1] / 2 and 20 < h < image.shape[0] / 2
    assert (faces[0].landmarks[:, 0] > x).all() and (faces[0].landmarks[:, 0] < x + w).all()
    assert eyes[:, 1].max() < nose[1] < mouth[:, 1].min()  # upright: eyes above the nose above the mouth


@pytest.mark.parametrize("width", [12, 24])
def test_small_faces_are_found(width, detector):
    """The astronaut's face (about 90 px wide) shrunk to ``width`` px: found on the detector's 2× search."""
    scale = width / 90
    image = _shrunk("astronaut.jpg", (round(512 * scale), round(512 * scale)))
    faces = detector(image)
    assert len(faces) == 1
    assert abs(faces[0].box[2] - width) < width / 3


def test_similarity_recovers_a_rotation_scale_and_shift():
    rng = np.random.default_rng(0)
    angle, scale, shift = 0.3, 1.7, np.array([5.0, -3.0])
    rotation = scale * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    src = rng.uniform(0, 100, (5, 2))
    matrix = similarity(src, src @ rotation.T + shift)
    assert np.allclose(matrix, np.c_[rotation, shift], atol=1e-9)


def test_alignment_puts_the_landmarks_on_the_template(detector):
    face = detector(read_rgb(PHOTOS / "grace_hopper.jpg"))[0]
    matrix = align_matrix(face, 128)
    aligned = np.c_[face.landmarks, np.ones(5)] @ matrix.T
    assert np.abs(aligned - TEMPLATE).max() < 6  # a similarity cannot fit five points exactly; a few pixels


def test_paste_back_inverts_the_crop(detector):
    """Pasting a face's own crop back changes the upscaled photo by little; the same crop pasted one photo
    pixel off changes it by much more, so the test sees a misplaced paste."""
    image = _shrunk("astronaut.jpg", (128, 128))
    face = detector(image)[0]
    frame = upscale_frame(image, 4)
    matrix = align_matrix(face, 128)
    crop = warp_crop(image, matrix, 128).astype(np.float32) / 255

    def error(shift):
        pasted = frame.copy()
        moved = matrix + np.array([[0, 0, shift * 128 / 40], [0, 0, 0]])  # the face is ~40 photo px wide
        weights = paste_back(pasted, crop, moved, 4)
        return np.abs(pasted - frame)[weights > 0.5].mean(), weights

    aligned, weights = error(0)
    assert weights.max() == pytest.approx(1.0) and (weights == 0).mean() > 0.5  # only the face's region
    assert aligned < 0.015 and error(1)[0] > 2 * aligned


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_restore_a_photograph_end_to_end(tiny_model, tmp_path, capsys):
    photo = tmp_path / "in" / "astronaut.png"
    photo.parent.mkdir()
    Image.fromarray(_shrunk("astronaut.jpg", (128, 128))).save(photo)
    out = tmp_path / "out"
    code, printed, err = _run(
        capsys, "restore", photo, "-o", out, "--model", tiny_model, "--save", "restored,cmp,overlay,faces,report"
    )
    assert code == 0 and "1 photo(s) with 1 face(s)" in printed and err == ""
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"astronaut.{k}" for k in ("cmp.png", "faces.png", "overlay.png", "png", "report.json")]
    restored = read_rgb(out / "astronaut.png")
    assert restored.shape == (1024, 1024, 3)  # the tiny model is ×8
    report = json.loads((out / "astronaut.report.json").read_text())
    assert report["scale"] == 8 and len(report["faces"]) == 1 and report["faces"][0]["restored"]
    # Away from the face, the photo is the shared bicubic upscale; on the face it is the model's.
    bicubic = resized(read_rgb(photo), (128 * 8, 128 * 8))
    x, y, w, h = (int(v * 8) for v in report["faces"][0]["box"])
    assert np.array_equal(restored[:, : x - w], bicubic[:, : x - w])
    assert not np.array_equal(restored[y : y + h, x : x + w], bicubic[y : y + h, x : x + w])
    assert read_rgb(out / "astronaut.cmp.png").shape == (1024, 2048, 3)


def test_a_photo_mask_is_warped_onto_the_face(tiny_model, tmp_path, capsys):
    photo = tmp_path / "astronaut.png"
    Image.fromarray(_shrunk("astronaut.jpg", (128, 128))).save(photo)
    out = tmp_path / "out"
    code, _, _ = _run(
        capsys, "restore", photo, "-o", out, "--model", tiny_model, "--mask", "40,30,40,20", "--save", "faces,report"
    )
    assert code == 0
    face = json.loads((out / "astronaut.report.json").read_text())["faces"][0]
    assert 0.1 < face["occluded_fraction"] < 0.9
    assert read_rgb(out / "astronaut.faces.png").shape == (128, 3 * 128, 3)  # crop, mask, restored


@pytest.mark.parametrize("mode", ["L", "I;16", "RGBA"])
def test_grayscale_16_bit_and_rgba_photos_work(mode, tiny_model, tmp_path, capsys):
    rgb = _shrunk("grace_hopper.jpg", (100, 117))
    image = Image.fromarray(rgb)
    if mode == "I;16":
        image = Image.fromarray(np.asarray(image.convert("L")).astype(np.uint16) * 257)
    else:
        image = image.convert(mode)
    image.save(tmp_path / "hopper.png")
    code, printed, _ = _run(capsys, "restore", tmp_path / "hopper.png", "-o", tmp_path / "out", "--model", tiny_model)
    assert code == 0 and "with 1 face(s)" in printed
    assert read_rgb(tmp_path / "out" / "hopper.png").shape == (117 * 8, 100 * 8, 3)


def test_a_face_larger_than_the_output_is_left_alone(tiny_model, tmp_path, capsys):
    photo = tmp_path / "face.png"
    crop = Image.fromarray(read_rgb(PHOTOS / "astronaut.jpg")[:240, 120:320])
    crop.resize((300, 360), Image.Resampling.BICUBIC).save(photo)  # a ~135 px face; the output is 128²
    code, printed, err = _run(
        capsys, "restore", photo, "-o", tmp_path / "out", "--model", tiny_model, "--save", "restored,report"
    )
    assert code == 0 and "with 0 face(s)" in printed and "larger than the model's 128² output" in err
    restored = read_rgb(tmp_path / "out" / "face.png")
    assert np.array_equal(restored, resized(read_rgb(photo), (360 * 8, 300 * 8)))
    code, printed, _ = _run(capsys, "restore", photo, "-o", tmp_path / "out2", "--model", tiny_model, "--large-faces")
    assert code == 0 and "with 1 face(s)" in printed


def test_photos_without_faces_or_too_large_are_refused_one_line_each(tiny_model, tmp_path, capsys):
    Image.fromarray(np.full((60, 80, 3), 128, np.uint8)).save(tmp_path / "wall.png")
    code, _, err = _run(capsys, "restore", tmp_path / "wall.png", "-o", tmp_path / "out", "--model", tiny_model)
    assert code == 2 and "no face found in" in err and "wall.png" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
    # ×8 of 1200×1000 would be 77 megapixels: refused from the header, before the photo is decoded.
    Image.new("RGB", (1200, 1000)).save(tmp_path / "big.png")
    code, _, err = _run(capsys, "restore", tmp_path / "big.png", "-o", tmp_path / "out", "--model", tiny_model)
    assert code == 2 and "big.png is 1200×1000" in err and "over the limit of 64" in err
    # --aligned: a photo is not an aligned crop.
    code, _, err = _run(
        capsys, "restore", tmp_path / "wall.png", "-o", tmp_path / "out", "--model", tiny_model, "--aligned"
    )
    assert code == 2 and "is 80×60, but the model restores 16×16 faces (--aligned)" in err


def test_mask_auto_is_for_photographs(tiny_model, tmp_path, capsys):
    Image.fromarray(np.zeros((16, 16, 3), np.uint8)).save(tmp_path / "crop.png")
    code, _, err = _run(
        capsys, "restore", tmp_path / "crop.png", "-o", tmp_path / "out", "--model", tiny_model, "--mask", "auto"
    )
    assert code == 2 and "--mask auto finds occlusions on photographs" in err


def test_timings_cover_every_step(detector):
    import facerestore as fr
    from facerestore.photo import restore_photo
    from tests.helpers import tiny_generator

    times = {}
    image = _shrunk("astronaut.jpg", (128, 128))
    restore_photo(tiny_generator(), image, None, detector, estimator=fr.from_pretrained("occlusion"), timings=times)
    assert set(times) == {"detect", "upscale + paste back", "align + crop", "occlusion mask", "restore"}
    assert all(t > 0 for t in times.values())


def test_exif_orientation_is_applied_before_detection(tiny_model, tmp_path, capsys):
    """A phone photo stored sideways with an EXIF Orientation tag: read upright, its face found."""
    upright = Image.fromarray(_shrunk("astronaut.jpg", (128, 128)))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display": the pixels are stored turned the other way
    upright.rotate(90, expand=True).save(tmp_path / "sideways.jpg", exif=exif, quality=95)
    code, printed, _ = _run(
        capsys,
        "restore",
        tmp_path / "sideways.jpg",
        "-o",
        tmp_path / "out",
        "--model",
        tiny_model,
        "--save",
        "restored,report",
    )
    assert code == 0 and "with 1 face(s)" in printed
    face = json.loads((tmp_path / "out" / "sideways.report.json").read_text())["faces"][0]
    left_eye, right_eye, nose = face["landmarks"][:3]
    assert left_eye[1] < nose[1] and right_eye[1] < nose[1] and left_eye[0] < right_eye[0]  # upright


def test_a_folder_with_an_unreadable_photo_restores_the_others(tiny_model, tmp_path, capsys):
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.fromarray(_shrunk("grace_hopper.jpg", (100, 117))).save(folder / "hopper.png")
    data = (PHOTOS / "astronaut.jpg").read_bytes()
    (folder / "broken.jpg").write_bytes(data[: len(data) // 3])
    code, printed, err = _run(capsys, "restore", folder, "-o", tmp_path / "out", "--model", tiny_model)
    assert code == 1 and "broken.jpg" in err and "1 skipped" in printed
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["hopper.cmp.png", "hopper.png"]
