"""OcclusionUNet: finds what covers a low-resolution face (a mask, sunglasses, a scarf, a hand, a block).

FCSR-GAN and the default model complete a face given a mask of its occluded pixels (FCSR-GAN eq. 1–3); on a
photograph nobody has drawn that mask. This network estimates it from the LR face itself, so mask-taking models
run on photographs (``facerestore restore --mask auto``). It is a small U-Net (Ronneberger et al., 2015) at the
LR face size, trained on the corpus with occluders drawn on the HR face before degradation
(:mod:`facerestore.data.occluders`, ``configs/occlusion/``).
"""

from __future__ import annotations

import torch
from torch import nn

from ...registry import register_model
from ..base import FaceModule


def _double_conv(c_in: int, c_out: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=1),
        nn.LeakyReLU(0.2, inplace=True),
        nn.Conv2d(c_out, c_out, 3, padding=1),
        nn.LeakyReLU(0.2, inplace=True),
    )


@register_model("occlusion", tiny_config=dict(width=4, depth=2))
class OcclusionUNet(FaceModule):
    """``OcclusionUNet(lr) -> logits``: N×3×h×w faces in [0, 1] to N×1×h×w occlusion logits (sigmoid > 0.5:
    the pixel is covered).

    ``depth`` levels of two 3×3 convolutions, the first at ``width`` channels and each deeper one at twice
    the channels after a stride-2 convolution; the decoder upsamples (nearest, then a 3×3 convolution),
    concatenates the encoder's features of the same level and applies two convolutions; a 1×1 convolution
    gives the logits. Fully convolutional: h and w must be multiples of 2^(depth−1). :meth:`estimate` gives the
    known-pixel mask the completion models take.
    """

    def __init__(self, width: int = 32, depth: int = 3):
        super().__init__()
        if width < 1 or depth < 1:
            raise ValueError(f"width and depth must be ≥ 1, got width={width}, depth={depth}")
        channels = [width * 2**i for i in range(depth)]
        self.encoder = nn.ModuleList([_double_conv(3, channels[0])])
        self.down = nn.ModuleList()
        for c_in, c_out in zip(channels, channels[1:]):
            self.down.append(nn.Conv2d(c_in, c_in, 3, stride=2, padding=1))
            self.encoder.append(_double_conv(c_in, c_out))
        self.up = nn.ModuleList()
        self.decoder = nn.ModuleList()
        for c_deep, c_skip in zip(channels[:0:-1], channels[-2::-1]):
            self.up.append(
                nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c_deep, c_skip, 3, padding=1))
            )
            self.decoder.append(_double_conv(2 * c_skip, c_skip))
        self.head = nn.Conv2d(channels[0], 1, 1)
        self.multiple = 2 ** (depth - 1)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        if lr.shape[-1] % self.multiple or lr.shape[-2] % self.multiple:
            raise ValueError(f"OcclusionUNet needs sides that are multiples of {self.multiple}, got {tuple(lr.shape)}")
        skips = []
        x = lr
        for i, block in enumerate(self.encoder):
            x = block(x if i == 0 else self.down[i - 1](x))
            skips.append(x)
        for up, block, skip in zip(self.up, self.decoder, skips[-2::-1]):
            x = block(torch.cat([up(x), skip], dim=1))
        return self.head(x)

    @torch.inference_mode()
    def estimate(self, lr: torch.Tensor, threshold: float = 0.5) -> torch.Tensor:
        """The known-pixel mask (N×1×h×w, 1 = known, 0 = covered) of N×3×h×w faces in [0, 1]."""
        param = next(self.parameters())
        logits = self(lr.to(param.device, param.dtype)).float()
        return (torch.sigmoid(logits) <= threshold).float()
