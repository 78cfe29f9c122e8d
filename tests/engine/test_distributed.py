"""Training on two CPU processes (torchrun, gloo): the ranks draw different faces, their weights stay identical, and
the run resumes."""

import json
import subprocess
import sys
from pathlib import Path

import torch

import facerestore as fr

REPO = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("tiny_config.py")


def _torchrun(config: Path, work: Path, faces: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2"]
    command += ["-m", "facerestore", "train", str(config), "--launcher", "pytorch", "--work-dir", str(work)]
    command += ["--data-root", str(faces), *extra]
    env = {"PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]


def _probes(work: Path, iteration: int) -> list[dict]:
    return [json.loads((work / f"probe_rank{rank}_iter{iteration}.json").read_text()) for rank in (0, 1)]


def test_two_processes_draw_different_faces_keep_one_model_and_resume(face_folder, tmp_path):
    config = tmp_path / "two_processes.py"
    config.write_text(
        f"_base_ = [{str(CONFIG)!r}]\n"
        "custom_imports = dict(imports=['tests.engine.dist_probe'], allow_failed_imports=False)\n"
        "custom_hooks = [dict(type='DistProbeHook')]\n"
        "train_cfg = dict(max_iters=3)\n"
    )
    work = tmp_path / "run"
    _torchrun(config, work, face_folder)
    first = _probes(work, 3)
    # The first iteration (8 of the 12 faces, inside one pass of the shuffled data): 4 faces per process, none
    # seen by both. Later iterations cross into the next pass, whose order is new, so only a pass is disjoint.
    a, b = (set(p["names"]["0"]) for p in first)
    assert len(a) == len(b) == 4 and not a & b
    assert all(len(p["names"][str(it)]) == 4 for p in first for it in range(3))
    assert first[0]["parameters"] == first[1]["parameters"]
    assert (work / "iter_3.pth").is_file()

    _torchrun(config, work, face_folder, "--resume", "--cfg-options", "train_cfg.max_iters=6")
    second = _probes(work, 6)
    assert [sorted(p["names"]) for p in second] == [["3", "4", "5"]] * 2  # continued from iteration 3
    assert second[0]["parameters"] == second[1]["parameters"] != first[0]["parameters"]
    model = fr.from_pretrained(work / "model")  # written once, by rank 0
    assert all(torch.isfinite(p).all() for p in model.parameters())
