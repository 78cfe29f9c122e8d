"""Hostile input, grouped by the class of defect it used to cause: data loss, silently wrong results, unclear
errors, hangs and resource exhaustion, code in data files. Each test asserts what a user should get: the data
intact, a correct result, or one line naming the file, key or value and what is wrong."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

import facerestore as fr
from facerestore.cli import main
from facerestore.engine.runner import latest_checkpoint, load_config
from facerestore.imageio import read_rgb
from tests.helpers import tiny_generator

REPO = Path(__file__).resolve().parents[1]
TINY_CONFIG = REPO / "tests" / "engine" / "tiny_config.py"


def _faces(folder: Path, names=("a.png", "b.png"), size=16) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for name in names:
        Image.fromarray(rng.integers(0, 256, (size, size, 3), dtype=np.uint8)).save(folder / name)
    return folder


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("facerestore: error:"), err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------------------------------------- data loss


def test_restoring_a_folder_into_itself_is_refused_and_the_inputs_stay(tiny_model, tmp_path, capsys):
    faces = _faces(tmp_path / "faces")
    before = _snapshot(faces)
    code, _, err = _run(capsys, "restore", faces, "-o", faces, "--model", tiny_model)
    assert code == 2
    _one_line(err, "is a folder the inputs are read from")
    assert _snapshot(faces) == before


def _kill_during_a_save(work: Path, cfg_path: Path, env: dict) -> None:
    """Start a tiny training run that checkpoints every iteration with a 160 MB padding tensor (so each save
    takes a while), and SIGKILL it as soon as a checkpoint is being written (its temporary file appears)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "facerestore", "train", str(cfg_path), "--work-dir", str(work)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError("the run ended before it could be killed during a save")
            if list(work.glob(".iter_2.pth.partial")):  # the second checkpoint is being written
                break
            time.sleep(0.005)
        else:
            raise AssertionError("no checkpoint write was seen")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_sigkill_during_a_checkpoint_write_loses_at_most_one_interval(face_folder, tmp_path):
    padding = tmp_path / "padding.py"
    padding.write_text(
        "import torch\n"
        "from mmengine.hooks import Hook\n"
        "from facerestore.registry import HOOKS\n"
        "@HOOKS.register_module()\n"
        "class SlowSaveHook(Hook):\n"
        "    def before_save_checkpoint(self, runner, checkpoint):\n"
        "        checkpoint['padding'] = torch.ones(40_000_000)\n"
    )
    cfg_path = tmp_path / "config.py"
    cfg_path.write_text(
        TINY_CONFIG.read_text().replace('"DATA_ROOT"', repr(str(face_folder)))
        + "\ncustom_imports = dict(imports=['padding'], allow_failed_imports=False)\n"
        + "custom_hooks = [dict(type='SlowSaveHook')]\n"
        + "default_hooks = dict(logger=dict(type='LoggerHook', interval=1),\n"
        + "    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=1))\n"
        + "train_cfg = dict(max_iters=4, val_interval=100)\n"
    )
    work = tmp_path / "run"
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"}  # the hook module is importable
    _kill_during_a_save(work, cfg_path, env)
    names = sorted(p.name for p in work.iterdir() if p.name.endswith(".pth") or p.name.endswith(".partial"))
    assert "iter_1.pth" in names and "iter_2.pth" not in names  # the interrupted file never got its name
    (work / "last_checkpoint").write_text("")  # as a kill while mmengine writes it leaves it
    assert latest_checkpoint(work) == work / "iter_1.pth"
    result = subprocess.run(
        [sys.executable, "-m", "facerestore", "train", str(cfg_path), "--work-dir", str(work), "--resume"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert torch.load(work / "iter_4.pth", weights_only=True, mmap=True)["meta"]["iter"] == 4
    assert not list(work.glob("*.partial"))


def test_a_damaged_cached_link_never_deletes_outside_the_cache(tmp_path):
    from facerestore.hub import verify_files

    outside = tmp_path / "mine" / "weights.bin"
    outside.parent.mkdir()
    outside.write_bytes(b"a user's own file")
    snapshot = tmp_path / "cache" / "models--org--name" / "snapshots" / ("a" * 40)
    snapshot.mkdir(parents=True)
    (snapshot / "model.safetensors").symlink_to(outside)
    with pytest.raises(ValueError, match="damaged"):
        verify_files(snapshot, {"model.safetensors": "0" * 64}, "org/name", "facerestore download org/name")
    assert outside.read_bytes() == b"a user's own file"
    assert not (snapshot / "model.safetensors").exists()


# ------------------------------------------------------------------------------------- silently wrong


@pytest.mark.parametrize(
    "names, message",
    [
        (("face.png", "face.jpg"), "would both be written as"),
        (("a.png", "comparison.png"), "the comparison grid would both be written as"),
    ],
)
def test_outputs_that_would_collide_are_refused_before_writing(names, message, tiny_model, tmp_path, capsys):
    faces = _faces(tmp_path / "faces", names)
    code, _, err = _run(capsys, "restore", faces, "-o", tmp_path / "out", "--model", tiny_model)
    assert code == 2
    _one_line(err, message)
    assert not (tmp_path / "out").exists()


def test_every_input_kind_means_the_same_face():
    """uint8, uint16 and float in numpy, torch and PIL: one face, one result; masks: 0/1, 0/255, bool, float and
    a PIL mask image (white = occluded, as files) all mean the same holes."""
    model = tiny_generator()
    rng = np.random.default_rng(1)
    face8 = rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)
    known = np.ones((16, 16), np.float32)
    known[4:12, 4:12] = 0
    reference = model.restore(face8, known)
    as_tensor = torch.from_numpy(face8).permute(2, 0, 1)[None]
    for face in (
        as_tensor,  # uint8 tensor: scaled like the uint8 array
        as_tensor.float() / 255,
        face8.astype(np.float32) / 255,
        face8.astype(np.uint16) * 257,
    ):
        out = model.restore(face, known)
        out = out[0].permute(1, 2, 0).numpy() * 255 if isinstance(out, torch.Tensor) else out
        assert np.abs(out.astype(np.float64) - reference).max() <= 1, type(face)
    pil = np.asarray(model.restore(Image.fromarray(face8), Image.fromarray(((1 - known) * 255).astype(np.uint8))))
    assert np.abs(pil.astype(int) - reference).max() <= 1
    for mask in (known.astype(np.uint8), (known * 255).astype(np.uint8), known.astype(bool), known[..., None]):
        assert np.array_equal(model.restore(face8, mask), reference), mask.dtype
    sixteen = Image.fromarray(face8[..., 0].astype(np.uint16) * 257)  # PIL 16-bit grayscale: I;16
    gray = np.repeat(face8[..., :1], 3, axis=2)
    assert np.abs(np.asarray(model.restore(sixteen, known)).astype(int) - model.restore(gray, known)).max() <= 1


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.full((16, 16, 3), 200.0), "float values span [200, 200]"),
        (np.full((16, 16, 3), 3, np.int64), "integer dtype int64 is ambiguous"),
        (np.full((16, 16, 3), np.nan, np.float32), "contain NaN or Inf"),
        (torch.full((1, 3, 16, 16), float("inf")), "contain NaN or Inf"),
    ],
)
def test_ambiguous_or_invalid_values_are_refused(bad, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        tiny_generator().restore(bad)


def test_a_half_precision_model_restores():
    model = tiny_generator()
    face = np.random.default_rng(3).integers(0, 256, (16, 16, 3), dtype=np.uint8)
    full, half = model.restore(face), model.half().restore(face)
    assert half.dtype == np.uint8 and np.abs(full.astype(int) - half.astype(int)).max() <= 3


def test_nan_weights_are_an_error_not_a_black_image(tmp_path, capsys):
    model = tiny_generator()
    with torch.no_grad():
        next(model.sr.parameters()).fill_(float("nan"))
    folder = fr.save_pretrained(model, tmp_path / "broken")
    faces = _faces(tmp_path / "faces")
    code, _, err = _run(capsys, "restore", faces, "-o", tmp_path / "out", "--model", folder)
    assert code == 2
    _one_line(err, "produced NaN or Inf")
    assert not (tmp_path / "out").exists()


def test_exif_orientation_and_wide_tiffs_are_read_as_they_look(tmp_path):
    rng = np.random.default_rng(2)
    face = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
    img = Image.fromarray(face)
    exif = img.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    img.save(tmp_path / "rotated.jpg", exif=exif, quality=100, subsampling=0)
    upright = read_rgb(tmp_path / "rotated.jpg")
    assert upright.shape == (16, 12, 3)
    assert np.abs(upright.astype(int) - np.rot90(face, k=-1).astype(int)).mean() < 8  # JPEG noise only
    gray = rng.integers(0, 256, (8, 8)).astype(np.uint8)
    Image.fromarray(gray.astype(np.float32) / 255).save(tmp_path / "float.tif")
    Image.fromarray(gray.astype(np.int32)).save(tmp_path / "int32.tif")
    for name in ("float.tif", "int32.tif"):
        assert np.abs(read_rgb(tmp_path / name)[..., 0].astype(int) - gray).max() <= 1, name


@pytest.mark.parametrize(
    "argv, message",
    [
        (["restore", "IN", "-o", "OUT", "--batch-size", "-1"], "--batch-size: must be ≥ 1, got -1"),
        (["restore", "IN", "-o", "OUT", "--batch-size", "0"], "--batch-size: must be ≥ 1, got 0"),
        (["benchmark", "SET", "--max-samples", "-1"], "--max-samples: must be ≥ 1, got -1"),
    ],
)
def test_nonsense_counts_are_refused_by_name(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2 and message in capsys.readouterr().err


def test_negative_max_iters_never_writes_a_final_model(face_folder, tmp_path, capsys):
    code, _, err = _run(
        capsys,
        "train",
        TINY_CONFIG,
        "--data-root",
        face_folder,
        "--work-dir",
        tmp_path / "run",
        "--cfg-options",
        "train_cfg.max_iters=-5",
    )
    assert code == 2
    _one_line(err, "train_cfg.max_iters must be a whole number ≥ 1, got -5")
    assert not (tmp_path / "run" / "model").exists()


def test_a_copied_work_dir_resumes_its_own_checkpoints(face_folder, tmp_path, capsys):
    from facerestore.engine.runner import train

    cfg = load_config(TINY_CONFIG, data_root=str(face_folder))
    cfg.train_cfg.max_iters = 3
    train(cfg.copy(), work_dir=tmp_path / "original")
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(tmp_path / "original"), str(copy)], check=True)
    (tmp_path / "original" / "iter_3.pth").unlink()  # the original's file, which last_checkpoint names
    cfg.train_cfg.max_iters = 6
    runner, _ = train(cfg, work_dir=copy, resume=True)
    assert runner.iter == 6 and (copy / "iter_6.pth").is_file()
    assert not (tmp_path / "original" / "iter_6.pth").exists()


def test_a_folder_named_like_an_alias_does_not_replace_it(tmp_path, monkeypatch):
    impostor = fr.save_pretrained(tiny_generator(), tmp_path / "default")
    monkeypatch.chdir(tmp_path)
    assert fr.from_pretrained("default").config != fr.from_pretrained(impostor).config
    assert fr.from_pretrained("./default").config == fr.from_pretrained(impostor).config


# ------------------------------------------------------------------------------------- unclear errors


class Payload:
    def __reduce__(self):
        return (Path.touch, (Path(os.environ.get("PAYLOAD_MARK", "/nonexistent/mark")),))


def test_checkpoints_that_are_not_data_are_named_in_one_line(tmp_path, capsys, monkeypatch):
    from facerestore.engine.runner import load_generator_weights

    mark = tmp_path / "ran"
    monkeypatch.setenv("PAYLOAD_MARK", str(mark))
    torch.save({"state_dict": {"x": Payload()}}, tmp_path / "evil.pth")
    (tmp_path / "empty.pth").write_bytes(b"")
    for name, message in (("evil.pth", "holds Python objects"), ("empty.pth", "is empty or damaged")):
        with pytest.raises(ValueError, match=message) as info:
            load_generator_weights(tiny_generator(), tmp_path / name)
        assert name in str(info.value) and "\n" not in str(info.value)
    assert not mark.exists()  # nothing in the file ran


@pytest.mark.parametrize(
    "text, options, message",
    [
        ("model = dict(\n", [], "line 1: syntax error"),
        ("train_cfg = dict(max_iters=1)\n", [], "has no 'model'"),
        (
            None,
            ["train_dataloader.batch_size=abc"],
            "train_dataloader.batch_size='abc': expected a number like the config's 4",
        ),
    ],
)
def test_config_errors_name_the_file_key_or_value(text, options, message, face_folder, tmp_path, capsys):
    argv = ["train", TINY_CONFIG, "--data-root", face_folder]
    if text is not None:
        (tmp_path / "bad.py").write_text(text)
        argv = ["train", tmp_path / "bad.py"]
    argv += ["--work-dir", tmp_path / "run"]
    code, _, err = _run(capsys, *argv, *(["--cfg-options", *options] if options else []))
    assert code == 2
    _one_line(err, message)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c["sr"].update(num_feat="eight"), "config.json"),
        (lambda c: c["sr"].update(num_feat=100_000), "does not describe the weights"),
        (lambda c: c.update(type="NoSuchModel"), "NoSuchModel"),
    ],
)
def test_a_bad_config_json_names_the_file(change, message, tmp_path, capsys):
    folder = fr.save_pretrained(tiny_generator(), tmp_path / "m")
    config = json.loads((folder / "config.json").read_text())
    change(config)
    (folder / "config.json").write_text(json.dumps(config))
    faces = _faces(tmp_path / "faces")
    start = time.monotonic()
    code, _, err = _run(capsys, "restore", faces, "-o", tmp_path / "out", "--model", folder)
    assert code == 2 and time.monotonic() - start < 30  # no huge allocation first
    _one_line(err, message)


def test_a_bad_value_deep_in_a_config_names_its_module(face_folder, tmp_path, capsys):
    argv = ["train", TINY_CONFIG, "--data-root", face_folder, "--work-dir", tmp_path / "run"]
    code, _, err = _run(capsys, *argv, "--cfg-options", "model.generator.sr.num_feat=-3")
    assert code == 2
    _one_line(err, "SRResNet(scale=8, num_feat=-3, num_block=1)", "negative dimension")


def test_ctrl_c_is_one_line(monkeypatch, capsys, tmp_path):
    import facerestore.cli as cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_list", interrupted)
    assert main(["list"]) == 130
    assert capsys.readouterr().err.strip().startswith("facerestore: interrupted")


# ------------------------------------------------------------------------ hangs and resource exhaustion


def test_a_fifo_named_png_does_not_block(tiny_model, tmp_path, capsys):
    faces = _faces(tmp_path / "faces")
    os.mkfifo(faces / "pipe.png")
    code, _, err = _run(capsys, "restore", faces / "pipe.png", "-o", tmp_path / "alone", "--model", tiny_model)
    assert code == 2
    _one_line(err, "pipe.png", "not a regular file")
    code, _, err = _run(capsys, "restore", faces, "-o", tmp_path / "out", "--model", tiny_model)
    assert code == 1 and "not a regular file" in err
    assert sorted(p.name for p in (tmp_path / "out").glob("[ab].png")) == ["a.png", "b.png"]


def test_huge_images_are_refused_from_their_header(tiny_model, tmp_path, capsys):
    faces = _faces(tmp_path / "faces")
    for i in range(3):  # 12000² 1-bit PNGs: tiny on disk, 432 MB each once decoded to RGB
        Image.new("1", (12000, 12000)).save(faces / f"huge{i}.png")
    start = time.monotonic()
    code, _, err = _run(capsys, "restore", faces, "-o", tmp_path / "out", "--model", tiny_model)
    assert code == 1 and time.monotonic() - start < 20
    assert err.count("12000×12000 (144 megapixels), over the limit") == 3
    assert sorted(p.name for p in (tmp_path / "out").glob("[ab].png")) == ["a.png", "b.png"]
