"""GFC's global and local discriminators (Li et al. 2017; docs/architecture-notes.md §3.3, counts in §8).

FCSR-GAN (§3.1) names GFC as one of its completion modules; these are the adversaries GFC trains it with.
Both repeat one stage, [conv3/s1 + LReLU(0.2), conv4/s2/p1 + LReLU(0.2)], down to a 4×4 map, then a conv4
without padding → 1×1. The reference ends with a sigmoid; here the output is the logit (the loss applies it).
"""

from __future__ import annotations

from torch import nn

from ...registry import register_model
from .critics import _conv_block, _Critic


class _GFCDiscriminator(_Critic):
    """``stages`` × [conv3 → w, conv4/s2 w → w] with w = width·2^i, then conv4 (no padding) → 1."""

    def __init__(self, input_size: int, in_channels: int, width: int, stages: int):
        if input_size % 2**stages or input_size >> stages < 4:
            raise ValueError(f"{type(self).__name__} needs input_size a multiple of {2**stages}, ≥ {4 * 2**stages}")
        layers = []
        cin = in_channels
        for i in range(stages):
            cout = width * 2**i
            layers += _conv_block(cin, cout, 3, 1, "none", 0.2) + _conv_block(cout, cout, 4, 2, "none", 0.2)
            cin = cout
        super().__init__(input_size, [*layers, nn.Conv2d(cin, 1, 4)])
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.normal_(m.weight, std=0.02)  # the prototxt's gaussian filler; biases 0
                nn.init.zeros_(m.bias)


@register_model("discriminator", tiny_config=dict(width=4))
class GFCGlobalDiscriminator(_GFCDiscriminator):
    """GFC global D on the whole 128² face: five stages of widths 32, 64, 128, 256, 512 (at ``width=32``),
    128² → 4×4, then conv4 → a 1×1 logit. 7 164 705 parameters (§8 quotes 7.17 M).

    Args:
        input_size: side of the faces judged (128; a multiple of 32, ≥ 128).
        width: width of the first stage.
    """

    def __init__(self, input_size: int = 128, in_channels: int = 3, width: int = 32):
        super().__init__(input_size, in_channels, width, 5)


@register_model("discriminator", tiny_config=dict(width=4))
class GFCLocalDiscriminator(_GFCDiscriminator):
    """GFC local D on a 64×64 crop around the hole: four stages of widths 64, 128, 256, 512 (at ``width=64``),
    64² → 4×4, then conv4 → a 1×1 logit. 7 130 689 parameters (§8: 7.13 M).

    Args:
        input_size: side of the crop judged (64; a multiple of 16, ≥ 64).
        width: width of the first stage.
    """

    def __init__(self, input_size: int = 64, in_channels: int = 3, width: int = 64):
        super().__init__(input_size, in_channels, width, 4)
