"""Every registered model, enrolled automatically: forward, backward, save/load round trip, restore."""

import pytest
import torch

import facerestore as fr
from facerestore.registry import MODEL_KINDS, MODELS

ENROLLED = sorted(name for names in fr.list_models().values() for name in names)


def _build(name):
    for module in getattr(MODELS.get(name), "requires", ()):  # an optional extra's model
        pytest.importorskip(module)
    torch.manual_seed(0)
    return fr.build_model(name, **MODELS.get(name).tiny_config)


def _run(model, inputs):
    """The model's output as one tensor: the first of a tuple, every entry of a dict concatenated."""
    out = model(*inputs)
    if isinstance(out, tuple):
        return out[0]
    if isinstance(out, dict):
        return torch.cat([v.flatten() for _, v in sorted(out.items())])
    return out


def test_every_kind_has_a_model():
    assert set(fr.list_models()) == set(MODEL_KINDS)
    assert ENROLLED, "no model registered"


@pytest.mark.parametrize("name", ENROLLED)
def test_forward_backward(name):
    model = _build(name)
    y = _run(model, model.example_inputs())
    assert torch.isfinite(y).all()
    y.mean().backward()
    grads = [p.grad for p in model.parameters() if p.requires_grad]
    assert grads and all(g is not None for g in grads), "some parameters get no gradient"


@pytest.mark.parametrize("name", ENROLLED)
def test_save_load_round_trip_is_bit_exact(name, tmp_path):
    model = _build(name)
    # Move every BN statistic off its initial value so the round trip covers buffers too.
    model.train()
    inputs = model.example_inputs()
    with torch.no_grad():
        _run(model, inputs)
    model.eval()
    fr.save_pretrained(model, tmp_path / "m")
    assert sorted(p.name for p in tmp_path.joinpath("m").iterdir()) == ["config.json", "model.safetensors"]
    loaded = fr.from_pretrained(tmp_path / "m")
    assert type(loaded) is type(model)
    assert loaded.config == model.config
    with torch.no_grad():
        assert torch.equal(_run(model, inputs), _run(loaded, inputs))


@pytest.mark.parametrize("name", ENROLLED)
def test_restore_keeps_kind_and_layout(name):
    model = _build(name)
    if model.kind not in ("completion", "sr", "compound"):
        pytest.skip(f"{model.kind} modules do not restore images")
    if getattr(model, "needs_prior", None):
        with pytest.raises(RuntimeError, match="CompoundGenerator"):
            model.restore(*model.example_inputs()[:1])
        return
    size = model.input_size or 16
    x = torch.rand(2, 3, size, size)
    mask = torch.ones(2, 1, size, size)
    mask[..., : size // 2, : size // 2] = 0
    out = model.restore(x, mask, batch_size=1)
    assert isinstance(out, torch.Tensor) and out.shape[0] == 2 and out.min() >= 0 and out.max() <= 1
    arr = (x.permute(0, 2, 3, 1).numpy() * 255).astype("uint8")
    out_np = model.restore(arr[0], mask[0, 0].numpy())
    assert out_np.dtype.name == "uint8" and out_np.shape[-1] == 3 and out_np.ndim == 3
    if model.input_size is not None:
        with pytest.raises(ValueError, match="takes|built for"):
            model.restore(torch.rand(1, 3, size + 4, size + 4))
