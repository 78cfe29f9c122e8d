"""Training through the mmengine Runner: the two-stage schedule, loss logging, weights-only resume, test."""

import copy
import json
import time
from pathlib import Path

import numpy as np
import pytest
import torch

import facerestore as fr
from facerestore.cli import main
from facerestore.engine.runner import build_runner, load_config, load_generator_weights, train

CONFIG = Path(__file__).with_name("tiny_config.py")


@pytest.fixture
def cfg(face_folder):
    return load_config(CONFIG, data_root=str(face_folder))


def test_two_stage_schedule_logs_every_term_and_saves_the_model(cfg, tmp_path):
    cfg.train_cfg.max_iters = 3  # stage 1 only: the SR module must not learn
    initial = build_runner(cfg, tmp_path / "init").model.generator.state_dict()
    runner, final = train(cfg, work_dir=tmp_path / "run")
    trained = runner.model.generator.state_dict()
    sr_keys = [k for k in trained if k.startswith("sr.")]
    fc_keys = [k for k in trained if k.startswith("completion.") and trained[k].is_floating_point()]
    assert all(torch.equal(initial[k], trained[k]) for k in sr_keys)
    assert any(not torch.equal(initial[k], trained[k]) for k in fc_keys)
    logged = set(runner.message_hub.log_scalars)
    assert {
        "train/loss",
        "train/pixel_valid_lr_restored",
        "train/pixel_hole_lr_restored",
        "train/smooth_lr_composite",
    } <= logged
    model = fr.from_pretrained(final)
    assert model.config == runner.model.generator.config


def test_resume_loads_checkpoints_weights_only(cfg, tmp_path):
    work = tmp_path / "run"
    cfg.train_cfg.max_iters = 3
    train(cfg.copy(), work_dir=work)
    checkpoint = torch.load(work / "iter_3.pth", weights_only=True)  # what resume needs, no unpickling
    assert checkpoint["meta"]["iter"] == 3
    cfg.train_cfg.max_iters = 6
    runner, _ = train(cfg, work_dir=work, resume=True)
    assert runner.iter == 6
    assert "train/pixel_sr" in runner.message_hub.log_scalars  # the joint stage ran after the resume
    # The first three iterations' losses came back from the checkpoint.
    assert len(runner.message_hub.get_scalar("train/loss").data[0]) == 6


def test_runners_of_one_config_keep_their_own_history(cfg, tmp_path, monkeypatch):
    """mmengine shares a message hub and logger between runners of the same name, which it takes from the config
    file and the start time to the second: two runners of one config started in the same second (a run and its
    resume, on a fast machine) must still get their own. The clock is held still so that they do."""
    monkeypatch.setattr(time, "time", lambda: 1_780_000_000.0)
    first, second = (build_runner(cfg, tmp_path / name) for name in ("a", "b"))
    assert first.timestamp == second.timestamp
    assert first.message_hub is not second.message_hub and first.logger is not second.logger


def test_load_from_a_model_directory_starts_the_generator_there(cfg, tmp_path):
    """A second leg of training: the generator starts from a model directory, with a new optimiser."""
    cfg.train_cfg.max_iters = 2
    _, first = train(cfg.copy(), work_dir=tmp_path / "leg1")
    second = cfg.copy()
    second.load_from = str(first)
    second.optim_wrapper.optimizer.lr = 0.0  # nothing learns: the result must equal the start
    second.model.stages = [second.model.stages[-1]]
    runner, final = train(second, work_dir=tmp_path / "leg2")
    started, ended = (dict(fr.from_pretrained(d).named_parameters()) for d in (first, final))
    assert all(torch.equal(started[k], ended[k]) for k in started)  # (BN statistics still move in training)
    fresh = dict(build_runner(cfg, tmp_path / "fresh").model.generator.named_parameters())
    assert not all(torch.equal(started[k], fresh[k]) for k in started)
    assert runner.iter == 2


def test_load_from_strict_false_starts_the_tensors_that_fit(cfg, tmp_path):
    """A model of the same family but another shape (here one more SR block) starts every tensor whose name and
    shape fit; the rest keep their initialisation; a model with nothing that fits is refused."""
    cfg.train_cfg.max_iters = 1
    cfg.model.stages = [cfg.model.stages[-1]]
    cfg.optim_wrapper.optimizer.lr = 0.0
    _, donor = train(cfg.copy(), work_dir=tmp_path / "donor")
    deeper = cfg.copy()
    deeper.model.generator.sr.num_block = 2
    deeper.load_from, deeper.load_from_strict = str(donor), False
    _, final = train(deeper, work_dir=tmp_path / "deeper")
    given, started = (dict(fr.from_pretrained(d).named_parameters()) for d in (donor, final))  # not BN statistics
    fitting = [k for k in started if k in given and given[k].shape == started[k].shape]
    assert len(fitting) > 10 and all(torch.equal(given[k], started[k]) for k in fitting)
    assert any(k not in given for k in started)  # the second block: initialised, not taken from anywhere
    with pytest.raises(KeyError, match="4 tensors differ"):  # strict, as by default: the extra block does not fit
        strict = cfg.copy()
        strict.model.generator.sr.num_block = 2
        strict.load_from = str(donor)
        train(strict, work_dir=tmp_path / "strict")
    estimator = fr.build_model("OcclusionUNet", width=4, depth=2)  # another family: no name in common
    alien = cfg.copy()
    alien.load_from, alien.load_from_strict = str(fr.save_pretrained(estimator, tmp_path / "estimator")), False
    with pytest.raises(KeyError, match="has no tensor that fits"):
        train(alien, work_dir=tmp_path / "alien")


def test_load_from_widen_starts_a_wider_generator_that_computes_the_same(cfg, tmp_path):
    """A wider generator of the same layout (here SRResNet's 8 features → 12) starts from a narrower one: its
    tensors hold the narrower ones in their leading slices, its new channels are computed but read with weight
    zero, so it restores exactly as the narrower one did; narrowing, a layout whose widening changes the outputs
    (PConv's concatenated skips) and a training checkpoint are refused."""
    cfg.train_cfg.max_iters = 1
    cfg.model.stages = [cfg.model.stages[-1]]
    cfg.optim_wrapper.optimizer.lr = 0.0
    _, donor = train(cfg.copy(), work_dir=tmp_path / "donor")
    wider = copy.deepcopy(cfg)  # (Config.copy is shallow: the nested model dict would be shared)
    wider.model.generator.sr.num_feat = 12
    wider.load_from, wider.load_from_widen = str(donor), True
    _, final = train(wider.copy(), work_dir=tmp_path / "wider")
    given, started = (dict(fr.from_pretrained(d).named_parameters()) for d in (donor, final))
    grown = [k for k in given if given[k].shape != started[k].shape]
    assert len(grown) > 4
    assert all(torch.equal(started[k][tuple(slice(0, n) for n in given[k].shape)], given[k]) for k in given)
    first_conv = started["sr.conv_first.weight"]  # new output channels, fresh; its input (the image) did not grow
    assert first_conv[8:].abs().sum() > 0
    body = started["sr.body.0.conv1.weight"]
    assert body[:, 8:].abs().sum() == 0 and body[8:, :8].abs().sum() > 0

    narrow = fr.from_pretrained(donor).eval()
    widened = fr.build_model(wider.model.generator.to_dict())
    load_generator_weights(widened, donor, widen=True)
    lr, mask = narrow.example_inputs()
    with torch.no_grad():
        assert torch.allclose(narrow(lr, mask)["sr"], widened.eval()(lr, mask)["sr"], atol=1e-5)

    with pytest.raises(KeyError, match=r"sr.conv_first.weight is \(12, 3, 3, 3\), which does not grow"):
        load_generator_weights(fr.build_model(cfg.model.generator.to_dict()), final, widen=True)
    pconv = copy.deepcopy(cfg)
    pconv.model.generator.completion.base_channels = 6
    with pytest.raises(ValueError, match="changes what it computes"):
        load_generator_weights(fr.build_model(pconv.model.generator.to_dict()), donor, widen=True)
    with pytest.raises(ValueError, match="starts from a model directory"):
        load_generator_weights(widened, tmp_path / "donor" / "iter_1.pth", widen=True)


def test_test_command_prints_and_writes_the_table(cfg, face_folder, tmp_path, capsys):
    cfg.train_cfg.max_iters = 2
    _, final = train(cfg, work_dir=tmp_path / "run")
    out = tmp_path / "metrics"
    code = main(
        [
            "test",
            str(CONFIG),
            "--data-root",
            str(face_folder),
            "--checkpoint",
            str(final),
            "--work-dir",
            str(tmp_path / "test"),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    table = capsys.readouterr().out
    saved = json.loads(out.with_suffix(".json").read_text())["metrics"]
    assert set(saved) == {"PSNR", "SSIM", "bicubic/PSNR"}
    for name, value in saved.items():
        assert f"{value:.4f}" in table and name in table
    assert out.with_suffix(".csv").read_text().splitlines()[0] == "metric,value"
    # The same weights as a training checkpoint give the same numbers.
    arguments = [
        "test",
        str(CONFIG),
        "--data-root",
        str(face_folder),
        "--checkpoint",
        str(tmp_path / "run" / "iter_2.pth"),
    ]
    arguments += ["--work-dir", str(tmp_path / "test2"), "--out", str(tmp_path / "m2")]
    main(arguments)
    assert json.loads((tmp_path / "m2.json").read_text())["metrics"] == saved
    # In bf16 the generator runs in reduced precision: close to the float32 numbers, not equal, and recorded.
    main([*arguments[:-1], str(tmp_path / "bf16"), "--dtype", "bf16"])
    in_bf16 = json.loads((tmp_path / "bf16.json").read_text())
    assert in_bf16["settings"]["dtype"] == "torch.bfloat16"
    assert in_bf16["metrics"]["PSNR"] == pytest.approx(saved["PSNR"], abs=0.5)
    assert in_bf16["metrics"]["PSNR"] != saved["PSNR"]
    assert main([*arguments, "--device", "cuda:7"]) == 2
    assert "--device cuda:7 --dtype auto: device 'cuda:7'" in capsys.readouterr().err


def test_fishfsrnet_two_steps_train_parsingnet_then_the_sr_module(face_folder, tmp_path):
    """FishFSRNet §IV-B: ParsingNet learns alone (FishFSRNet not even run), then FishFSRNet on its frozen estimates."""
    from helpers import synthetic_face

    landmarks = np.stack([synthetic_face(angle).numpy() for angle in range(0, 12 * 3, 3)])
    np.savez(face_folder / "landmarks.npz", index=np.arange(12), landmarks=landmarks)
    cfg = load_config(Path(__file__).with_name("tiny_fish_config.py"), data_root=str(face_folder))
    initial = build_runner(cfg, tmp_path / "init").model.generator.state_dict()
    cfg.train_cfg.max_iters = 2
    cfg.default_hooks.checkpoint = dict(type="CheckpointHook", by_epoch=False, interval=2)
    runner, _ = train(cfg.copy(), work_dir=tmp_path / "run")
    after_parsing = {k: v.clone() for k, v in runner.model.generator.state_dict().items()}
    cfg.train_cfg.max_iters = 4
    runner, _ = train(cfg, work_dir=tmp_path / "run", resume=True)
    final = runner.model.generator.state_dict()

    def changed(a, b):
        return {k.split(".")[0] for k, v in a.items() if v.is_floating_point() and not torch.equal(v, b[k])}

    assert changed(initial, after_parsing) == {"prior"}  # step 1: ParsingNet alone
    assert changed(after_parsing, final) == {"sr"}  # step 2: FishFSRNet, ParsingNet frozen
    logged = runner.message_hub.log_scalars
    assert len(logged["train/pixel_prior_parsing_lr"].data[0]) == 2
    assert len(logged["train/pixel_sr"].data[0]) == 2


def test_gan_training_with_a_critic_and_gradient_penalty_resumes(face_folder, tmp_path):
    """WGAN-GP inside the Runner: D learns every iteration, G every n_critic-th, each with its own optimiser."""
    cfg = load_config(Path(__file__).with_name("tiny_gan_config.py"), data_root=str(face_folder))
    initial = build_runner(cfg, tmp_path / "init").model.state_dict()
    cfg.train_cfg.max_iters = 2
    train(cfg.copy(), work_dir=tmp_path / "run")
    checkpoint = torch.load(tmp_path / "run" / "iter_2.pth", weights_only=True)
    assert set(checkpoint["optimizer"]) == {"generator", "discriminator"}
    cfg.train_cfg.max_iters = 4
    runner, _ = train(cfg, work_dir=tmp_path / "run", resume=True)
    logged = runner.message_hub.log_scalars
    assert len(logged["train/d_loss"].data[0]) == 4 and len(logged["train/d_gp"].data[0]) == 4
    assert len(logged["train/adv_sr"].data[0]) == 2  # iterations 0 and 2 (n_critic = 2)
    for key in ("train/d_loss", "train/d_gp", "train/adv_sr", "train/pixel_sr"):
        assert np.isfinite(logged[key].data[0]).all()
    final = runner.model.state_dict()
    for part in ("discriminator.", "generator."):
        assert any(not torch.equal(v, initial[k]) for k, v in final.items() if k.startswith(part))


def test_an_adversarial_term_needs_a_discriminator():
    from facerestore.engine import FaceRestorer

    stage = dict(name="joint", losses=[dict(type="AdversarialLoss", pred="sr", target="hr_gt")])
    generator = dict(type="CompoundGenerator", sr=dict(type="SRResNet", scale=8, num_feat=4, num_block=1))
    with pytest.raises(ValueError, match="judged by discriminator 'main', which is not configured .*none"):
        FaceRestorer(generator=generator, stages=[stage])
    with pytest.raises(TypeError, match="discriminator 'main' must be a discriminator"):
        FaceRestorer(generator=generator, stages=[stage], discriminator=dict(type="ParsingNet", num_feat=4))
    two = dict(name="joint", losses=[dict(stage["losses"][0], name="a"), dict(stage["losses"][0], name="b")])
    with pytest.raises(ValueError, match="each discriminator takes one adversarial term"):
        FaceRestorer(generator=generator, stages=[two], discriminator=dict(type="PatchGANDiscriminator", ndf=4))
