"""Devices and precisions: ``placement`` (the CLI's --device/--dtype), ``from_pretrained(device=, dtype=)`` and the
float32 fallback of a reduced-precision restore whose output holds NaN or Inf."""

import copy

import numpy as np
import pytest
import torch

import facerestore as fr
from facerestore.cli import main
from facerestore.models.base import compile_restore, placement


def test_placement_resolves_auto_and_names_what_is_wrong():
    cpu = torch.device("cpu")
    if not torch.cuda.is_available():
        assert placement() == (cpu, torch.float32)
        with pytest.raises(ValueError, match="'cuda:1': this machine has 0 CUDA device"):
            placement("cuda:1")
    assert placement("cpu", "bf16") == (cpu, torch.bfloat16)
    assert placement("cpu", torch.float16) == (cpu, torch.float16)
    with pytest.raises(ValueError, match="device 'gpu': expected auto, cpu, cuda or cuda:N"):
        placement("gpu")
    with pytest.raises(ValueError, match="dtype 'fp64': expected auto, fp32, fp16, bf16"):
        placement("cpu", "fp64")


def test_from_pretrained_places_the_model():
    model = fr.from_pretrained("default", device="cpu", dtype="bf16")
    assert {p.dtype for p in model.parameters()} == {torch.bfloat16}
    face = np.random.default_rng(0).integers(0, 256, (32, 32, 3), dtype=np.uint8)
    full = fr.from_pretrained("default").restore(face)
    assert np.abs(model.restore(face).astype(int) - full.astype(int)).max() <= 8


def test_a_reduced_precision_overflow_is_redone_in_float32():
    """Weights that overflow fp16 (65504) but not fp32: the fp16 batch gives Inf, so it is restored again in
    float32, with a warning, and the result is what the same weights give in float32."""
    model = fr.build_model("SRResNet", scale=4, num_feat=4, num_block=1).eval()
    with torch.no_grad():
        for weight in model.parameters():
            weight.mul_(50)  # activations grow 50× a layer: past fp16's 65504, far below fp32's 3e38
    faces = torch.rand(2, 3, 32, 32, generator=torch.Generator().manual_seed(0))
    half = model.half()
    expected = copy.deepcopy(half).float().restore(faces)  # the same (fp16-rounded) weights, in float32
    with torch.no_grad():
        assert not torch.isfinite(half.restore_batch(faces.half(), None)).all()
    with pytest.warns(UserWarning, match=r"torch.float16 gave NaN or Inf: computing again in float32"):
        got = half.restore(faces)
    assert torch.equal(got, expected)
    assert {p.dtype for p in half.parameters()} == {torch.float16}  # the caller's model is left as it was


def test_cli_device_and_dtype(tmp_path, capsys):
    face = "samples/lr/10003.png"
    assert main(["restore", face, "-o", str(tmp_path / "fp16"), "--dtype", "fp16"]) == 0
    assert (tmp_path / "fp16" / "10003.png").is_file()
    assert main(["restore", face, "-o", str(tmp_path / "x"), "--device", "gpu"]) == 2
    assert "--device gpu --dtype auto: device 'gpu': expected auto, cpu, cuda or cuda:N" in capsys.readouterr().err


def test_a_compiled_restore_equals_the_eager_one():
    """``--compile``: torch.compile (inductor, frozen weights) of restore_batch, outputs equal to 1e-4."""
    torch.manual_seed(0)
    model = fr.build_model("SRResNet", scale=4, num_feat=4, num_block=1).eval()
    faces = torch.rand(2, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    eager = model.restore(faces)
    compiled = compile_restore(copy.deepcopy(model))
    assert (compiled.restore(faces) - eager).abs().max() < 1e-4
    assert "restore_batch" not in vars(model)  # the original is untouched


def test_compile_is_refused_for_onnx_runtime(tmp_path, capsys):
    args = ["restore", "samples/lr/10003.png", "-o", str(tmp_path), "--backend", "onnxruntime", "--compile"]
    assert main(args) == 2
    assert "--compile compiles the torch model; ONNX Runtime optimises its graph itself" in capsys.readouterr().err
