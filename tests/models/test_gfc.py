"""GFC generator and discriminators (docs/architecture-notes.md §3.3, §8)."""

import pytest
import torch

from facerestore.models.completion.gfc import GFC
from facerestore.models.discriminators.gfc import GFCGlobalDiscriminator, GFCLocalDiscriminator


def _count(module):
    return sum(p.numel() for p in module.parameters())


@pytest.mark.parametrize("mask_channel, params", [(False, 137_071_331), (True, 137_071_619)])
def test_full_size_generator_count(mask_channel, params):
    with torch.device("meta"):
        model = GFC(mask_channel=mask_channel)
        out = model(torch.empty(2, 3, 128, 128), torch.empty(2, 1, 128, 128))
    assert _count(model) == params
    assert _count(model.fc) == 134_238_208
    assert out.shape == (2, 3, 128, 128)


@pytest.mark.parametrize("size, stages, side", [(128, 4, 8), (32, 4, 2), (16, 3, 2)])
def test_pooling_stages_follow_input_size(size, stages, side):
    model = GFC(input_size=size, width=4, bottleneck=16)
    assert len(model.encoder) == len(model.decoder) == stages
    assert model._map[1:] == (side, side)
    x, mask = model.example_inputs()
    assert model(x, mask).shape == (2, 3, size, size)


def test_mask_channel_off_takes_the_image_alone():
    model = GFC(input_size=16, width=4, bottleneck=16, mask_channel=False)
    assert model.encoder[0][0].in_channels == 3
    x, mask = model.example_inputs()
    assert model(x, mask).shape == x.shape


def test_hole_content_is_ignored_and_known_pixels_are_kept():
    torch.manual_seed(0)
    model = GFC(input_size=32, width=4, bottleneck=16).eval()
    x, mask = model.example_inputs()
    noisy = x * mask + torch.rand_like(x) * (1 - mask)
    with torch.no_grad():
        assert torch.equal(model(x, mask), model(noisy, mask))
        out = model.restore_batch(noisy, mask)
    assert torch.equal(out * mask, x * mask)
    assert not torch.equal(out, x)


def test_bad_input_size():
    with pytest.raises(ValueError, match="power of two"):
        GFC(input_size=24)
    with pytest.raises(ValueError, match="built for"):
        GFC(input_size=16, width=4, bottleneck=16)(torch.rand(1, 3, 32, 32), torch.ones(1, 1, 32, 32))


@pytest.mark.parametrize(
    "cls, size, params", [(GFCGlobalDiscriminator, 128, 7_164_705), (GFCLocalDiscriminator, 64, 7_130_689)]
)
def test_full_size_discriminator_counts(cls, size, params):
    with torch.device("meta"):
        model = cls()
        out = model(torch.empty(2, 3, size, size))
    assert _count(model) == params
    assert out.shape == (2, 1, 1, 1)


@pytest.mark.parametrize("cls, size", [(GFCGlobalDiscriminator, 128), (GFCLocalDiscriminator, 64)])
def test_tiny_discriminators_give_logits(cls, size):
    out = cls(width=4)(torch.rand(2, 3, size, size))
    assert out.shape == (2, 1, 1, 1)
    with pytest.raises(ValueError, match="input_size"):
        cls(input_size=size // 2, width=4)
