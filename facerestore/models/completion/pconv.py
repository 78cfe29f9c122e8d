"""Partial-convolution U-Net for face completion (FCSR-GAN §3.1, the completion module FC of eq. 1).

Partial convolution follows Liu et al. 2018 (PConv): for a window with known-pixel mask M,
``out = W·(X⊙M) · sum(1)/sum(M) + b`` where ``sum(M) > 0`` and 0 elsewhere; the updated mask is 1 wherever
``sum(M) > 0``. Layer table: docs/architecture-notes.md §3.2. Masks are 1 = known, 0 = hole.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from ...registry import register_model
from ..base import MaskedCompletion

_KERNELS = (7, 5, 5, 3)  # enc1..enc4; every deeper encoder layer is 3×3
_WIDTHS = (64, 128, 256, 512)  # enc1..enc4 at width 64; every deeper layer keeps the last width


class PartialConv2d(nn.Conv2d):
    """A convolution over known pixels only (PConv eq. 1–2).

    ``normalization='paper'`` scales by sum(1)/sum(M) with sum(1) = C_in·k·k (Liu et al. 2018, NVIDIA's
    implementation); ``'reference'`` divides by sum(M) alone, as the naoto0804 code FCSR-GAN copied does
    (activations C_in·k² times smaller; docs/architecture-notes.md §1.7). The window sums of the mask come from
    a fixed all-ones kernel held as a non-persistent buffer, not a parameter.
    """

    def __init__(self, *args, normalization: str = "paper", **kwargs):
        super().__init__(*args, **kwargs)
        if normalization not in ("paper", "reference"):
            raise ValueError(f"normalization must be 'paper' or 'reference', got {normalization!r}")
        self.normalization = normalization
        self.register_buffer("ones", torch.ones(1, 1, *self.kernel_size), persistent=False)
        self.window = self.in_channels * self.kernel_size[0] * self.kernel_size[1]

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """``mask`` is N×1×H×W (shared by all channels) or N×C_in×H×W; returns (output, N×1 new mask)."""
        per_channel = self.in_channels if mask.shape[1] == 1 else 1
        with torch.no_grad():
            counts = F.conv2d(mask.sum(1, keepdim=True), self.ones, stride=self.stride, padding=self.padding)
            counts = counts * per_channel
            new_mask = (counts > 0).to(x.dtype)
            numerator = self.window if self.normalization == "paper" else 1.0
            ratio = numerator / counts.clamp(min=1.0) * new_mask
        out = F.conv2d(x * mask, self.weight, None, self.stride, self.padding)
        out = out * ratio
        if self.bias is not None:
            out = (out + self.bias.view(1, -1, 1, 1)) * new_mask
        return out, new_mask


class _PConvLayer(nn.Module):
    def __init__(self, cin, cout, kernel, stride, norm, act, bias, normalization):
        super().__init__()
        self.conv = PartialConv2d(cin, cout, kernel, stride, kernel // 2, bias=bias, normalization=normalization)
        self.norm = nn.BatchNorm2d(cout) if norm else nn.Identity()
        self.act = act

    def forward(self, x, mask):
        x, mask = self.conv(x, mask)
        return self.act(self.norm(x)), mask


@register_model("completion", tiny_config=dict(input_size=16, base_channels=4))
class PConvUNet(MaskedCompletion):
    """PConv U-Net (docs/architecture-notes.md §3.2): returns ``(completed image, updated mask)``.

    The depth follows the input size, log2(input_size) layers, so the bottleneck reaches 1×1: 7 layers at
    128² (the FCSR-GAN code, which completes the bicubic-upsampled face), 5 at 32² and 4 at 16² (completion at
    true LR, FCSR-GAN eq. 1–3). Encoder: PConv → BN (not in enc1) → ReLU; decoder: nearest ×2 of features
    and mask, concatenation with the skip, PConv 3×3 → BN → LeakyReLU(0.2); the last layer has a bias and
    neither BN nor activation. ``base_channels=64`` is the published width.

    Args:
        input_size: side of the square input (a power of two, ≥ 4).
        base_channels: width of enc1; deeper layers use 2×, 4×, 8× and stay at 8×.
        normalization: ``'paper'`` (sum(1)/sum(M), Liu et al. / NVIDIA) or ``'reference'`` (1/sum(M), the
            naoto0804 code FCSR-GAN uses).
        freeze_encoder_bn: keep encoder BN layers in eval mode (the PConv fine-tuning stage).
    """

    def __init__(
        self,
        input_size: int = 128,
        in_channels: int = 3,
        base_channels: int = 64,
        normalization: str = "paper",
        freeze_encoder_bn: bool = False,
    ):
        super().__init__()
        layers = int(math.log2(input_size)) if input_size > 0 else 0
        if input_size < 4 or 2**layers != input_size:
            raise ValueError(f"PConvUNet input_size must be a power of two ≥ 4, got {input_size}")
        self._input_size = input_size
        self.freeze_encoder_bn = freeze_encoder_bn
        widths = ([base_channels * w // 64 for w in _WIDTHS] + [base_channels * 8] * max(0, layers - 4))[:layers]
        kernels = list(_KERNELS) + [3] * max(0, layers - 4)
        self.encoder = nn.ModuleList()
        cin = in_channels
        for i, (cout, k) in enumerate(zip(widths, kernels)):
            self.encoder.append(_PConvLayer(cin, cout, k, 2, i > 0, nn.ReLU(inplace=True), False, normalization))
            cin = cout
        skips = [in_channels] + widths[:-1]
        self.decoder = nn.ModuleList()
        for i in reversed(range(layers)):
            last = i == 0
            act = nn.Identity() if last else nn.LeakyReLU(0.2, inplace=True)
            self.decoder.append(_PConvLayer(cin + skips[i], skips[i], 3, 1, not last, act, last, normalization))
            cin = skips[i]
        for m in self.modules():
            if isinstance(m, PartialConv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")

    def train(self, mode: bool = True):
        super().train(mode)
        if mode and self.freeze_encoder_bn:
            for layer in self.encoder:
                layer.norm.eval()
        return self

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        self.check_input_size(x)
        if mask.shape[1] not in (1, x.shape[1]):
            raise ValueError(f"mask must have 1 or {x.shape[1]} channels, got {mask.shape[1]}")
        feats, masks = [x], [mask]
        for layer in self.encoder:
            y, m = layer(feats[-1], masks[-1])
            feats.append(y)
            masks.append(m)
        y, m = feats.pop(), masks.pop()
        for layer in self.decoder:
            skip, skip_mask = feats.pop(), masks.pop()
            y = F.interpolate(y, scale_factor=2, mode="nearest")
            m = F.interpolate(m, scale_factor=2, mode="nearest")
            # Both halves carry their own mask into the partial convolution, channel by channel.
            joint_mask = torch.cat([m.expand(-1, y.shape[1], -1, -1), skip_mask.expand(-1, skip.shape[1], -1, -1)], 1)
            y, m = layer(torch.cat([y, skip], 1), joint_mask)
        return y, m

    def complete(self, x: torch.Tensor, mask: torch.Tensor) -> dict[str, torch.Tensor]:
        """The completion-module protocol of :class:`CompoundGenerator`."""
        return {"lr_restored": self(x, mask)[0]}
