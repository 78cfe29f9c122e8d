"""`facerestore benchmark`: many restorers, one protocol each, one table and comparison grids."""

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

import facerestore as fr
from facerestore.cli import main
from facerestore.data.dataset import FaceImageDataset
from facerestore.metrics import PSNR

SET = """
data_root = "DATA"
dataset = dict(type="FaceImageDataset", root=data_root + "/test")
metrics = [dict(type="PSNR"), dict(type="SSIM")]
batch_size = 2
grids = 2
caption = "a tiny set"
protocols = [
    dict(name="x4 centre 32", dataset=dict(scale=4, mask=dict(type="BlockMask", size=32))),
    dict(name="x8 centre 32", dataset=dict(scale=8, mask=dict(type="BlockMask", size=32))),
]
methods = [
    dict(name="bicubic", model="bicubic"),
    dict(name="inpaint+bicubic", model="inpaint+bicubic", protocols=["x4 centre 32"]),
    dict(name="tiny x4", model="MODEL4", protocols=["x4 centre 32"]),
    dict(name="tiny x8", model="MODEL8", protocols=["x8 centre 32"]),
    dict(name="not trained", model="MISSING", protocols=["x4 centre 32"]),
]
"""


@pytest.fixture
def benchmark_set(corpus, tmp_path):
    for scale, size in ((4, 32), (8, 16)):
        torch.manual_seed(scale)
        model = fr.build_model(
            "CompoundGenerator",
            completion=dict(type="PConvUNet", input_size=size, base_channels=4),
            sr=dict(type="SRResNet", scale=scale, num_feat=4, num_block=1),
        )
        fr.save_pretrained(model, tmp_path / f"model{scale}")
    text = SET.replace("DATA", str(corpus)).replace("MISSING", str(tmp_path / "missing"))
    text = text.replace("MODEL4", str(tmp_path / "model4")).replace("MODEL8", str(tmp_path / "model8"))
    path = tmp_path / "set.py"
    path.write_text(text)
    return path


def test_benchmark_writes_the_table_and_grids(benchmark_set, corpus, tmp_path, capsys):
    assert main(["benchmark", str(benchmark_set), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / "out" / "set"  # one folder per set, named after its file
    table = json.loads((out / "table.json").read_text())
    rows = {(r["protocol"], r["method"]): r for r in table["rows"]}
    assert set(rows) == {
        ("x4 centre 32", "bicubic"),
        ("x4 centre 32", "inpaint+bicubic"),
        ("x4 centre 32", "tiny x4"),
        ("x4 centre 32", "not trained"),
        ("x8 centre 32", "bicubic"),
        ("x8 centre 32", "tiny x8"),
    }
    assert "not available" in rows["x4 centre 32", "not trained"]["note"]
    # The bicubic row equals PSNR computed directly on the same faces.
    faces = FaceImageDataset(corpus / "test", scale=4, mask=dict(type="BlockMask", size=32))
    direct = PSNR()
    for s in faces:
        direct.process(None, [{"sr": s["lr_up"][None], "hr_gt": s["hr_gt"][None]}])
    assert rows["x4 centre 32", "bicubic"]["PSNR"] == pytest.approx(direct.compute_metrics(direct.results)["PSNR"])
    # Filling the hole from its surroundings is closer to the face than leaving it black.
    assert rows["x4 centre 32", "inpaint+bicubic"]["PSNR"] > rows["x4 centre 32", "bicubic"]["PSNR"] + 1
    tiny = rows["x4 centre 32", "tiny x4"]
    assert tiny["params"] == sum(p.numel() for p in fr.from_pretrained(tmp_path / "model4").parameters())
    assert tiny["GMACs"] > 0 and tiny["faces/s"] > 0
    assert (out / "table.csv").read_text().splitlines()[0].startswith("method,protocol,scale,PSNR,SSIM")
    md = (out / "table.md").read_text()
    assert md.startswith("a tiny set") and "| tiny x8 | x8 centre 32 | ×8 |" in md and "batch_size 2" in md
    assert "tiny x4" in printed
    # One grid per face and protocol: input, every method that ran there, ground truth.
    grids = sorted(p.relative_to(out).as_posix() for p in (out / "grids").rglob("*.png"))
    assert grids == [f"grids/x{s}_centre_32/{i:03d}.png" for s in (4, 8) for i in range(2)]
    sheet = np.asarray(Image.open(out / "grids" / "x4_centre_32" / "000.png"))
    assert sheet.shape[1] == 128 * 5  # input, bicubic, inpaint+bicubic, tiny x4, ground truth


def test_a_method_can_be_a_training_config_and_its_checkpoint(corpus, tmp_path):
    """``config=`` + ``checkpoint=`` (an mmengine .pth) loads the config's generator with the trained weights."""
    from mmengine.config import Config

    from facerestore.benchmark import run
    from facerestore.engine.runner import load_config, train

    config = Path(__file__).parent / "engine" / "tiny_config.py"
    cfg = load_config(config, data_root=str(corpus / "train"))
    cfg.train_cfg.max_iters = 3
    runner, _ = train(cfg, work_dir=tmp_path / "run")
    benchmark = Config(
        dict(
            dataset=dict(type="FaceImageDataset", root=str(corpus / "test")),
            metrics=[dict(type="PSNR")],
            protocols=[dict(name="x8", dataset=dict(scale=8, mask=dict(type="BlockMask", size=32)))],
            methods=[dict(name="tiny", config=str(config), checkpoint=str(tmp_path / "run" / "iter_3.pth"))],
            batch_size=2,
            grids=0,
        )
    )
    (row,) = run(benchmark, tmp_path / "out", max_samples=2, progress=False)
    assert json.loads((tmp_path / "out" / "table.json").read_text())["settings"]["max_samples"] == 2
    generator = runner.model.generator.eval()
    faces = FaceImageDataset(corpus / "test", scale=8, mask=dict(type="BlockMask", size=32))
    direct = PSNR()
    for s in faces:
        direct.process(
            None, [{"sr": generator.restore_batch(s["lr"][None], s["mask"][None]), "hr_gt": s["hr_gt"][None]}]
        )
    assert row["PSNR"] == pytest.approx(direct.compute_metrics(direct.results)["PSNR"], abs=1e-4)  # batch of 2 vs 1


def test_bad_sets_are_refused_in_one_line(corpus, tmp_path, capsys):
    path = tmp_path / "bad.py"
    path.write_text(
        'metrics = [dict(type="PSNR")]\nprotocols = [dict(name="p", dataset=dict())]\n'
        'methods = [dict(name="a", model="bicubic"), dict(name="a", model="bicubic")]\n'
    )
    assert main(["benchmark", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "unique" in capsys.readouterr().err
    path.write_text('methods = [dict(name="a", model="bicubic")]\n')
    assert main(["benchmark", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "protocols" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_benchmark_runs_the_models_in_the_dtype_asked_for(benchmark_set, tmp_path):
    for dtype in ("fp32", "bf16"):
        assert main(["benchmark", str(benchmark_set), "--out", str(tmp_path / dtype), "--dtype", dtype]) == 0
    tables = {d: json.loads((tmp_path / d / "set" / "table.json").read_text()) for d in ("fp32", "bf16")}
    assert tables["bf16"]["settings"]["dtype"] == "torch.bfloat16"
    rows = {d: {(r["protocol"], r["method"]): r for r in t["rows"]} for d, t in tables.items()}
    for key in (("x4 centre 32", "tiny x4"), ("x8 centre 32", "tiny x8")):
        assert rows["bf16"][key]["PSNR"] == pytest.approx(rows["fp32"][key]["PSNR"], abs=0.5)
        assert rows["bf16"][key]["PSNR"] != rows["fp32"][key]["PSNR"]
    assert rows["bf16"]["x4 centre 32", "bicubic"] | {"faces/s": 0} == rows["fp32"]["x4 centre 32", "bicubic"] | {
        "faces/s": 0
    }
