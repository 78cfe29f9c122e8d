"""The model zoo: the embedded default model, its entry, Hub-cache resolution, and the wheel that ships it."""

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

import facerestore as fr
from facerestore import zoo
from facerestore.cli import main
from facerestore.imageio import read_rgb

REPO = Path(__file__).resolve().parents[1]


def test_default_entry_is_complete_and_matches_its_files():
    entry = zoo.entry("default")
    assert entry["status"] == "embedded"
    folder = zoo.zoo_dir() / entry["directory"]
    for name, digest in entry["sha256"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert entry["config"] == json.loads((folder / "config.json").read_text())
    assert entry["training"]["command"].startswith("facerestore train configs/")
    assert (REPO / entry["training"]["config"]).is_file()
    protocols = [r["protocol"] for r in entry["results"]]
    assert protocols, "the default model has no recorded results"
    for result in entry["results"]:
        m = result["metrics"]
        # The model must beat bicubic upsampling of the occluded input in the same run.
        assert m["PSNR"] > m["bicubic/PSNR"] and m["SSIM"] > m["bicubic/SSIM"]


def test_model_zoo_doc_is_generated_from_the_entries():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import zoo_table
    finally:
        sys.path.pop(0)
    assert (REPO / "docs" / "model-zoo.md").read_text() == zoo_table.render()


def test_readme_run_command_restores_the_samples(tmp_path, capsys):
    out = tmp_path / "restored"
    code = main(
        [
            "restore",
            str(REPO / "samples/lr"),
            "--mask",
            str(REPO / "samples/masks"),
            "--gt",
            str(REPO / "samples/hr"),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    stems = sorted(p.stem for p in (REPO / "samples/lr").iterdir())
    assert sorted(p.stem for p in out.glob("1*.png")) == stems
    assert read_rgb(out / "comparison.png").shape == (len(stems) * 128, 3 * 128, 3)
    # Restoration is closer to the ground truth than the zero-filled input upsampled (mean absolute error).
    model = fr.from_pretrained("default")
    for stem in stems:
        hr = read_rgb(REPO / "samples/hr" / f"{stem}.png").astype(np.float64)
        restored = read_rgb(out / f"{stem}.png").astype(np.float64)
        lr = torch.from_numpy(read_rgb(REPO / "samples/lr" / f"{stem}.png")).permute(2, 0, 1)[None] / 255.0
        up = fr.imaging.bicubic_resize(lr, 128)[0].permute(1, 2, 0).clamp(0, 1).numpy() * 255
        assert np.abs(restored - hr).mean() < np.abs(up - hr).mean()
    assert model.input_size == 32


def test_unpublished_and_unknown_aliases(monkeypatch, tmp_path):
    (tmp_path / "paper-x4.json").write_text(
        json.dumps({"status": "unpublished", "description": "", "train_command": "facerestore train configs/x.py"})
    )
    monkeypatch.setattr(zoo, "zoo_dir", lambda: tmp_path)
    with pytest.raises(RuntimeError, match="no published weights yet; train it with: facerestore train"):
        fr.from_pretrained("paper-x4")
    with pytest.raises(KeyError, match="did you mean 'paper-x4'"):
        fr.from_pretrained("paper_x4")


def test_published_alias_resolves_from_the_hub_cache_and_checks_sha256(monkeypatch, tmp_path):
    model = fr.build_model("SRResNet", scale=4, num_feat=4, num_block=1).eval()
    revision = "0123456789abcdef0123456789abcdef01234567"
    snapshot = tmp_path / "hub" / "models--facerestore--tiny" / "snapshots" / revision
    fr.save_pretrained(model, snapshot)
    (snapshot.parents[1] / "refs").mkdir()
    (snapshot.parents[1] / "refs" / "main").write_text(revision)
    digests = {n: hashlib.sha256((snapshot / n).read_bytes()).hexdigest() for n in ("config.json", "model.safetensors")}
    entry = {
        "status": "published",
        "description": "",
        "hub_id": "facerestore/tiny",
        "revision": revision,
        "sha256": digests,
    }
    zoo_folder = tmp_path / "zoo"
    zoo_folder.mkdir()
    (zoo_folder / "tiny.json").write_text(json.dumps(entry))
    monkeypatch.setattr(zoo, "zoo_dir", lambda: zoo_folder)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    loaded = fr.from_pretrained("tiny", cache_dir=str(tmp_path / "hub"))
    x = torch.rand(1, 3, 32, 32)
    assert torch.equal(loaded(x), model(x))
    entry["sha256"]["model.safetensors"] = "0" * 64
    (zoo_folder / "tiny.json").write_text(json.dumps(entry))
    with pytest.raises(ValueError, match="the download is damaged"):
        fr.from_pretrained("tiny", cache_dir=str(tmp_path / "hub"))


def test_wheel_ships_the_zoo_and_loads_the_default_model(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("facerestore-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert (site / "facerestore" / "_zoo" / "default.json").is_file()
    script = (
        "import facerestore as fr, facerestore.zoo as z, torch;"
        f"assert fr.__file__.startswith({str(site)!r}), fr.__file__;"
        "m = fr.from_pretrained('default');"
        "print(z.zoo_dir(), tuple(m.restore(torch.rand(1, 3, 32, 32)).shape))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(site / "facerestore" / "_zoo"), "(1,", "3,", "128,", "128)"]
