"""JDSR-GAN's face feature extractor CNN_E (JDSR-GAN (preprint) Table 1), the network of the identity loss (eq. 15)."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from ...registry import register_model
from ..base import FaceModule


class _PReLUResidualBlock(nn.Module):
    """Table 1's residual block, [3×3, c; 3×3, c], each convolution followed by a (per-channel) PReLU."""

    def __init__(self, channels: int):
        super().__init__()
        self.branch = nn.Sequential(
            nn.Conv2d(channels, channels, 3, 1, 1),
            nn.PReLU(channels),
            nn.Conv2d(channels, channels, 3, 1, 1),
            nn.PReLU(channels),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.branch(x)


@register_model("identity", tiny_config=dict(input_size=32, width=4, blocks=(1, 1, 1, 1), embedding_dim=8))
class JDSRIdentityNet(FaceModule):
    """CNN_E of JDSR-GAN (preprint Table 1): ``JDSRIdentityNet(face) -> embedding`` N×``embedding_dim``.

    Four stages at widths w, 2w, 4w, 8w (64…512 at ``width=64``), each conv3 + PReLU, a 3×3 stride-2 average
    pool and ``blocks[i]`` residual blocks (2, 4, 8, 2 in Table 1); then FC1, a fully connected layer over the
    final (input_size/16)² map (8×8 at 128²) to 512. Faces are RGB in [0, 1], ``input_size``² (the identity loss
    resizes to it), mapped to [−1, 1] first. 38,545,984 parameters at the paper's size (counted in the tests).

    No weights for it were ever published: train it as a face recogniser, or load a state dict you have, or use
    another embedding network in the identity loss.
    """

    def __init__(
        self,
        input_size: int = 128,
        width: int = 64,
        blocks: Sequence[int] = (2, 4, 8, 2),
        embedding_dim: int = 512,
    ):
        super().__init__()
        if len(blocks) != 4:
            raise ValueError(f"blocks lists the residual blocks of the 4 stages of Table 1, got {list(blocks)}")
        if input_size % 16:
            raise ValueError(f"input_size must be a multiple of 16 (four stride-2 pools), got {input_size}")
        self._input_size = input_size
        layers, cin = [], 3
        for stage, count in enumerate(blocks):
            cout = width * 2**stage
            layers += [nn.Conv2d(cin, cout, 3, 1, 1), nn.PReLU(cout), nn.AvgPool2d(3, 2, 1)]
            layers += [_PReLUResidualBlock(cout) for _ in range(count)]
            cin = cout
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(cin * (input_size // 16) ** 2, embedding_dim)

    def forward(self, face: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(face * 2 - 1).flatten(1))
