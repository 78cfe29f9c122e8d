"""FSRNet (Chen et al. 2018), the SR module of JDSR-GAN (preprint eq. 3–6, Fig. 3) and of FCSR-GAN (§3.1.1,
Table 6).

JDSR-GAN (preprint) eq. 3–6: ``I_C = Coarse(I_DLR)``, ``I_P = Prior(I_C)``, ``I_Mix = [Encoder(I_C), I_P]``,
``I_SR = Decoder(I_Mix)``. The input is the bicubic-upsampled 128² face; the priors (landmark heatmaps and
parsing maps) come out at 64². Layer tables: docs/architecture-notes.md §2.3; two priors:

* ``prior='heavy'`` (default) — the FSRNet of the FCSR-GAN code (swordcheng/FCSR-GAN, Apache-2.0): two
  depth-4 hourglasses of width 256 whose every unit is 4 pre-activation bottlenecks (pytorch-pose style); the
  decoder reads the predicted maps, concat[f, heatmaps, parsing], and upsamples with nearest ×2 + BN + ReLU.
  27 517 794 parameters with 81 landmarks, 40.73 G MACs at 128², which with CBDNet and an SRGAN-style critic
  reproduces JDSR-GAN's reported 36.7 M / 51.5 G (§2.7), so JDSR evidently used this prior.
* ``prior='light'`` — the prior of the PyTorch ports (cs-giung/FSRNet-pytorch, cydiachen/FSRNET_pytorch,
  closer to the FSRNet paper): conv7/s2 → bottleneck 64→128 → 2 RB-BN(128) → two depth-3 hourglasses of width
  128 with single bottleneck units; the decoder reads the prior *features* (64 + 128 channels) and upsamples
  with a learned ConvTranspose 3×3/s2 + BN + ReLU (§2.3, the light prior; §9.2). Every block has its own weights (the
  cs-giung port shares them by accident). Coarse net, encoder and decoder blocks stay those of the heavy
  layout (bias, no BN, no tanh), so the two priors differ only where §9.2 says the references differ.

``channel_attention=True`` is FSRNet-CA of JDSR-GAN (preprint §3.1, Fig. 3: channel attention "into each residual
block in FSRNet"): every 64-channel residual block of the coarse net (3), encoder (12) and decoder (3) becomes an
RCAB(64, 16), +10 440 parameters (the placement §2.3 proposes; JDSR-GAN has no public code).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ...imaging import bicubic_resize
from ...registry import register_model
from ..base import FaceModule
from ..blocks import ResidualBlock


def _conv_bn_relu(cin: int, cout: int, kernel: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, kernel, stride, kernel // 2), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


def _bn_relu_conv(cin: int, cout: int, kernel: int) -> list[nn.Module]:
    return [nn.BatchNorm2d(cin), nn.ReLU(inplace=True), nn.Conv2d(cin, cout, kernel, 1, kernel // 2)]


class Bottleneck(nn.Module):
    """Pre-activation bottleneck, the hourglass unit of Newell et al. 2016 (docs/architecture-notes.md §2.3).

    BN → ReLU → 1×1 c_in→c_out/2 → BN → ReLU → 3×3 → BN → ReLU → 1×1 →c_out, plus the identity (a 1×1
    convolution when the widths differ).
    """

    def __init__(self, cin: int, cout: int):
        super().__init__()
        mid = cout // 2
        self.body = nn.Sequential(
            *_bn_relu_conv(cin, mid, 1), *_bn_relu_conv(mid, mid, 3), *_bn_relu_conv(mid, cout, 1)
        )
        self.skip = nn.Identity() if cin == cout else nn.Conv2d(cin, cout, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.skip(x) + self.body(x)


class Hourglass(nn.Module):
    """One hourglass (Newell et al. 2016), recursive over ``depth`` levels of 2×2 max-pooling.

    Each level has a skip unit at its own resolution and, on the pooled branch, a unit before and after the
    inner level (the innermost level is one more unit); the pooled branch comes back by nearest ×2 and is added
    to the skip. A unit is ``blocks`` bottlenecks: 4 in the FCSR-GAN code, 1 in the ports.
    """

    def __init__(self, channels: int, depth: int, blocks: int):
        super().__init__()

        def unit() -> nn.Sequential:
            return nn.Sequential(*[Bottleneck(channels, channels) for _ in range(blocks)])

        self.skip, self.down, self.up = unit(), unit(), unit()
        self.inner = Hourglass(channels, depth - 1, blocks) if depth > 1 else unit()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        low = self.up(self.inner(self.down(F.max_pool2d(x, 2))))
        return self.skip(x) + F.interpolate(low, scale_factor=2, mode="nearest")


class FSRNetPrior(nn.Module):
    """FSRNet's prior estimation network (JDSR-GAN (preprint) eq. 4) with its two heads; input 3×H×W, outputs at H/2.

    Returns ``(features, heatmaps, parsing)``: the 2·width-channel features the heads read, landmark heatmaps
    after a sigmoid, and parsing logits. ``prior`` and the widths are as in :class:`FSRNet`.
    """

    def __init__(self, prior: str, width: int, num_landmarks: int, num_parsing: int, depth: int, num_hourglasses: int):
        super().__init__()
        if prior == "heavy":
            hg_width, blocks = 4 * width, 4
            self.stem = nn.Sequential(
                _conv_bn_relu(3, width, 7, 2),
                _conv_bn_relu(width, hg_width, 3),
                *[ResidualBlock(hg_width) for _ in range(3)],
            )
            self.out = nn.Conv2d(hg_width, 2 * width, 1)
        else:
            hg_width, blocks = 2 * width, 1
            self.stem = nn.Sequential(
                _conv_bn_relu(3, width, 7, 2),
                Bottleneck(width, hg_width),
                *[ResidualBlock(hg_width, bn=True) for _ in range(2)],
            )
            self.out = nn.Identity()
        self.hourglasses = nn.Sequential(*[Hourglass(hg_width, depth, blocks) for _ in range(num_hourglasses)])
        self.landmark_head = nn.Conv2d(2 * width, num_landmarks, 1)
        self.parsing_head = nn.Conv2d(2 * width, num_parsing, 1)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        features = self.out(self.hourglasses(self.stem(x)))
        return features, torch.sigmoid(self.landmark_head(features)), self.parsing_head(features)


@register_model("sr", tiny_config=dict(width=4, num_landmarks=5, num_parsing=3, num_hourglasses=1, hourglass_depth=2))
class FSRNet(FaceModule):
    """FSRNet / FSRNet-CA: ``FSRNet(x) -> dict(sr_coarse, prior_landmarks, prior_parsing, sr)``.

    ``x`` is the bicubic-upsampled face, N×3×128×128 in [0, 1] (any side divisible by 2^(depth+1) works);
    ``sr_coarse`` and ``sr`` have its size, ``prior_landmarks`` (N×L, sigmoid) and ``prior_parsing`` (N×P,
    logits) half of it. No output activation (the FCSR-GAN code; the ports' tanh targets [−1, 1] images).
    :meth:`restore` takes LR faces of any size and upsamples them to 128² first.

    Args:
        prior: ``'heavy'`` (FCSR-GAN code, default) or ``'light'`` (the PyTorch ports); see the module doc.
        num_landmarks: landmark heatmaps L: 68 (FSRNet's CelebA setup, the default), 81 (SeetaFace, the
            FCSR-GAN code, FCSR-GAN §4.2).
        num_parsing: parsing maps P (11, the GFC classes).
        channel_attention: FSRNet-CA of JDSR-GAN, RCAB instead of RB in the 64-channel blocks.
        width: base width (64); the hourglasses are 4× (heavy) or 2× (light) as wide, the prior features 2×.
        hourglass_depth: pooling levels per hourglass; None = 4 (heavy) or 3 (light).
        num_hourglasses: stacked hourglasses (2 in every reference).
    """

    input_space = "upsampled"

    def __init__(
        self,
        prior: str = "heavy",
        num_landmarks: int = 68,
        num_parsing: int = 11,
        channel_attention: bool = False,
        width: int = 64,
        hourglass_depth: int | None = None,
        num_hourglasses: int = 2,
    ):
        super().__init__()
        if prior not in ("heavy", "light"):
            raise ValueError(f"FSRNet prior must be 'heavy' or 'light', got {prior!r}")
        self.light = prior == "light"
        self.depth = hourglass_depth if hourglass_depth is not None else (3 if self.light else 4)

        def blocks(n: int) -> list[nn.Module]:
            return [ResidualBlock(width, channel_attention=channel_attention) for _ in range(n)]

        self.coarse = nn.Sequential(_conv_bn_relu(3, width, 3), *blocks(3), nn.Conv2d(width, 3, 3, 1, 1))
        self.encoder = nn.Sequential(_conv_bn_relu(3, width, 3, 2), *blocks(12), nn.Conv2d(width, width, 3, 1, 1))
        self.prior = FSRNetPrior(prior, width, num_landmarks, num_parsing, self.depth, num_hourglasses)
        if self.light:
            mix = width + 2 * width
            upsample = nn.ConvTranspose2d(width, width, 3, 2, 1, output_padding=1)
        else:
            mix = width + num_landmarks + num_parsing
            upsample = nn.Upsample(scale_factor=2, mode="nearest")
        self.decoder = nn.Sequential(
            _conv_bn_relu(mix, width, 3),
            upsample,
            nn.BatchNorm2d(width),
            nn.ReLU(inplace=True),
            *blocks(3),
            nn.Conv2d(width, 3, 3, 1, 1),
        )

    def forward(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        step = 2 ** (self.depth + 1)
        if x.dim() != 4 or x.shape[1] != 3 or x.shape[-2] % step or x.shape[-1] % step:
            raise ValueError(
                f"FSRNet takes N×3×H×W faces with H and W divisible by {step} (the bicubic-upsampled 128² face), "
                f"got shape {tuple(x.shape)}"
            )
        coarse = self.coarse(x)  # JDSR-GAN (preprint) eq. 3
        features, landmarks, parsing = self.prior(coarse)  # eq. 4
        prior = features if self.light else torch.cat([landmarks, parsing], 1)
        sr = self.decoder(torch.cat([self.encoder(coarse), prior], 1))  # eq. 5–6
        return dict(sr_coarse=coarse, prior_landmarks=landmarks, prior_parsing=parsing, sr=sr)

    def example_inputs(self, batch: int = 2) -> tuple[torch.Tensor, ...]:
        return (torch.rand(batch, 3, self.hr_size, self.hr_size),)

    def restore_batch(self, lr, mask):
        return self(bicubic_resize(lr, self.hr_size))["sr"]
