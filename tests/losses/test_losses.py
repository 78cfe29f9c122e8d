import huggingface_hub.constants
import pytest
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

from facerestore.losses import (
    PerceptualLoss,
    SmoothLoss,
    StyleLoss,
    TotalLoss,
    VGG16Features,
    gram_matrix,
)
from facerestore.losses.perceptual import VGG16_LAYERS
from facerestore.registry import LOSSES


def _data(size=8, n=2, seed=0):
    g = torch.Generator().manual_seed(seed)
    mask = torch.ones(n, 1, size, size)
    mask[:, :, : size // 2, : size // 2] = 0  # a quarter of the image is a hole
    return {
        "lr_restored": torch.rand(n, 3, size, size, generator=g),
        "lr_gt": torch.rand(n, 3, size, size, generator=g),
        "mask": mask,
    }


def _pixel(**kw):
    return LOSSES.build(dict(dict(type="PixelLoss", pred="lr_restored", target="lr_gt"), **kw))


def test_pixel_loss_plain_and_split():
    data = _data()
    diff = data["lr_restored"] - data["lr_gt"]
    plain, hole, valid = _pixel()(data), _pixel(region="hole")(data), _pixel(region="valid")(data)
    torch.testing.assert_close(plain, diff.abs().mean())
    torch.testing.assert_close(_pixel(criterion="l2")(data), diff.pow(2).mean())
    # averaged over all elements: the regions add up to the plain loss, each is its mean × its area fraction
    torch.testing.assert_close(hole + valid, plain)
    torch.testing.assert_close(hole, 0.25 * diff[:, :, :4, :4].abs().mean())
    torch.testing.assert_close(
        valid, 0.75 * (diff.abs().sum() - diff[:, :, :4, :4].abs().sum()) / (0.75 * diff.numel())
    )


def test_pixel_loss_resizes_the_mask():
    data = _data(size=4)
    data["mask"] = torch.ones(2, 1, 8, 8)
    data["mask"][:, :, 0, 0] = 0  # one occluded HR pixel makes LR pixel (0, 0) a hole (min-pooling)
    diff = (data["lr_restored"] - data["lr_gt"])[:, :, 0, 0]
    torch.testing.assert_close(_pixel(region="hole")(data), diff.abs().sum() / (2 * 3 * 16))


def test_default_and_given_names():
    assert _pixel().name == "pixel_lr_restored"
    assert _pixel(region="hole", weight=6).name == "pixel_hole_lr_restored"
    assert _pixel(name="l1").name == "l1"
    assert SmoothLoss(pred="lr_composite").name == "smooth_lr_composite"
    style = StyleLoss(pred="lr_composite", target="lr_gt", weight=120, vgg_weights="random", layers=("pool1",))
    assert (style.name, style.weight) == ("style_lr_composite", 120.0)


def test_shape_mismatch_and_missing_keys():
    data = _data()
    data["sr"] = torch.rand(2, 3, 16, 16)
    loss = _pixel(target="sr")
    with pytest.raises(ValueError, match=r"pred 'lr_restored' has shape \(2, 3, 8, 8\) but target 'sr' has shape "):
        loss(data)
    with pytest.raises(KeyError, match=r"reads data\['hr_gt'\], which is missing; keys present: \['lr_gt', 'lr_"):
        _pixel(target="hr_gt")(data)
    del data["mask"]
    with pytest.raises(KeyError, match=r"data\['mask'\]"):
        _pixel(region="hole")(data)


def test_bad_options():
    with pytest.raises(ValueError, match="criterion"):
        _pixel(criterion="l3")
    with pytest.raises(ValueError, match="region"):
        _pixel(region="border")
    with pytest.raises(ValueError, match="VGG16 layers must be names from"):
        VGG16Features(layers=("pool9",), weights="random")
    with pytest.raises(TypeError, match="no argument 'target'"):
        LOSSES.build(dict(type="SmoothLoss", pred="lr_composite", target="lr_gt"))


def test_smooth_loss_by_hand():
    x = torch.tensor([[0.0, 1.0, 3.0], [2.0, 2.0, 2.0]]).view(1, 1, 2, 3)
    # horizontal |Δ|: 1, 2, 0, 0 -> 0.75; vertical |Δ|: 2, 1, 1 -> 4/3
    assert SmoothLoss(pred="x")({"x": x}).item() == pytest.approx(0.75 + 4 / 3)


def test_smooth_loss_in_a_region_by_hand():
    # x's differences: along rows |1|, |2|, |0|, |0|; down columns |2|, |1|, |1|. The hole is pixel (0, 0) only.
    x = torch.tensor([[0.0, 1.0, 3.0], [2.0, 2.0, 2.0]]).view(1, 1, 2, 3)
    mask = torch.ones(1, 1, 2, 3)
    mask[..., 0, 0] = 0
    data = {"x": x, "mask": mask}
    # "hole": only the steps that touch the hole pixel, (0,0)->(0,1) and (0,0)->(1,0), averaged over all steps
    assert SmoothLoss(pred="x", region="hole")(data).item() == pytest.approx(1 / 4 + 2 / 3)
    # "valid": every step with a known pixel at one end, which here is all of them: the plain loss
    assert SmoothLoss(pred="x", region="valid")(data).item() == pytest.approx(SmoothLoss(pred="x")(data).item())
    assert SmoothLoss(pred="x", region="hole").name == "smooth_hole_x"
    with pytest.raises(ValueError, match="SmoothLoss region must be None, 'hole' or 'valid', got 'edge'"):
        SmoothLoss(pred="x", region="edge")


def test_gram_matrix():
    f = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).view(1, 2, 1, 2)
    torch.testing.assert_close(gram_matrix(f), torch.tensor([[[5.0, 11.0], [11.0, 25.0]]]) / 4)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        assert gram_matrix(f.repeat(1, 1, 8, 8)).dtype == torch.float32


def test_vgg16_layer_table():
    names = ("relu1_2", "pool1", "pool2", "relu3_3", "pool3", "relu5_3", "pool5")
    assert [VGG16_LAYERS[k] for k in names] == [3, 4, 9, 15, 16, 29, 30]


@pytest.mark.parametrize("cls", [PerceptualLoss, StyleLoss])
def test_random_weights_give_a_differentiable_frozen_loss(cls):
    loss = cls(pred="lr_restored", target="lr_gt", vgg_weights="random", layers=("relu1_2", "pool2"))
    data = _data(size=8)
    data["lr_restored"].requires_grad_(True)
    value = loss(data)
    assert value.ndim == 0 and value.item() > 0
    value.backward()
    assert data["lr_restored"].grad.abs().sum() > 0
    assert list(loss.parameters()) == [] and loss.state_dict() == {}
    assert not loss.train().vgg.training
    same = dict(data, lr_gt=data["lr_restored"].detach())
    assert loss(same).item() == pytest.approx(0.0, abs=1e-6)


def test_perceptual_is_the_sum_over_layers():
    vgg = VGG16Features(layers=("relu1_2", "pool1", "relu2_2"), weights="random")
    loss = PerceptualLoss(pred="a", target="b", layers=vgg.layers, vgg_weights="random")
    loss.vgg = vgg
    a, b = torch.rand(1, 3, 8, 8), torch.rand(1, 3, 8, 8)
    fa, fb = vgg(a), vgg(b)
    assert [f.shape[1:] for f in fa] == [(64, 8, 8), (64, 4, 4), (128, 4, 4)]
    torch.testing.assert_close(loss({"a": a, "b": b}), sum(F.l1_loss(x, y) for x, y in zip(fa, fb)))


def _random_vgg_state(last: int) -> dict[str, torch.Tensor]:
    """A VGG16 ``features`` state dict up to layer ``last``, keyed as timm and torchvision save it."""
    vgg = VGG16Features(layers=(next(k for k, i in VGG16_LAYERS.items() if i == last),), weights="random")
    return {f"features.{k}": v.clone() for k, v in vgg.features.named_buffers()}


def _features_state(loss) -> dict[str, torch.Tensor]:
    return {f"features.{k}": v for k, v in loss.vgg.features.named_buffers()}


def test_weights_from_a_file(tmp_path):
    state = _random_vgg_state(4)
    save_file(state, tmp_path / "vgg.safetensors")
    torch.save(state, tmp_path / "vgg.pth")
    for name in ("vgg.safetensors", "vgg.pth"):
        loss = PerceptualLoss(pred="a", target="b", layers=("pool1",), vgg_weights=tmp_path / name)
        assert _features_state(loss).keys() == state.keys()
        for k, v in _features_state(loss).items():
            assert torch.equal(v, state[k])
    with pytest.raises(RuntimeError, match=r"lacks features\.5\.weight, features\.5\.bias, features\.7"):
        StyleLoss(pred="a", target="b", layers=("pool2",), vgg_weights=tmp_path / "vgg.pth")
    with pytest.raises(FileNotFoundError, match="nowhere.pth"):
        StyleLoss(pred="a", target="b", vgg_weights=tmp_path / "nowhere.pth")


def test_normalize_input(tmp_path):
    save_file(_random_vgg_state(4), tmp_path / "vgg.safetensors")
    kw = dict(pred="a", target="b", layers=("pool1",), vgg_weights=str(tmp_path / "vgg.safetensors"))
    plain, normalized = PerceptualLoss(**kw), PerceptualLoss(normalize_input=True, **kw)
    a, b = torch.rand(1, 3, 8, 8), torch.rand(1, 3, 8, 8)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    torch.testing.assert_close(normalized({"a": a, "b": b}), plain({"a": (a - mean) / std, "b": (b - mean) / std}))


def test_weights_from_the_hugging_face_cache_only(tmp_path, monkeypatch):
    # huggingface_hub reads the HF_HUB_CACHE variable at import; its constant is what the lookup uses
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(RuntimeError) as missing:
        PerceptualLoss(pred="a", target="b")
    message = str(missing.value)
    assert "vgg_weights='/path/to/vgg16.safetensors'" in message
    assert "hf download timm/vgg16.tv_in1k model.safetensors" in message

    repo = tmp_path / "models--timm--vgg16.tv_in1k"
    revision = "0123456789abcdef0123456789abcdef01234567"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(revision)
    (repo / "snapshots" / revision).mkdir(parents=True)
    state = _random_vgg_state(9)
    save_file(state, repo / "snapshots" / revision / "model.safetensors")
    loss = StyleLoss(pred="a", target="b", layers=("pool1", "pool2"))
    for k, v in _features_state(loss).items():
        assert torch.equal(v, state[k])


def test_total_loss():
    data = _data()
    total = LOSSES.build(
        dict(
            type="TotalLoss",
            losses=[
                dict(type="PixelLoss", weight=6, pred="lr_restored", target="lr_gt", region="hole"),
                dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt", region="valid"),
                SmoothLoss(weight=0.1, pred="lr_restored"),
            ],
        ),
    )
    value, terms = total(data)
    assert list(terms) == ["pixel_hole_lr_restored", "pixel_valid_lr_restored", "smooth_lr_restored"]
    torch.testing.assert_close(terms["pixel_hole_lr_restored"], 6 * _pixel(region="hole")(data))
    torch.testing.assert_close(terms["smooth_lr_restored"], 0.1 * SmoothLoss(pred="lr_restored")(data))
    torch.testing.assert_close(value, sum(terms.values()))
    with pytest.raises(ValueError, match=r"duplicate loss names \['pixel_lr_restored'\]"):
        TotalLoss([dict(type="PixelLoss", pred="lr_restored", target="lr_gt")] * 2)
