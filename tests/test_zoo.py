"""The model zoo: every entry and its protocol, the generated doc and model cards, the embedded default model and
the wheel that ships them (the Hub routes are in test_hub.py)."""

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
from helpers import import_script

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


PAPER_ALIASES = {
    f"{name}-paper"
    for name in (
        "jdsr-x4",
        "jdsr-x8",
        "fcsr-gfc-srresnet-x4",
        "fcsr-pconv-srresnet-x4",
        "fcsr-gfc-fsrnet-x4",
        "fcsr-pconv-fsrnet-x4",
        "fcsr-gfc-fsrnet-x8",
        "fcsr-pconv-fsrnet-x8",
        "fishfsrnet-x4",
        "fishfsrnet-x8",
        "fishfsrnet-x16",
    )
}


def test_every_entry_says_where_its_weights_are_and_how_to_rebuild_them():
    known = zoo.entries()
    assert {"default"} | PAPER_ALIASES <= set(known)
    for alias, e in known.items():
        assert e["alias"] == alias and e["description"] and e["status"] in zoo.STATUSES, alias
        assert {"config.json", "model.safetensors"} <= set(e["files"]), alias
        assert e["licence"]["code"] == "Apache-2.0" and e["licence"]["weights"].startswith("research use only")
        assert (REPO / e["config_file"]).is_file(), alias
        # One command, or the legs of a training in order (a later leg starts from the previous model).
        assert e["train_command"].startswith(f"facerestore train {e['config_file']}"), alias
        assert isinstance(e["takes_mask"], bool) and e["tags"], alias
        if e["status"] != "embedded":
            assert e["hub_id"] == f"facerestore/{alias}", alias
        if e["status"] == "unpublished":
            assert e["revision"] is None and e["sha256"] == {} and e["results"] == [], alias
        if e["status"] == "published":  # a pinned commit and the digest of every file the model loads from
            assert len(e["revision"]) == 40 and int(e["revision"], 16) >= 0, alias
            assert {"config.json", "model.safetensors"} <= set(e["sha256"]), alias
        for result in e["results"]:  # a result names the entry's protocol, plus what it ran on
            assert result["protocol"].startswith(zoo.protocol_text(e["protocol"])), alias
    for alias in PAPER_ALIASES:
        assert known[alias]["status"] == "unpublished" and known[alias]["width"] == "paper", alias


def _types(node):
    """The module types of a generator config and how they nest, without widths or other numbers."""
    if isinstance(node, dict):
        return {k: _types(v) for k, v in node.items() if isinstance(v, dict) or k == "type"}
    return node


def _stage_names(stages) -> list[str]:
    return list(stages) if hasattr(stages, "keys") else [stage["name"] for stage in stages]


def test_reduced_entries_are_their_paper_entries_at_smaller_width():
    """A reduced-width alias builds the same modules, nested the same way, under the same protocol and stage
    schedule as its paper entry; only widths, iterations and the terms its entry says it dropped differ."""
    from mmengine.config import Config

    known = zoo.entries()
    reduced = {a: e for a, e in known.items() if e["width"] == "reduced" and a != "default"}
    assert {"jdsr-x4", "jdsr-x8", "fishfsrnet-x4", "fishfsrnet-x8", "fishfsrnet-x16"} <= set(reduced)
    for alias, e in reduced.items():
        paper = known[e["paper_alias"]]
        assert paper["width"] == "paper" and paper["protocol"] == e["protocol"], alias
        mine, theirs = (Config.fromfile(str(REPO / x["config_file"])).model for x in (e, paper))
        assert _types(mine.generator.to_dict()) == _types(theirs.generator.to_dict()), alias
        assert _stage_names(mine.stages) == _stage_names(theirs.stages), alias


BEATS_BICUBIC_BY = {4: 1.0, 8: 0.7, 16: 0.4}  # dB, FishFSRNet at ×4/×8/×16 (issue acceptance)
OCCLUSION_IOU = 0.6  # the occlusion estimator's mean IoU with the true occlusion on the test split


def test_embedded_entries_match_their_files_and_beat_their_baselines():
    """Every embedded alias: its shipped files match the sha256 in its entry, and every recorded result on the
    whole test split beats the classical rows measured in the same run: mask-aware and blind completion models
    beat inpaint+bicubic (which gets the true mask), face SR models beat bicubic by the margin of their scale."""
    shipped = 0
    for alias, e in zoo.entries().items():
        if e["status"] != "embedded":
            continue
        folder = zoo.zoo_dir() / e["directory"]
        shipped += sum((folder / name).stat().st_size for name in e["files"])
        for name, digest in e["sha256"].items():
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, (alias, name)
        assert e["results"], f"{alias} is embedded without recorded results"
        for result in e["results"]:
            m = result["metrics"]
            assert "1000 faces" in result["protocol"] and result["command"].startswith("facerestore test"), alias
            if e["protocol"]["metrics"] == ["OcclusionIoU"]:  # the occlusion estimator of --mask auto
                assert m["OcclusionIoU"] > OCCLUSION_IOU, alias
            elif e["protocol"]["mask"] == "NoMask":
                margin = BEATS_BICUBIC_BY[e["protocol"]["scale"]]
                assert m["PSNR"] >= m["bicubic/PSNR"] + margin and m["SSIM"] > m["bicubic/SSIM"], alias
            else:
                assert m["PSNR"] > m["inpaint+bicubic/PSNR"] and m["SSIM"] > m["inpaint+bicubic/SSIM"], alias
    assert shipped < 40e6, f"embedded weights take {shipped / 1e6:.1f} MB, over the 40 MB budget"


def test_entry_protocols_are_their_configs_test_settings():
    """The protocol an entry states is what its config's test_dataloader and test_evaluator do."""
    from mmengine.config import Config

    for alias, e in zoo.entries().items():
        p, cfg = e["protocol"], Config.fromfile(str(REPO / e["config_file"]))
        data = cfg.test_dataloader.dataset
        assert data.root.endswith("synthfaces-128/test") and p["dataset"] == "synthfaces-128", alias
        assert data.get("subset") is None and data.get("seed", 0) == 0, alias
        assert (data.scale, data.get("hr_size", 128)) == (p["scale"], p["hr_size"]), alias
        assert data.mask.type == p["mask"], alias
        if p["mask"] == "BlockMask":
            assert f"{data.mask.size}×{data.mask.size} block" in p["occlusion"], alias
        metrics = [m for m in cfg.test_evaluator if m.get("prefix") is None]
        assert [m.type for m in metrics] == p["metrics"], alias
        for m in cfg.test_evaluator:
            assert (m.get("y_channel", False), m.get("crop_border", 0)) == (p["y_channel"], p["crop_border"]), alias
        lr = p["hr_size"] // p["scale"]
        assert e["input"].startswith(f"{lr}×{lr} RGB face"), alias


def test_model_zoo_doc_and_model_cards_are_generated_from_the_entries():
    zoo_table = import_script("zoo_table")
    stale = "run python scripts/zoo_table.py"
    assert (REPO / "docs" / "model-zoo.md").read_text() == zoo_table.render(), stale
    readme = (REPO / "README.md").read_text()
    assert readme == zoo_table.render_readme(readme), f"the README's zoo table is stale: {stale}"
    cards = zoo_table.render_cards()
    assert sorted(p.name for p in (REPO / "zoo" / "cards").iterdir()) == sorted(cards), stale
    for name, text in cards.items():
        assert (REPO / "zoo" / "cards" / name).read_text() == text, f"zoo/cards/{name} is stale: {stale}"
    card = cards["jdsr-x4-paper.md"]
    front = card.split("---\n")[1]
    assert "license: other\n" in front and "library_name: facerestore\n" in front and "- jdsr-gan\n" in front
    assert 'fr.from_pretrained("hf-hub:facerestore/jdsr-x4-paper")' in card and "model.restore(faces)" in card
    assert "facerestore train configs/jdsr/jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py" in card
    assert "a procedural face mask" in card and "No results recorded yet." in card
    assert "PSNR 25.3427" in cards["default.md"] and "model.restore(faces, masks)" in cards["default.md"]


def test_readme_run_command_restores_the_photograph(tmp_path, capsys):
    """README's first command: the bundled masked, shrunk portrait, restored ×4 by the default model with an
    estimated mask, pasted back; the face is found and its mask estimated where the face mask was drawn."""
    readme = (REPO / "README.md").read_text()
    command = (
        "facerestore restore samples/photos/astronaut_masked_small.png -o restored --save restored,cmp,overlay,report"
    )
    assert command in readme
    out = tmp_path / "restored"
    argv = command.split()[1:]
    argv[1] = str(REPO / argv[1])
    argv[argv.index("restored")] = str(out)
    assert main(argv) == 0
    names = sorted(p.name for p in out.iterdir())
    stem = "astronaut_masked_small"
    assert names == [f"{stem}.{k}" for k in ("cmp.png", "overlay.png", "png", "report.json")]
    restored = read_rgb(out / f"{stem}.png")
    assert restored.shape == (512, 512, 3)
    face = json.loads((out / f"{stem}.report.json").read_text())["faces"]
    assert len(face) == 1 and face[0]["restored"]
    # The estimate marks about as much of the face's crop as the true mask (white = occluded) does.
    true_mask = str(REPO / "samples/photos" / f"{stem}.mask.png")
    assert main(["restore", argv[1], "-o", str(tmp_path / "true"), "--mask", true_mask, "--save", "report"]) == 0
    truth = json.loads((tmp_path / "true" / f"{stem}.report.json").read_text())["faces"][0]["occluded_fraction"]
    assert truth > 0.2 and abs(face[0]["occluded_fraction"] - truth) < 0.5 * truth


def test_aligned_sample_crops_restore(tmp_path, capsys):
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
    with pytest.raises(
        RuntimeError,
        match="no published weights yet; train it with: facerestore train configs/jdsr/.*, then load work_dirs/",
    ):
        fr.from_pretrained("jdsr-x4-paper")
    template = zoo.entry("jdsr-x4-paper")
    (tmp_path / "paper-x4.json").write_text(json.dumps({**template, "alias": "paper-x4"}))
    monkeypatch.setattr(zoo, "zoo_dir", lambda: tmp_path)
    with pytest.raises(RuntimeError, match="no published weights yet; train it with: facerestore train"):
        fr.from_pretrained("paper-x4")
    with pytest.raises(KeyError, match="did you mean 'paper-x4'"):
        fr.from_pretrained("paper_x4")


def test_a_malformed_entry_is_one_line_naming_its_file_and_key(monkeypatch, tmp_path):
    template = zoo.entry("default")
    monkeypatch.setattr(zoo, "zoo_dir", lambda: tmp_path)
    broken = {
        "no status": ({k: v for k, v in template.items() if k != "status"}, "has no 'status'"),
        "a string for a flag": ({**template, "takes_mask": "yes"}, "'takes_mask' is 'yes', expected"),
        "a protocol without its scale": (
            {**template, "protocol": {k: v for k, v in template["protocol"].items() if k != "scale"}},
            "has no 'scale'",
        ),
        "embedded without a directory": (
            {k: v for k, v in template.items() if k != "directory"},
            "embedded needs 'directory'",
        ),
    }
    for data, message in broken.values():
        (tmp_path / "default.json").write_text(json.dumps(data))
        with pytest.raises(ValueError, match=f"zoo entry {tmp_path / 'default.json'}.*{message}"):
            zoo.entries()


def test_wheel_ships_the_zoo_and_loads_every_embedded_model(tmp_path):
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
    assert (site / "facerestore" / "_zoo" / "cards" / "jdsr-x4-paper.md").is_file()
    embedded = sorted(a for a, e in zoo.entries().items() if e["status"] == "embedded")
    assert "default" in embedded
    script = (
        "import facerestore as fr, facerestore.zoo as z, torch\n"
        f"assert fr.__file__.startswith({str(site)!r}), fr.__file__\n"
        "print(z.zoo_dir())\n"
        f"for alias in {embedded!r}:\n"
        "    m, p = fr.from_pretrained(alias), z.entry(alias)['protocol']\n"
        "    x = torch.rand(1, 3, p['hr_size'] // p['scale'], p['hr_size'] // p['scale'])\n"
        "    print(alias, tuple((m.estimate(x) if m.kind == 'occlusion' else m.restore(x)).shape))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(site / "facerestore" / "_zoo")
    expected = {"occlusion": "(1, 1, 32, 32)"}  # the estimator's mask at its 32² input; the others restore
    assert lines[1:] == [f"{alias} {expected.get(alias, '(1, 3, 128, 128)')}" for alias in embedded]
