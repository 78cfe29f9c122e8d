"""The command line: restore end to end, and one clear line (no traceback) for every kind of bad input."""

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

import facerestore as fr
from facerestore.cli import main
from facerestore.imageio import read_rgb


@pytest.fixture
def lr_faces(tmp_path):
    folder = tmp_path / "lr"
    folder.mkdir()
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)).save(folder / "rgb.png")
    Image.fromarray(rng.integers(0, 256, (16, 16), dtype=np.uint8), mode="L").save(folder / "gray.png")
    Image.fromarray(rng.integers(0, 256, (16, 16, 4), dtype=np.uint8), mode="RGBA").save(folder / "rgba.png")
    Image.fromarray(rng.integers(0, 65536, (16, 16), dtype=np.uint16)).save(folder / "deep.png")
    return folder


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_restore_folder_writes_faces_and_comparison(tiny_model, lr_faces, tmp_path, capsys):
    gt = tmp_path / "gt"
    gt.mkdir()
    Image.fromarray(np.zeros((128, 128, 3), np.uint8)).save(gt / "rgb.png")
    out = tmp_path / "out"
    code, stdout, _ = _run(
        capsys, "restore", lr_faces, "-o", out, "--model", tiny_model, "--gt", gt, "--mask", "4,4,8,8"
    )
    assert code == 0 and "restored 4 face(s)" in stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == ["comparison.png", "deep.png", "gray.png", "rgb.png", "rgba.png"]
    assert read_rgb(out / "rgb.png").shape == (128, 128, 3)
    # One row per face; the row with a ground truth has three columns.
    assert read_rgb(out / "comparison.png").shape == (4 * 128, 3 * 128, 3)
    # The CLI gives what the Python API gives for the same input and mask.
    model = fr.from_pretrained(tiny_model)
    mask = np.ones((16, 16), np.float32)
    mask[4:12, 4:12] = 0
    expected = model.restore(read_rgb(lr_faces / "rgb.png"), mask)
    assert np.array_equal(read_rgb(out / "rgb.png"), expected)


def test_mask_files_mark_the_occlusion_in_white(tiny_model, lr_faces, tmp_path, capsys):
    masks = tmp_path / "masks"
    masks.mkdir()
    drawn = np.zeros((16, 16), np.uint8)
    drawn[4:12, 4:12] = 255
    for name in ("rgb", "gray", "rgba", "deep"):
        Image.fromarray(drawn).save(masks / f"{name}.png")
    code, _, _ = _run(
        capsys,
        "restore",
        lr_faces,
        "-o",
        tmp_path / "a",
        "--model",
        tiny_model,
        "--mask",
        masks,
        "--save",
        "restored",
    )
    assert code == 0
    code, _, _ = _run(
        capsys,
        "restore",
        lr_faces,
        "-o",
        tmp_path / "b",
        "--model",
        tiny_model,
        "--mask",
        "4,4,8,8",
        "--save",
        "restored",
    )
    assert code == 0
    for name in ("rgb", "deep"):
        assert np.array_equal(read_rgb(tmp_path / "a" / f"{name}.png"), read_rgb(tmp_path / "b" / f"{name}.png"))
    assert not (tmp_path / "a" / "comparison.png").exists()


@pytest.mark.parametrize(
    "make, argv, message",
    [
        ("ok", ["--model", "no-such-model"], "unknown model 'no-such-model'"),
        ("ok", ["--mask", "10,10,20,20"], "does not lie inside"),
        ("ok", ["--save", "restored,crops"], "--save takes"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(make, argv, message, tiny_model, lr_faces, tmp_path, capsys):
    if "--model" not in argv:
        argv = [*argv, "--model", tiny_model]
    out = tmp_path / "out"
    code, _, err = _run(capsys, "restore", lr_faces, "-o", out, *argv)
    assert code == 2
    assert err.startswith("facerestore: error:") and message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_unknown_model_suggests_close_names(lr_faces, tmp_path, capsys):
    code, _, err = _run(capsys, "restore", lr_faces, "-o", tmp_path / "o", "--model", "defualt")
    assert code == 2 and "did you mean 'default'" in err


def test_unknown_config_key_is_refused(tmp_path, capsys):
    from pathlib import Path

    config = Path(__file__).parent / "engine" / "tiny_config.py"
    code, _, err = _run(capsys, "train", config, "--work-dir", tmp_path, "--cfg-options", "train_cfg.max_iter=2")
    assert code == 2 and "config key 'train_cfg.max_iter' does not exist; did you mean 'max_iters'" in err
    code, _, err = _run(
        capsys, "train", config, "--work-dir", tmp_path, "--cfg-options", "model.generator.sr.flavor=original"
    )
    assert code == 2 and "has no argument 'flavor'; did you mean 'flavour'" in err


def test_python_dash_m_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "facerestore", "list"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "PConvUNet" in result.stdout and "CompoundGenerator" in result.stdout


@pytest.mark.parametrize(
    "make, message",
    [("truncated", "cannot read image"), ("big", "no face found in")],
)
def test_a_bad_file_in_a_folder_is_reported_and_the_others_restored(
    make, message, tiny_model, lr_faces, tmp_path, capsys
):
    good = sorted(p.stem for p in lr_faces.iterdir())
    if make == "truncated":
        data = (lr_faces / "rgb.png").read_bytes()
        (lr_faces / "rgb.png").write_bytes(data[: len(data) // 2])
        good.remove("rgb")
    else:
        Image.fromarray(np.zeros((32, 32, 3), np.uint8)).save(lr_faces / "big.png")  # a photo without a face
    out = tmp_path / "out"
    code, printed, err = _run(capsys, "restore", lr_faces, "-o", out, "--model", tiny_model)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert sorted(p.stem for p in out.glob("*.png") if p.stem != "comparison") == good
    assert "1 skipped" in printed
    # The same file alone: one line, nothing written.
    bad = next(p for p in lr_faces.iterdir() if p.stem in ("rgb", "big") and p.stem not in good)
    code, _, err = _run(capsys, "restore", bad, "-o", tmp_path / "alone", "--model", tiny_model)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "alone").exists()
