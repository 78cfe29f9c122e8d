"""Full-size architectures against docs/architecture-notes.md §8 (counts verified against the reference code)."""

import pytest
import torch

import facerestore as fr


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


@pytest.mark.parametrize(
    "cfg, expected",
    [
        (dict(type="PConvUNet", input_size=128), 25_779_796),
        (dict(type="SRResNet", scale=4, flavour="msrresnet"), 1_518_000),
        (dict(type="SRResNet", scale=4, flavour="original"), 1_549_000),
        (dict(type="SRResNet", scale=8, flavour="msrresnet"), 1_665_000),
        (dict(type="SRResNet", scale=8, flavour="original"), 1_697_000),
    ],
)
def test_parameter_count_within_one_percent(cfg, expected):
    assert trainable(fr.build_model(cfg)) == pytest.approx(expected, rel=0.01)


def test_pconv_mask_kernel_is_a_buffer_not_a_parameter():
    model = fr.build_model("PConvUNet", input_size=128)
    assert sum(p.numel() for p in model.parameters()) == trainable(model)
    assert not any("ones" in k for k in model.state_dict())


@pytest.mark.parametrize("size, layers", [(128, 7), (32, 5), (16, 4)])
def test_pconv_depth_follows_input_size(size, layers):
    model = fr.build_model("PConvUNet", input_size=size, base_channels=8).eval()
    assert len(model.encoder) == layers and len(model.decoder) == layers
    y, new_mask = model(torch.rand(1, 3, size, size), torch.ones(1, 1, size, size))
    assert y.shape == (1, 3, size, size) and new_mask.shape == (1, 1, size, size)
