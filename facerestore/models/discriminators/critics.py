"""Image discriminators / critics for the HR face (docs/architecture-notes.md §2.4, §3.5).

Three families share one building block, conv → optional norm → LeakyReLU (:func:`_conv_block`), so they live
together:

* :class:`PatchGANDiscriminator`: pix2pix's NLayerDiscriminator, the D that FCSR-GAN §3.1.1 names (eq. 4).
* :class:`WGANCritic`: the StarGAN-style "global_d" that the FCSR-GAN code trains with WGAN-GP.
* :class:`SRGANDiscriminator`: the SRGAN/VGG-style D that stands in for JDSR-GAN's unpublished WGAN-GP critic
  (JDSR-GAN (preprint) §3.1, eq. 7); with it the JDSR-GAN totals of §2.7 are reproduced.

Every one maps an N×3×H×W face to a map of scores (no sigmoid): use it with WGAN, LSGAN or logit-BCE losses.
"""

from __future__ import annotations

import torch
from torch import nn

from ...registry import register_model
from ..base import FaceModule

NORMS = ("batch", "instance", "layer", "none")


def _norm(name: str, channels: int) -> nn.Module:
    """The norm layer ``name``; ``'layer'`` is GroupNorm(1, c): LayerNorm over C×H×W with a per-channel affine."""
    if name == "batch":
        return nn.BatchNorm2d(channels)
    if name == "instance":
        return nn.InstanceNorm2d(channels, affine=True)
    if name == "layer":
        return nn.GroupNorm(1, channels)
    return nn.Identity()


def _conv_block(cin, cout, kernel, stride, norm, slope, bias=True) -> list[nn.Module]:
    """conv (padding 1) → norm → LeakyReLU(slope)."""
    return [nn.Conv2d(cin, cout, kernel, stride, 1, bias=bias), _norm(norm, cout), nn.LeakyReLU(slope, inplace=True)]


def _check_norm(norm: str) -> None:
    if norm not in NORMS:
        raise ValueError(f"norm must be one of {NORMS}, got {norm!r}")


class _Critic(FaceModule):
    """A fully convolutional critic: ``layers`` in sequence on faces of side ``input_size`` (it sets example_inputs)."""

    def __init__(self, input_size: int, layers: list[nn.Module]):
        super().__init__()
        self._input_size = input_size
        self.body = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The N×1×h×w map of real/fake scores."""
        return self.body(x)


@register_model("discriminator", tiny_config=dict(ndf=4))
class PatchGANDiscriminator(_Critic):
    """PatchGAN (pix2pix ``NLayerDiscriminator``; docs/architecture-notes.md §3.5), FCSR-GAN §3.1.1.

    conv4/s2 3→ndf + LReLU(0.2); ``n_layers - 1`` × conv4/s2 doubling the width (at most 8·ndf) + norm + LReLU;
    conv4/s1 to min(2^n_layers, 8)·ndf + norm + LReLU; conv4/s1 → 1. Convolutions followed by a norm have no bias
    (the norm cancels it). At n_layers = 3, ndf = 64, BatchNorm: 2 765 633 parameters (2.766 M, §8), a 1×14×14
    map at 128² input, 70×70 receptive field.

    Args:
        input_size: side of the faces judged (128).
        ndf: width of the first layer.
        n_layers: number of stride-2 layers.
        norm: ``'batch'`` (pix2pix), ``'instance'`` (CycleGAN), ``'layer'`` or ``'none'``.
    """

    def __init__(self, input_size: int = 128, in_channels: int = 3, ndf: int = 64, n_layers: int = 3, norm="batch"):
        _check_norm(norm)
        bias = norm == "none"
        layers = _conv_block(in_channels, ndf, 4, 2, "none", 0.2)
        cin = ndf
        for i in range(1, n_layers + 1):
            cout = ndf * min(2**i, 8)
            layers += _conv_block(cin, cout, 4, 2 if i < n_layers else 1, norm, 0.2, bias)
            cin = cout
        super().__init__(input_size, [*layers, nn.Conv2d(cin, 1, 4, 1, 1)])


@register_model("discriminator", tiny_config=dict(width=4))
class WGANCritic(_Critic):
    """The FCSR-GAN code's critic ("global_d", StarGAN-style; docs/architecture-notes.md §2.4, §3.5).

    ``n_layers`` × [conv4/s2 doubling the width (64, 128, …, 2048) + LReLU(0.01)], then conv3 → 1 without bias;
    no normalisation, as WGAN-GP requires. At width 64, 6 layers: 44 721 088 parameters (§8), a 1×2×2 map at 128²
    input (input_size / 2^n_layers).

    Args:
        input_size: side of the faces judged (128; a multiple of 2^n_layers).
        width: width of the first layer.
        n_layers: number of stride-2 layers.
    """

    def __init__(self, input_size: int = 128, in_channels: int = 3, width: int = 64, n_layers: int = 6):
        layers = []
        cin = in_channels
        for i in range(n_layers):
            layers += _conv_block(cin, width * 2**i, 4, 2, "none", 0.01)
            cin = width * 2**i
        super().__init__(input_size, [*layers, nn.Conv2d(cin, 1, 3, 1, 1, bias=False)])


@register_model("discriminator", tiny_config=dict(width=4, norm="layer"))
class SRGANDiscriminator(_Critic):
    """SRGAN/VGG-style discriminator (docs/architecture-notes.md §2.4, the cs-giung / eriklindernoren layout).

    Four stages of widths w, 2w, 4w, 8w, each [conv3/s1 + norm (not in the first stage) + LReLU(0.2),
    conv3/s2 + norm + LReLU(0.2)], then conv3 8w → 1: a 1×8×8 map at 128² input. All convolutions keep their
    bias, as in the reference. JDSR-GAN (preprint eq. 7) trains its critic with a gradient penalty, which BatchNorm
    breaks (the penalty is per sample), so the default is ``norm='none'``; ``'layer'`` or ``'instance'`` are
    GP-safe too. With ``norm='batch'`` at width 64 it is the reference: 4 693 697 parameters (§8); the
    reference's final sigmoid is left out.

    Args:
        input_size: side of the faces judged (128; a multiple of 16).
        width: width of the first stage.
        norm: ``'none'``, ``'batch'``, ``'layer'`` or ``'instance'``.
    """

    def __init__(self, input_size: int = 128, in_channels: int = 3, width: int = 64, norm: str = "none"):
        _check_norm(norm)
        layers = []
        cin = in_channels
        for i in range(4):
            cout = width * 2**i
            layers += _conv_block(cin, cout, 3, 1, "none" if i == 0 else norm, 0.2)
            layers += _conv_block(cout, cout, 3, 2, norm, 0.2)
            cin = cout
        super().__init__(input_size, [*layers, nn.Conv2d(cin, 1, 3, 1, 1)])
