"""CBDNet / CBDNet-CA (docs/architecture-notes.md §2.2, §8)."""

import pytest
import torch

from facerestore.models.completion.cbdnet import CBDNet


def _count(module):
    return sum(p.numel() for p in module.parameters())


def test_full_size_parameter_counts():
    with torch.device("meta"):
        plain, ca = CBDNet(), CBDNet(channel_attention=True)
    assert _count(plain) == 4_365_382
    assert _count(plain.noise_estimation) == 29_507
    assert _count(ca) == 4_379_374
    assert _count(ca) - _count(plain) == 13_992


@pytest.mark.parametrize("size", [16, 32, 128])
def test_tiny_shapes(size):
    model = CBDNet(input_size=size, width=8, channel_attention=True)
    x = torch.rand(2, 3, size, size)
    restored, noise_map = model(x)
    assert noise_map.shape == restored.shape == x.shape
    assert noise_map.min() >= 0
    out = model.complete(x, torch.ones(2, 1, size, size))
    assert set(out) == {"lr_restored", "noise_map"}


def test_restore_keeps_known_pixels():
    model = CBDNet(input_size=16, width=8)
    x = torch.rand(1, 3, 16, 16)
    mask = torch.ones(1, 1, 16, 16)
    mask[..., :8, :8] = 0
    out = model.restore(x, mask)
    assert torch.allclose(out * mask, x * mask)


def test_rejects_bad_sizes():
    with pytest.raises(ValueError, match="multiple of 4"):
        CBDNet(input_size=18)
    with pytest.raises(ValueError, match="built for"):
        CBDNet(input_size=16, width=8)(torch.rand(1, 3, 32, 32))
