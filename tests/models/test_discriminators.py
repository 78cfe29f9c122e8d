"""Discriminators / critics (docs/architecture-notes.md §2.4, §3.5, §8)."""

import pytest
import torch

from facerestore.models.discriminators.critics import PatchGANDiscriminator, SRGANDiscriminator, WGANCritic


def _count(module):
    return sum(p.numel() for p in module.parameters())


@pytest.mark.parametrize(
    "cls, kwargs, params, side",
    [
        (PatchGANDiscriminator, {}, 2_765_633, 14),
        (PatchGANDiscriminator, {"norm": "instance"}, 2_765_633, 14),
        (WGANCritic, {}, 44_721_088, 2),
        (SRGANDiscriminator, {"norm": "batch"}, 4_693_697, 8),
    ],
)
def test_full_size_counts_and_output_maps(cls, kwargs, params, side):
    with torch.device("meta"):
        model = cls(**kwargs)
        out = model(torch.empty(2, 3, 128, 128))
    assert _count(model) == params
    assert out.shape == (2, 1, side, side)


def test_srgan_default_has_no_batchnorm():
    model = SRGANDiscriminator(width=4)
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in model.modules())


@pytest.mark.parametrize("norm", ["batch", "instance", "layer", "none"])
@pytest.mark.parametrize(
    "cls, kwargs, side", [(PatchGANDiscriminator, {"ndf": 4}, 14), (SRGANDiscriminator, {"width": 4}, 8)]
)
def test_tiny_output_maps(cls, kwargs, side, norm):
    out = cls(norm=norm, **kwargs)(torch.rand(2, 3, 128, 128))
    assert out.shape == (2, 1, side, side) and torch.isfinite(out).all()


def test_tiny_wgan_critic_output_map():
    out = WGANCritic(width=4)(torch.rand(2, 3, 128, 128))
    assert out.shape == (2, 1, 2, 2) and torch.isfinite(out).all()


def test_rejects_unknown_norm():
    with pytest.raises(ValueError, match="norm must be"):
        SRGANDiscriminator(norm="spectral")
