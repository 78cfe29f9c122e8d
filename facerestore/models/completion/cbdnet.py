"""CBDNet, the denoising module of JDSR-GAN (eq. 1–2), and its channel-attention variant CBDNet-CA.

Zhang et al.'s CBDNet (Guo et al. 2019, the IDKiro layout) is two subnets: CNN_E estimates a noise map
σ̂ = CNN_E(y) (eq. 1), and the non-blind U-Net CNN_D restores ŷ = CNN_D([y, σ̂]) + y (eq. 2). JDSR-GAN uses it to
remove a face mask, treating the occlusion as noise. Layer tables: docs/architecture-notes.md §2.2.
"""

from __future__ import annotations

import torch
from torch import nn

from ...registry import register_model
from ..base import FaceModule, blend
from ..blocks import ChannelAttention


def _convs(cin: int, cout: int, n: int) -> list[nn.Module]:
    """``n`` conv3 + ReLU layers, the first cin→cout and the rest cout→cout."""
    layers = []
    for i in range(n):
        layers += [nn.Conv2d(cin if i == 0 else cout, cout, 3, padding=1), nn.ReLU(inplace=True)]
    return layers


def _stage(cin: int, cout: int, n: int, channel_attention: bool) -> nn.Sequential:
    """One U-Net conv stage of CNN_D, optionally closed by RCAN CA(cout, r=16)."""
    return nn.Sequential(*_convs(cin, cout, n), *([ChannelAttention(cout)] if channel_attention else []))


@register_model("completion", tiny_config=dict(input_size=16, width=8, channel_attention=True))
class CBDNet(FaceModule):
    """CBDNet (docs/architecture-notes.md §2.2): ``forward(y) -> (ŷ, σ̂)``, the restored image first (as PConvUNet).

    CNN_E (eq. 1): five conv3 layers of width/2 channels, each followed by ReLU (the last one too, so σ̂ ≥ 0).
    CNN_D (eq. 2): a U-Net on concat(y, σ̂) with stages inc (2 convs), conv1 (3), conv2 (6), conv3 (3),
    conv4 (2) of widths w, 2w, 4w, 2w, w; 2×2 average pooling down, ConvTranspose 2×2/s2 up (halving the channels),
    skips **added**, a 1×1 output conv and the global residual + y. At ``width=64`` it has 4 365 382 parameters
    (CNN_E 29 507), as in §8.

    ``channel_attention=True`` is CBDNet-CA. JDSR-GAN (preprint §3.1) says only that CA is added "to each
    convolution block"; its placement is not public. Here RCAN CA(c, r=16) closes each U-Net conv stage (inc,
    conv1, conv2, conv3, conv4) — the proposal of docs/architecture-notes.md §2.2 — adding 13 992 parameters
    (4 379 374 in all).

    CBDNet is blind: it takes no mask; the occlusion is estimated as part of σ̂. It runs on the LR face
    (32² for ×4, 16² for ×8) or on the bicubic-upsampled 128² face of JDSR-GAN (§2.1).

    Args:
        input_size: side of the square input (a multiple of 4, ≥ 4, for the two poolings).
        width: channels of the first U-Net stage (64 published); CNN_E uses width/2.
        channel_attention: build CBDNet-CA.
    """

    def __init__(self, input_size: int = 128, in_channels: int = 3, width: int = 64, channel_attention: bool = False):
        super().__init__()
        if input_size < 4 or input_size % 4:
            raise ValueError(f"CBDNet input_size must be a multiple of 4, ≥ 4, got {input_size}")
        self._input_size = input_size
        half = width // 2
        self.noise_estimation = nn.Sequential(
            *_convs(in_channels, half, 4), nn.Conv2d(half, in_channels, 3, padding=1), nn.ReLU(inplace=True)
        )
        self.inc = _stage(2 * in_channels, width, 2, channel_attention)
        self.conv1 = _stage(width, 2 * width, 3, channel_attention)
        self.conv2 = _stage(2 * width, 4 * width, 6, channel_attention)
        self.up1 = nn.ConvTranspose2d(4 * width, 2 * width, 2, stride=2)
        self.conv3 = _stage(2 * width, 2 * width, 3, channel_attention)
        self.up2 = nn.ConvTranspose2d(2 * width, width, 2, stride=2)
        self.conv4 = _stage(width, width, 2, channel_attention)
        self.out = nn.Conv2d(width, in_channels, 1)
        self.pool = nn.AvgPool2d(2)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Return (restored image ŷ, noise map σ̂), both shaped like ``x``."""
        self.check_input_size(x)
        noise_map = self.noise_estimation(x)
        inc = self.inc(torch.cat([x, noise_map], 1))
        conv1 = self.conv1(self.pool(inc))
        conv2 = self.conv2(self.pool(conv1))
        conv3 = self.conv3(self.up1(conv2) + conv1)
        conv4 = self.conv4(self.up2(conv3) + inc)
        return self.out(conv4) + x, noise_map

    def complete(self, x: torch.Tensor, mask: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
        """The completion-module protocol of :class:`CompoundGenerator`; ``mask`` is ignored (CBDNet is blind)."""
        restored, noise_map = self(x)
        return {"lr_restored": restored, "noise_map": noise_map}

    def restore_batch(self, lr, mask):
        """Restore the whole face; with a mask, keep the known pixels of ``lr`` and fill only the holes."""
        restored = self.complete(lr)["lr_restored"]
        return restored if mask is None else blend(restored, lr, mask)
