"""The papers' full-size configs, shrunk to tiny widths, trained for a few steps through `facerestore train`.

Each config under ``configs/`` named below is loaded as shipped; only widths (the registry's tiny widths of each
model), frozen loss networks (random VGG16 / identity weights, VGG cut at relu1_1), batch size, stage lengths
and checkpoint intervals are overridden with ``--cfg-options``, on a miniature copy of the corpus layout
(train/ and test/ folders and a landmarks.npz). Every stage runs; every configured loss term must be logged and
finite; the run must leave a weights-only checkpoint that a second `facerestore train --resume` continues.
"""

import json
import math
from pathlib import Path

import pytest
import torch

from facerestore.cli import main
from facerestore.engine.restorer import Stage
from facerestore.engine.runner import load_config

CONFIGS = Path(__file__).parents[2] / "configs"

#: The width arguments of each model's tiny instance (interfaces such as sizes, scales and prior channels stay).
TINY = {
    "PConvUNet": dict(base_channels=4),
    "GFC": dict(width=4, bottleneck=16),
    "CBDNet": dict(width=8),
    "SRResNet": dict(num_feat=8, num_block=1),
    "FSRNet": dict(width=4, num_hourglasses=1, hourglass_depth=2),
    "PatchGANDiscriminator": dict(ndf=4),
    "SRGANDiscriminator": dict(width=4),
    "ParsingNet": dict(num_feat=4, num_block=1),
    "FishFSRNet": dict(num_feat=4),
    "GFCGlobalDiscriminator": dict(width=4),
    "GFCLocalDiscriminator": dict(width=4),
    "OcclusionUNet": dict(width=4, depth=2),
}
FROZEN = {
    "PerceptualLoss": dict(vgg_weights="random", layers=["relu1_1"]),
    "StyleLoss": dict(vgg_weights="random", layers=["relu1_1"]),
    "IdentityLoss": dict(weights="random", network=dict(type="JDSRIdentityNet", width=2, blocks=[1, 1, 1, 1])),
    "ParsingLoss": dict(weights="random", network=dict(type="ParsingNet", out_channels=11, num_feat=4, num_block=1)),
}

PAPER_CONFIGS = [
    "jdsr/jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py",
    "jdsr/jdsr_cbdnet-ca-fsrnet-ca_x8_synthfaces.py",
    "fcsr/fcsr_gfc-srresnet_x4_synthfaces.py",
    "fcsr/fcsr_pconv-srresnet_x4_synthfaces.py",
    "fcsr/fcsr_gfc-fsrnet_x4_synthfaces.py",
    "fcsr/fcsr_pconv-fsrnet_x4_synthfaces.py",
    "fcsr/fcsr_gfc-fsrnet_x8_synthfaces.py",
    "fcsr/fcsr_pconv-fsrnet_x8_synthfaces.py",
    "baselines/fcsr_baseline1_gfc-then-srresnet_x4_synthfaces.py",
    "baselines/fcsr_baseline2_srresnet-then-gfc_x4_synthfaces.py",
    "baselines/jdsr_baseline_cbdnet-then-fsrgan_x4_synthfaces.py",
    "baselines/jdsr_baseline_cbdnet-then-fsrgan_x8_synthfaces.py",
    "gfc/gfc_completion_128_synthfaces.py",
    "occlusion/occlusionunet_x4_synthfaces.py",
]
_JDSR = "jdsr/jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"
_FCSR = "fcsr/fcsr_gfc-fsrnet_x4_synthfaces.py"
#: Each ablation: its base, and the loss terms it drops from every stage (or the stages it keeps).
ABLATIONS = {
    "jdsr/table1/jdsr_table1-no-style_x4_synthfaces.py": (_JDSR, {"style_lr_restored"}),
    "jdsr/table1/jdsr_table1-no-perceptual_x4_synthfaces.py": (_JDSR, {"perceptual_lr_restored", "perceptual_sr"}),
    "jdsr/table1/jdsr_table1-no-identity_x4_synthfaces.py": (_JDSR, {"identity_sr"}),
    "jdsr/table1/jdsr_table1-no-smooth_x4_synthfaces.py": (_JDSR, {"smooth_lr_restored", "smooth_sr"}),
    "jdsr/table1/jdsr_table1-no-attention_x4_synthfaces.py": (_JDSR, set()),
    "fcsr/table5/fcsr_table5-a-together_gfc-fsrnet_x4_synthfaces.py": (_FCSR, ["joint"]),
    "fcsr/table5/fcsr_table5-b-stage2-alone_gfc-fsrnet_x4_synthfaces.py": (_FCSR, ["sr", "joint"]),
    "fcsr/table5/fcsr_table5-c-no-smooth_gfc-fsrnet_x4_synthfaces.py": (_FCSR, {"smooth_lr_composite", "smooth_sr"}),
    "fcsr/table5/fcsr_table5-d-no-perceptual_gfc-fsrnet_x4_synthfaces.py": (
        _FCSR,
        {"perceptual_lr_restored", "perceptual_lr_composite", "perceptual_sr"},
    ),
    "fcsr/table5/fcsr_table5-e-no-face-prior_gfc-fsrnet_x4_synthfaces.py": (_FCSR, {"face_prior_prior_landmarks"}),
}


def _walk(node, path=""):
    """Every (dotted path, dict) below ``node``, lists by index."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        here = f"{path}.{key}" if path else str(key)
        if isinstance(value, dict | list):
            if isinstance(value, dict):
                yield here, value
            yield from _walk(value, here)


def _stages(model_cfg) -> list[dict]:
    stages = model_cfg["stages"]
    if isinstance(stages, dict):
        return [dict(s, name=k) for k, s in stages.items() if s is not None]
    return list(stages)


def tiny_options(cfg, resume_iters: int | None = None) -> tuple[list[str], int]:
    """``--cfg-options`` that shrink ``cfg`` and run each stage for ``n_critic`` iterations (so every stage
    updates its generator once) and the last one for one; returns them and the number of iterations."""
    options = {}
    model = cfg.to_dict()["model"]
    for path, node in _walk(model, "model"):
        for key, value in {**TINY.get(node.get("type"), {}), **FROZEN.get(node.get("type"), {})}.items():
            options[f"{path}.{key}"] = value
    n_critic = model.get("n_critic", 1)
    stages = model.get("stages", [None])  # an OcclusionTrainer has one plain stage
    names = [k for k, s in stages.items() if s is not None] if isinstance(stages, dict) else range(len(stages))
    for name in list(names)[:-1]:
        options[f"model.stages.{name}.iters"] = n_critic
    iters = n_critic * (len(names) - 1) + 1
    for loader in ("train_dataloader", "val_dataloader", "test_dataloader"):
        options[f"{loader}.batch_size"] = 2
        options[f"{loader}.num_workers"] = 0
        options[f"{loader}.dataset.subset"] = None
    options["train_dataloader.persistent_workers"] = False
    options["train_cfg.max_iters"] = resume_iters or iters
    options["train_cfg.val_interval"] = 10**6
    options["default_hooks.checkpoint.interval"] = 1
    options["default_hooks.checkpoint.save_best"] = None
    options["default_hooks.logger.interval"] = 1
    return [f"{k}={json.dumps(v)}" for k, v in options.items()], iters


def _shrunk(path: Path, corpus: Path):
    options, _ = tiny_options(load_config(path))
    return load_config(path, str(corpus), {k: json.loads(v) for k, v in (o.split("=", 1) for o in options)})


def _terms(cfg) -> dict[str, set[str]]:
    """The logged name of every loss term, per stage."""
    if cfg.model.type == "OcclusionTrainer":
        return {"train": {"bce", "dice"}}
    return {s["name"]: {term.name for term in Stage(**s).loss.losses} for s in _stages(cfg.model)}


def _logged(work: Path) -> dict[str, list[float]]:
    values: dict[str, list[float]] = {}
    for path in work.glob("*/vis_data/scalars.json"):
        for line in path.read_text().splitlines():
            for key, value in json.loads(line).items():
                values.setdefault(key, []).append(value)
    return values


@pytest.mark.parametrize("config", PAPER_CONFIGS)
def test_paper_config_trains_logs_every_term_and_resumes(config, corpus, tmp_path):
    path = CONFIGS / config
    options, iters = tiny_options(load_config(path))
    work = tmp_path / "run"
    common = ["train", str(path), "--data-root", str(corpus), "--work-dir", str(work)]
    assert main([*common, "--cfg-options", *options]) == 0
    checkpoint = torch.load(work / f"iter_{iters}.pth", weights_only=True)
    assert checkpoint["meta"]["iter"] == iters
    assert (work / "model" / "model.safetensors").is_file()

    shrunk = _shrunk(path, corpus)
    expected = set().union(*_terms(shrunk).values())
    critics_stages = _stages(shrunk.model) if "stages" in shrunk.model else []
    for stage in critics_stages:  # the critics' own terms, named per discriminator when there are several
        judges = [term.discriminator for term in Stage(**stage).adversarial]
        for judge in judges:
            suffix = "" if len(judges) == 1 else f"_{judge}"
            expected.add(f"d_loss{suffix}")
            if shrunk.model.get("gradient_penalty"):
                expected.add(f"d_gp{suffix}")
    logged = _logged(work)
    assert expected <= set(logged), f"not logged: {sorted(expected - set(logged))}"
    for name in expected:
        assert all(math.isfinite(v) for v in logged[name]), name

    resumed, _ = tiny_options(load_config(path), resume_iters=iters + 1)
    assert main([*common, "--resume", "--cfg-options", *resumed]) == 0
    assert torch.load(work / f"iter_{iters + 1}.pth", weights_only=True)["meta"]["iter"] == iters + 1


@pytest.mark.parametrize("config", sorted(ABLATIONS))
def test_ablation_config_changes_only_what_it_names(config, corpus):
    base_path, change = ABLATIONS[config]
    base, ablation = _shrunk(CONFIGS / base_path, corpus), _shrunk(CONFIGS / config, corpus)
    base_terms, terms = _terms(base), _terms(ablation)
    if isinstance(change, list):  # a training-schedule ablation: fewer stages, the same terms in each
        assert list(terms) == change and all(terms[s] == base_terms[s] for s in change)
        return
    assert list(terms) == list(base_terms)
    assert change <= set().union(*base_terms.values())
    assert all(terms[s] == base_terms[s] - change for s in terms)
    generator, base_generator = ablation.model.generator, base.model.generator
    if not change:  # without channel attention
        assert base_generator.completion.channel_attention and base_generator.sr.channel_attention
        assert not generator.completion.channel_attention and not generator.sr.channel_attention
    else:
        assert generator == base_generator


ALL_CONFIGS = sorted(
    str(p.relative_to(CONFIGS)) for p in CONFIGS.rglob("*.py") if p.parts[-2] not in ("_base_", "benchmarks")
)


@pytest.mark.parametrize("config", ALL_CONFIGS)
def test_every_shipped_config_builds_its_restorer(config, corpus):
    """Every training config in configs/ loads and builds (at tiny widths), so none rots unnoticed."""
    from mmengine.registry import init_default_scope

    from facerestore.registry import MODELS

    init_default_scope("facerestore")
    restorer = MODELS.build(_shrunk(CONFIGS / config, corpus).model)
    if type(restorer).__name__ == "OcclusionTrainer":
        assert restorer.generator.kind == "occlusion"
    else:
        assert restorer.stages and all(s.loss.losses for s in restorer.stages)


@pytest.mark.parametrize("path", sorted(CONFIGS.glob("benchmarks/[a-z]*.py")), ids=lambda p: p.name)
def test_every_benchmark_set_is_well_formed(path, corpus):
    from facerestore.benchmark import check_set

    benchmark = load_config(path, data_root=str(corpus))
    check_set(benchmark)
    assert all(
        m.get("protocols", []) == [] or set(m["protocols"]) <= {p["name"] for p in benchmark.protocols}
        for m in benchmark.methods
    )
