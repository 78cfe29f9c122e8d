"""Building blocks shared by several model families (not registered; docs/architecture-notes.md §1)."""

from __future__ import annotations

import torch
from torch import nn


class ChannelAttention(nn.Module):
    """RCAN channel attention (Zhang et al. 2018, ``CALayer``; docs/architecture-notes.md §1.2 "CA(c,r)").

    Global average pool → 1×1 conv c→c/r → ReLU → 1×1 conv c/r→c → sigmoid, then a channel-wise multiply of
    the input. RCAN uses r = 16 (580 parameters at c = 64). At widths below ``reduction`` the squeeze keeps one
    channel, so tiny test models still build.
    """

    def __init__(self, channels: int, reduction: int = 16):
        super().__init__()
        squeezed = max(1, channels // reduction)
        self.gate = nn.Sequential(
            nn.AdaptiveAvgPool2d(1),
            nn.Conv2d(channels, squeezed, 1),
            nn.ReLU(inplace=True),
            nn.Conv2d(squeezed, channels, 1),
            nn.Sigmoid(),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.gate(x)


class ResidualBlock(nn.Module):
    """Residual block: conv3 → act → conv3 (+ CA) scaled by ``res_scale``, plus the identity.

    * ``bn=False``: "RB(c)" of docs/architecture-notes.md §1.1 (EDSR / MSRResNet / the FSRNet of FCSR-GAN).
    * ``bn=True``: conv3 → BN → act → conv3 → BN; with ``act='prelu'`` this is SRResNet's block (Ledig et al.
      2017, Fig. 4), with ``act='relu'`` the RB-BN of the FSRNet PyTorch ports (§1.1, zero padding here).
    * ``channel_attention=True``: RCAB(c, 16) of RCAN, CA inside the residual branch before the skip-add
      (FSRNet-CA and CBDNet-CA of JDSR-GAN (preprint §3.1)).
    """

    def __init__(
        self,
        channels: int,
        bn: bool = False,
        channel_attention: bool = False,
        res_scale: float = 1.0,
        act: str = "relu",
    ):
        super().__init__()
        if act not in ("relu", "prelu"):
            raise ValueError(f"act must be 'relu' or 'prelu', got {act!r}")
        self.res_scale = res_scale
        self.conv1 = nn.Conv2d(channels, channels, 3, 1, 1)
        self.bn1 = nn.BatchNorm2d(channels) if bn else nn.Identity()
        self.act = nn.PReLU() if act == "prelu" else nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 1)
        self.bn2 = nn.BatchNorm2d(channels) if bn else nn.Identity()
        self.ca = ChannelAttention(channels) if channel_attention else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        branch = self.ca(self.bn2(self.conv2(self.act(self.bn1(self.conv1(x))))))
        if self.res_scale != 1:
            branch = branch.mul_(self.res_scale)
        return branch.add_(x)  # in place: the branch's last op does not need its output for the backward pass
