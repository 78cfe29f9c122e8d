"""ParsingNet, the first step of FishFSRNet: a facial parsing map estimated straight from the LR face.

FishFSRNet §III-A, eq. 1 ``P = f_ParsingNet(I_LR)``, Fig. 3 ("two convolutional layers and eight Resblocks"), trained
alone with the L1 parsing loss of eq. 2 before FishFSRNet is trained on its estimates (FishFSRNet §IV-B).
Layers as docs/architecture-notes.md §4.1.
"""

from __future__ import annotations

import torch
from torch import nn

from ...registry import register_model
from ..base import FaceModule
from ..blocks import ResidualBlock


@register_model("prior", tiny_config=dict(num_feat=8, num_block=2))
class ParsingNet(FaceModule):
    """``ParsingNet(lr) -> parsing``: LR face N×3×h×w to a parsing map N×C×h×w at the same LR size.

    conv3 3→``num_feat``; ``num_block`` residual blocks (conv3-ReLU-conv3, residual scaled by ``res_scale``);
    conv3 ``num_feat``→C. No global skip and no output activation: eq. 2 regresses P onto the ground truth
    with a plain L1 loss, and the reference code emits the last convolution as is (so values may leave
    [0, 1] slightly; FishFSRNet consumes them unchanged).

    Args:
        out_channels: C. The default 1 is the paper's map (FishFSRNet §III-A: "a 0-1 matrix where the skin is 1
            and the facial components and others are 0"). 3 is the reference code's colour-coded parsing
            image (594,371 parameters, docs/architecture-notes.md §4.1/§8); 11 gives one channel per parsing
            class of docs/architecture-notes.md §6. FishFSRNet's ``parsing_channels`` must match.
        num_feat, num_block, res_scale: width, depth and residual scale (64, 8 and 0.2 in the reference).

    The network is fully convolutional and does not depend on the SR scale, so ``input_size`` is None; a
    trained model is tied to the LR size it was trained at (32, 16 or 8 for ×4, ×8, ×16) only by its data.
    """

    def __init__(self, out_channels: int = 1, num_feat: int = 64, num_block: int = 8, res_scale: float = 0.2):
        super().__init__()
        self.out_channels = out_channels
        self.head = nn.Conv2d(3, num_feat, 3, 1, 1)
        self.body = nn.Sequential(*[ResidualBlock(num_feat, res_scale=res_scale) for _ in range(num_block)])
        self.tail = nn.Conv2d(num_feat, out_channels, 3, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 4 or x.shape[1] != 3:
            raise ValueError(f"ParsingNet takes N×3×h×w LR faces, got shape {tuple(x.shape)}")
        return self.tail(self.body(self.head(x)))
