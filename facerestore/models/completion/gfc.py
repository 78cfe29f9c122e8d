"""GFC, Generative Face Completion (Li et al. 2017), one of the two FC modules of FCSR-GAN (§3.1, eq. 1).

Generator of docs/architecture-notes.md §3.3 (re-implemented from the Caffe prototxt; parameter count in §8). The
discriminators are in :mod:`facerestore.models.discriminators.gfc`.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from ...registry import register_model
from ..base import MaskedCompletion

# Conv widths at width=32, one tuple per pooling stage (encoder order). Encoder stage i ends with pool i; the
# decoder group of stage i follows unpool i and ends with the width of encoder stage i-1, whose indices come next.
_ENCODER = ((32, 32), (64, 64), (128, 128), (256, 256, 256, 256))
_DECODER = ((32, 32), (64, 32), (64, 64), (64, 64, 64, 128))


def _convs(cin: int, widths, scale: int) -> tuple[nn.Sequential, int]:
    """conv3 + ReLU for each width (scaled by ``scale``/32); returns the stack and its output width."""
    layers = []
    for w in widths:
        cout = w * scale // 32
        layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True)]
        cin = cout
    return nn.Sequential(*layers), cin


@register_model("completion", tiny_config=dict(input_size=16, width=4, bottleneck=16))
class GFC(MaskedCompletion):
    """GFC generator (docs/architecture-notes.md §3.3): ``forward(x, mask) -> completed face``.

    Encoder: VGG-like groups of conv3 + ReLU, [32, 32] → pool → [64, 64] → pool → [128, 128] → pool →
    [256 ×4] → pool, each 2×2 max-pool keeping its indices. Bottleneck: flatten, FC → ``bottleneck`` + ReLU,
    FC back + ReLU, reshape. Decoder (SegNet-style): unpool with the stored indices, then [64, 64, 64, 128] →
    unpool → [64, 64] → unpool → [64, 32] → unpool → [32, 32] → conv3 → 3 with no activation. Every width is
    scaled by ``width``/32. At 128², width 32, bottleneck 4096 and ``mask_channel=False`` this is the reference,
    256×8×8 at the bottleneck and 137 071 331 parameters (134 238 208 in the two FC layers; §8: 137.07 M).

    Input: FCSR-GAN completes the occluded LR face (FCSR-GAN eq. 1). GFC trained on holes filled with uniform noise in
    [−1, 1] (§3.3); here faces are in [0, 1] and ``forward`` zero-fills the hole itself (``x·mask``), so the input is
    the zero-filled face whatever the caller put in the hole. A zero-filled hole cannot be told apart from black skin or
    hair, so by default the mask is also given as a fourth input channel (``mask_channel``; nine more weights per
    first-layer filter, +288 parameters, 137 071 619 at full size); ``mask_channel=False`` takes the image alone, as the
    reference does.

    Size adaptation (FCSR-GAN completes at the true LR, 32² for ×4 and 16² for ×8; FCSR-GAN §4): the network keeps
    ``min(4, log2(input_size) − 1)`` pooling stages, so the bottleneck map is 8×8 at 128², 4×4 at 64², 2×2 at
    32² (all four stages: FC 1024 ↔ ``bottleneck``) and 2×2 at 16², where the deepest stage — the [256 ×4]
    encoder group, its pool, and the [64, 64, 64, 128] decoder group — is dropped, the 128-channel 2×2 map of
    the third stage feeds the FCs (512 ↔ ``bottleneck``) and decoding starts with unpool 3. Nothing else changes.

    Args:
        input_size: side of the square input (a power of two, ≥ 4).
        width: base width (32 published); every conv width is scaled by width/32.
        bottleneck: width of the hidden FC layer (4096 published).
        mask_channel: feed the mask as an extra input channel.
    """

    def __init__(
        self,
        input_size: int = 128,
        in_channels: int = 3,
        width: int = 32,
        bottleneck: int = 4096,
        mask_channel: bool = True,
    ):
        super().__init__()
        log2 = int(math.log2(input_size)) if input_size > 0 else 0
        if input_size < 4 or 2**log2 != input_size:
            raise ValueError(f"GFC input_size must be a power of two ≥ 4, got {input_size}")
        self._input_size = input_size
        self.mask_channel = mask_channel
        stages = min(len(_ENCODER), log2 - 1)
        self.encoder = nn.ModuleList()
        cin = in_channels + int(mask_channel)
        for widths in _ENCODER[:stages]:
            block, cin = _convs(cin, widths, width)
            self.encoder.append(block)
        side = input_size >> stages
        self._map = (cin, side, side)
        self.fc = nn.Sequential(
            nn.Linear(cin * side * side, bottleneck),
            nn.ReLU(inplace=True),
            nn.Linear(bottleneck, cin * side * side),
            nn.ReLU(inplace=True),
        )
        self.decoder = nn.ModuleList()
        for widths in reversed(_DECODER[:stages]):
            block, cin = _convs(cin, widths, width)
            self.decoder.append(block)
        self.out = nn.Conv2d(cin, in_channels, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2, return_indices=True)
        self.unpool = nn.MaxUnpool2d(2, 2)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``x`` N×C×s×s, ``mask`` N×1×s×s (1 = known); returns the completed N×C×s×s face (whole image)."""
        self.check_input_size(x)
        y = x * mask
        if self.mask_channel:
            y = torch.cat([y, mask], 1)
        indices = []
        for block in self.encoder:
            y, idx = self.pool(block(y))
            indices.append(idx)
        y = self.fc(y.flatten(1)).view(-1, *self._map)
        for block in self.decoder:
            y = block(self.unpool(y, indices.pop()))
        return self.out(y)

    def complete(self, x: torch.Tensor, mask: torch.Tensor) -> dict[str, torch.Tensor]:
        """The completion-module protocol of :class:`CompoundGenerator`."""
        return {"lr_restored": self(x, mask)}
