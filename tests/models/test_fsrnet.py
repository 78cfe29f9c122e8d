"""FSRNet / FSRNet-CA: full-size parameter counts against docs/architecture-notes.md §2.3 / §8, tiny forwards."""

import pytest
import torch

import facerestore as fr
from facerestore.complexity import count_params
from facerestore.imaging import bicubic_resize
from facerestore.models.blocks import ChannelAttention
from facerestore.models.sr.fsrnet import Bottleneck, FSRNet, Hourglass

TINY = FSRNet.tiny_config


def _num_ca(model):
    return sum(isinstance(m, ChannelAttention) for m in model.modules())


@pytest.mark.parametrize(
    "cfg, expected",
    [
        (dict(num_landmarks=81), 27_517_794),  # the FCSR-GAN code (SeetaFace 81 points), ✓ exact in §8
        (dict(num_landmarks=68), 27_508_629),
        (dict(num_landmarks=81, channel_attention=True), 27_528_234),  # FSRNet-CA, 18 RCAB(64, 16)
        (dict(num_landmarks=68, channel_attention=True), 27_519_069),
    ],
)
def test_heavy_parameter_count_is_exact(cfg, expected):
    assert count_params(fr.build_model("FSRNet", **cfg)) == expected


def test_light_parameter_count():
    """§8 gives 3 263 691 (3.26 M) for the unshared cs-giung port: parsing head only, no conv biases.

    Ours adds a 68-map landmark head (8 772) and keeps the biases of the heavy layout: 3 271 061 (+0.23 %).
    """
    model = fr.build_model("FSRNet", prior="light")
    assert count_params(model) == 3_271_061
    assert count_params(model) == pytest.approx(3_263_691, rel=0.01)
    assert model.depth == 3 and model.decoder[0][0].in_channels == 64 + 128


def test_heavy_hourglass_has_52_bottlenecks_of_214528_parameters():
    hourglass = Hourglass(256, depth=4, blocks=4)
    bottlenecks = [m for m in hourglass.modules() if isinstance(m, Bottleneck)]
    assert len(bottlenecks) == 52
    assert {count_params(b) for b in bottlenecks} == {214_528}


@pytest.mark.parametrize("prior", ["heavy", "light"])
def test_channel_attention_adds_one_ca_to_each_of_the_18_residual_blocks(prior):
    plain = fr.build_model("FSRNet", prior=prior, **TINY)
    ca = fr.build_model("FSRNet", prior=prior, channel_attention=True, **TINY)
    assert _num_ca(plain) == 0 and _num_ca(ca) == 18
    for part, blocks in (("coarse", 3), ("encoder", 12), ("decoder", 3)):
        assert sum(isinstance(m, ChannelAttention) for m in getattr(ca, part).modules()) == blocks


@pytest.mark.parametrize("prior", ["heavy", "light"])
def test_outputs(prior):
    torch.manual_seed(0)
    model = fr.build_model("FSRNet", prior=prior, **TINY).eval()
    with torch.no_grad():
        out = model(torch.rand(1, 3, 128, 128))
    assert list(out) == ["sr_coarse", "prior_landmarks", "prior_parsing", "sr"]
    assert out["sr_coarse"].shape == out["sr"].shape == (1, 3, 128, 128)
    assert out["prior_landmarks"].shape == (1, TINY["num_landmarks"], 64, 64)
    assert out["prior_parsing"].shape == (1, TINY["num_parsing"], 64, 64)
    assert out["prior_landmarks"].min() > 0 and out["prior_landmarks"].max() < 1  # sigmoid heatmaps
    assert out["prior_parsing"].min() < 0  # logits, no activation


def test_rejects_sizes_the_hourglasses_cannot_pool():
    model = fr.build_model("FSRNet", **TINY)  # depth 2: sides must divide by 8
    with pytest.raises(ValueError, match="divisible by 8"):
        model(torch.rand(1, 3, 100, 100))
    with pytest.raises(ValueError, match="N×3×H×W"):
        model(torch.rand(1, 1, 128, 128))


@pytest.mark.parametrize("size", [8, 20, 32])
def test_restore_upsamples_lr_faces_of_any_size(size):
    torch.manual_seed(0)
    model = fr.build_model("FSRNet", **TINY).eval()
    assert model.input_size is None and model.input_space == "upsampled"
    lr = torch.rand(1, 3, size, size)
    out = model.restore(lr)
    with torch.no_grad():
        expected = model(bicubic_resize(lr, 128))["sr"].clamp(0, 1)
    assert out.shape == (1, 3, 128, 128)
    torch.testing.assert_close(out, expected)


def test_in_a_compound_generator():
    torch.manual_seed(0)
    gen = fr.build_model(
        "CompoundGenerator",
        completion=dict(type="PConvUNet", input_size=32, base_channels=4),
        sr=dict(type="FSRNet", channel_attention=True, **TINY),
    ).eval()
    lr, mask = torch.rand(1, 3, 32, 32), torch.ones(1, 1, 32, 32)
    with torch.no_grad():
        out = gen(lr, mask)
    assert {"sr_coarse", "prior_landmarks", "prior_parsing", "sr"} <= set(out)
    assert out["sr"].shape == (1, 3, 128, 128) and out["prior_parsing"].shape == (1, 3, 64, 64)
