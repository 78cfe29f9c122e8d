"""SRResNet, the SR module FCSR-GAN pairs with its completion modules (FCSR-GAN Fig. 7, Table 5).

Two flavours (docs/architecture-notes.md §3.4), both on the true LR input:

* ``'msrresnet'`` — BasicSR's MSRResNet (Apache-2.0): no BN, LeakyReLU(0.1), a bilinear skip of the input.
  :func:`from_basicsr_state_dict` renames a BasicSR MSRResNet checkpoint's keys to load into it.
* ``'original'`` — Ledig et al. 2017 (SRGAN paper, Fig. 4): 9×9 head and tail, BN + PReLU residual blocks,
  a global skip around the body.
"""

from __future__ import annotations

import math
import re

import torch
import torch.nn.functional as F
from torch import nn

from ...registry import register_model
from ..base import FaceModule
from ..blocks import ResidualBlock


@register_model("sr", tiny_config=dict(scale=4, num_feat=8, num_block=2))
class SRResNet(FaceModule):
    """SRResNet ×2/×4/×8: ``SRResNet(lr) -> hr``; one conv + PixelShuffle(2) stage per factor of two.

    Args:
        scale: 2, 4 or 8.
        flavour: ``'msrresnet'`` (BasicSR) or ``'original'`` (Ledig et al.).
        num_feat, num_block: width and number of residual blocks (64 and 16 in both references).
    """

    input_space = "lr"

    def __init__(
        self,
        scale: int = 4,
        flavour: str = "msrresnet",
        num_feat: int = 64,
        num_block: int = 16,
        in_channels: int = 3,
        out_channels: int = 3,
    ):
        super().__init__()
        if scale not in (2, 4, 8):
            raise ValueError(f"SRResNet scale must be 2, 4 or 8, got {scale}")
        if flavour not in ("msrresnet", "original"):
            raise ValueError(f"SRResNet flavour must be 'msrresnet' or 'original', got {flavour!r}")
        self.scale, self.flavour = scale, flavour
        original = flavour == "original"
        head_k = 9 if original else 3
        self.conv_first = nn.Conv2d(in_channels, num_feat, head_k, 1, head_k // 2)
        self.body = nn.Sequential(
            *[ResidualBlock(num_feat, bn=original, act="prelu" if original else "relu") for _ in range(num_block)]
        )
        stages = int(math.log2(scale))
        self.upconvs = nn.ModuleList(nn.Conv2d(num_feat, num_feat * 4, 3, 1, 1) for _ in range(stages))
        if original:
            self.act_first = nn.PReLU()
            self.conv_body = nn.Sequential(nn.Conv2d(num_feat, num_feat, 3, 1, 1), nn.BatchNorm2d(num_feat))
            self.up_acts = nn.ModuleList(nn.PReLU() for _ in range(stages))
            self.conv_last = nn.Conv2d(num_feat, out_channels, 9, 1, 4)
        else:
            self.act = nn.LeakyReLU(0.1, inplace=True)
            self.conv_hr = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
            self.conv_last = nn.Conv2d(num_feat, out_channels, 3, 1, 1)
            # BasicSR's default_init_weights: Kaiming normal scaled by 0.1 everywhere (the body's blocks included).
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight)
                    m.weight.data.mul_(0.1)
                    nn.init.zeros_(m.bias)

    @property
    def input_size(self) -> int:
        return self.hr_size // self.scale

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.flavour == "original":
            head = self.act_first(self.conv_first(x))
            feat = head + self.conv_body(self.body(head))
            for conv, act in zip(self.upconvs, self.up_acts):
                feat = act(F.pixel_shuffle(conv(feat), 2))
            return self.conv_last(feat)
        feat = self.body(self.act(self.conv_first(x)))
        for conv in self.upconvs:
            feat = self.act(F.pixel_shuffle(conv(feat), 2))
        out = self.conv_last(self.act(self.conv_hr(feat)))
        return out + F.interpolate(x, scale_factor=self.scale, mode="bilinear", align_corners=False)

    def restore_batch(self, lr, mask):
        return self(lr)


def from_basicsr_state_dict(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Rename the keys of a BasicSR ``MSRResNet`` state dict (``upconv1``, ``upconv2``) to ours."""
    return {re.sub(r"^upconv(\d)\.", lambda m: f"upconvs.{int(m.group(1)) - 1}.", k): v for k, v in state.items()}
