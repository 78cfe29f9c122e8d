"""FishFSRNet: parsing-map guided face SR in a fish shape (up → down → up), ×4 / ×8 / ×16.

Building blocks (not registered): :class:`PAFB`, the parsing map attention fusion block (FishFSRNet §III-D, Fig. 5),
:class:`MSRB`, the multi-scale refine block (FishFSRNet §III-C, Fig. 4, eq. 22–23), and FishFSRNet's own gates
:class:`ChannelGate`, :class:`SpatialGate` and :class:`MultiScaleAttention`. Layer details the paper leaves out
follow docs/architecture-notes.md §1.3–1.6 and §4.2–4.5; the reference code's defects (§4.8) are not inherited.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
import torch.nn.functional as F
from torch import nn

from ...registry import register_model
from ..base import FaceModule
from ..blocks import ResidualBlock


class ChannelGate(nn.Module):
    """FishFSRNet's channel attention (docs/architecture-notes.md §1.3): CBAM's channel gate with a third pooling.

    Per channel the mean, the max and the population variance go through one shared MLP
    c → c/``reduction`` → ReLU → c; the three outputs are summed, squashed by a sigmoid and scale the channels.
    2,128 parameters at c = 64, r = 4.
    """

    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.mlp = nn.Sequential(nn.Linear(channels, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.flatten(2)
        mean = flat.mean(2)
        # E[x²] − E[x]²: 20× faster than torch.var's Welford kernel here (benchmarks/bench_channel_gate.py)
        variance = (flat.square().mean(2) - mean.square()).clamp_(min=0)
        logits = self.mlp(torch.stack([mean, flat.amax(2), variance])).sum(0)  # the shared MLP once, on all three
        return x * torch.sigmoid(logits)[..., None, None]


class SpatialGate(nn.Module):
    """FishFSRNet's spatial attention (the reference's "CSAR spatial gate", docs/architecture-notes.md §1.4).

    A per-pixel, per-channel gate: 1×1 conv c→2c → ReLU → 1×1 conv 2c→c → sigmoid, times the input.
    """

    def __init__(self, channels: int):
        super().__init__()
        self.gate = nn.Sequential(
            nn.Conv2d(channels, 2 * channels, 1),
            nn.ReLU(inplace=True),
            nn.Conv2d(2 * channels, channels, 1),
            nn.Sigmoid(),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.gate(x)


class MultiScaleAttention(nn.Module):
    """The MSRB attention of the ×4 and ×16 reference models (the reference's ``CA`` unit, §4.3).

    1×1 conv + ReLU; the channels split into four quarters convolved with 1×1, 3×3, 5×5 and 7×7 kernels and
    concatenated back; :class:`ChannelGate`; plus the input.
    """

    def __init__(self, channels: int):
        super().__init__()
        if channels % 4:
            raise ValueError(f"MultiScaleAttention splits channels into four groups; {channels} is not divisible by 4")
        quarter = channels // 4
        self.conv = nn.Conv2d(channels, channels, 1)
        self.branches = nn.ModuleList(nn.Conv2d(quarter, quarter, k, 1, k // 2) for k in (1, 3, 5, 7))
        self.gate = ChannelGate(channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        parts = F.relu_(self.conv(x)).chunk(4, dim=1)
        return self.gate(torch.cat([branch(p) for branch, p in zip(self.branches, parts)], 1)).add_(x)


class PAFB(nn.Module):
    """Parsing map attention fusion block (FishFSRNet §III-D, Fig. 5; docs/architecture-notes.md §4.2): ``PAFB(x, P)``.

    * Attention branch (``spatial_attention`` / ``channel_attention``): r = conv3 → ReLU → conv3; the enabled
      gates (:class:`SpatialGate`, :class:`ChannelGate`) run on r in parallel, are concatenated and fused by a
      1×1 conv into F_A.
    * Parsing map branch (``parsing_branch``): P is nearest-resized to x's size; conv3 + ReLU on x and on P
      project both into one domain, concatenation and a conv3 fuse them into F_P.
    * With both branches, concat(F_P, F_A) → 1×1 conv; with one branch, that branch's output alone (Table III
      Model 3: "the concatenation followed by a convolution layer at the end of PAFB is also discarded").
      Plus x. At 64 channels and a 3-channel map: 221,584 parameters.

    At least one branch must be on; FishFSRNet puts a plain residual block where all three are off.
    """

    def __init__(
        self,
        channels: int = 64,
        parsing_channels: int = 1,
        spatial_attention: bool = True,
        channel_attention: bool = True,
        parsing_branch: bool = True,
    ):
        super().__init__()
        if not (spatial_attention or channel_attention or parsing_branch):
            raise ValueError("PAFB needs the attention branch (spatial or channel attention) or the parsing branch")
        self.parsing_branch = parsing_branch
        gates = [SpatialGate(channels)] if spatial_attention else []
        gates += [ChannelGate(channels)] if channel_attention else []
        self.gates = nn.ModuleList(gates)
        if gates:
            self.body = nn.Sequential(
                nn.Conv2d(channels, channels, 3, 1, 1), nn.ReLU(inplace=True), nn.Conv2d(channels, channels, 3, 1, 1)
            )
            self.attention_fusion = nn.Conv2d(len(gates) * channels, channels, 1)
        if parsing_branch:
            self.feature_conv = nn.Conv2d(channels, channels, 3, 1, 1)
            self.parsing_conv = nn.Conv2d(parsing_channels, channels, 3, 1, 1)
            self.parsing_fusion = nn.Conv2d(2 * channels, channels, 3, 1, 1)
        if gates and parsing_branch:
            self.fusion = nn.Conv2d(2 * channels, channels, 1)

    def forward(self, x: torch.Tensor, parsing: torch.Tensor) -> torch.Tensor:
        branches = []
        if self.parsing_branch:
            p = F.interpolate(parsing, size=x.shape[-2:], mode="nearest")
            projected = torch.cat([F.relu_(self.feature_conv(x)), F.relu_(self.parsing_conv(p))], 1)
            branches.append(self.parsing_fusion(projected))
        if len(self.gates):
            r = self.body(x)
            branches.append(self.attention_fusion(torch.cat([gate(r) for gate in self.gates], 1)))
        out = self.fusion(torch.cat(branches, 1)) if len(branches) == 2 else branches[0]
        return out.add_(x)


def _resampler(channels: int, steps: int) -> nn.Module:
    """Bring a feature 2**``steps`` times finer than "now" (negative: coarser) to now's size (FishFSRNet §III-C).

    Coarser features are nearest-upsampled; finer ones go through ``steps`` stride-2 conv3s with a ReLU
    between them, each with its own weights (docs/architecture-notes.md §4.3).
    """
    if steps <= 0:
        return nn.Upsample(scale_factor=2 ** (-steps), mode="nearest") if steps else nn.Identity()
    layers: list[nn.Module] = [nn.Conv2d(channels, channels, 3, 2, 1)]
    for _ in range(steps - 1):
        layers += [nn.ReLU(inplace=True), nn.Conv2d(channels, channels, 3, 2, 1)]
    return nn.Sequential(*layers)


class MSRB(nn.Module):
    """Multi-scale refine block (FishFSRNet §III-C, Fig. 4; docs/architecture-notes.md §4.3): ``MSRB(now, levels)``.

    Each earlier pyramid feature is resampled to now's size (F_kc) and refines now by error feedback,
    eq. 22–23: F_ko = now + f_P(now − F_kc), with f_P two residual blocks of its own per level. The refined
    features are concatenated, fused by a 1×1 conv, passed through the attention, and added to now.

    Args:
        channels: feature width.
        level_steps: per earlier feature, log2 of its size over now's size (e.g. ``(-2, -1, 0)`` for the
            ×8 block at 128² fed from 32², 64² and 128²), in the order ``levels`` are passed.
        attention: ``'channel_gate'`` (:class:`ChannelGate`, the ×8 reference) or ``'multiscale'``
            (:class:`MultiScaleAttention`, the ×4 and ×16 references).

    Parameters of a ×8 block at 64 channels: 457,616 with no level finer than now, 494,544 with one level an
    octave finer (one stride-2 conv), 568,400 with levels one and two octaves finer (three stride-2 convs).
    """

    def __init__(self, channels: int, level_steps: Sequence[int], attention: str = "channel_gate"):
        super().__init__()
        if attention not in ("channel_gate", "multiscale"):
            raise ValueError(f"MSRB attention must be 'channel_gate' or 'multiscale', got {attention!r}")
        self.resamplers = nn.ModuleList(_resampler(channels, s) for s in level_steps)
        self.refiners = nn.ModuleList(
            nn.Sequential(ResidualBlock(channels), ResidualBlock(channels)) for _ in level_steps
        )
        self.fusion = nn.Conv2d(len(level_steps) * channels, channels, 1)
        self.attention = ChannelGate(channels) if attention == "channel_gate" else MultiScaleAttention(channels)

    def forward(self, now: torch.Tensor, levels: Sequence[torch.Tensor]) -> torch.Tensor:
        refined = [
            refine(now - resample(level)).add_(now)
            for level, resample, refine in zip(levels, self.resamplers, self.refiners, strict=True)
        ]
        return self.attention(self.fusion(torch.cat(refined, 1))).add_(now)


class ConcatFusion(nn.Module):
    """What Table III's Models 1 and 3–7 have in place of each MSRB (FishFSRNet §IV-D: "concatenation").

    The earlier features are resampled to now's size as in :class:`MSRB`, concatenated with now and fused
    back to ``channels`` by a 1×1 conv: ``ConcatFusion(now, levels)``.
    """

    def __init__(self, channels: int, level_steps: Sequence[int]):
        super().__init__()
        self.resamplers = nn.ModuleList(_resampler(channels, s) for s in level_steps)
        self.fusion = nn.Conv2d((len(level_steps) + 1) * channels, channels, 1)

    def forward(self, now: torch.Tensor, levels: Sequence[torch.Tensor]) -> torch.Tensor:
        resampled = [resample(level) for level, resample in zip(levels, self.resamplers, strict=True)]
        return self.fusion(torch.cat([now, *resampled], 1))


class _Stage(nn.Module):
    """Two cascaded PAFBs, which follow every up- and down-sampling module (FishFSRNet §IV-B); two plain residual
    blocks where the PAFB has no branch left (Table III Models 1–2: "replace ... PAFB with ... ResBlock")."""

    def __init__(self, channels: int, parsing_channels: int, spatial: bool, channel: bool, parsing: bool):
        super().__init__()
        self.pafb = spatial or channel or parsing
        self.blocks = nn.ModuleList(
            PAFB(channels, parsing_channels, spatial, channel, parsing) if self.pafb else ResidualBlock(channels)
            for _ in range(2)
        )

    def forward(self, x: torch.Tensor, parsing: torch.Tensor) -> torch.Tensor:
        for block in self.blocks:
            x = block(x, parsing) if self.pafb else block(x)
        return x


def _up(channels: int) -> nn.Module:
    """Sub-pixel ×2 (FishFSRNet eq. 5): conv3 c→4c, PixelShuffle(2), no activation (docs/architecture-notes.md §1.5)."""
    return nn.Sequential(nn.Conv2d(channels, 4 * channels, 3, 1, 1), nn.PixelShuffle(2))


def _down(channels: int) -> nn.Module:
    """Inverse sub-pixel ×2 (FishFSRNet eq. 10): space-to-depth(2), conv3 4c→c (docs/architecture-notes.md §1.6)."""
    return nn.Sequential(nn.PixelUnshuffle(2), nn.Conv2d(4 * channels, channels, 3, 1, 1))


@register_model("sr", tiny_config=dict(scale=4, num_feat=4))
class FishFSRNet(FaceModule):
    """FishFSRNet ×4/×8/×16 (FishFSRNet §III-B, Fig. 2, eq. 3–20): ``FishFSRNet(lr, parsing) -> sr``.

    ``lr`` is N×3×h×w (h = 128 / scale) and ``parsing`` the LR parsing map N×C×h×w from :class:`ParsingNet`
    (C = ``parsing_channels``); the output is the N×3×128×128 face. With n = log2(scale):

    * feature extraction: conv3 3→c (eq. 3);
    * fish head (eq. 4–8): n × [up×2 → keep F_i → 2 PAFBs];
    * fish body (eq. 9–15): n × [MSRB(now; head features) → down×2 → keep F_j → 2 PAFBs];
    * fish tail (eq. 16–19): n × [MSRB(now; body features) → up×2 → 2 PAFBs] (the paper's eq. 17–19 print
      f_Down for the tail's up-sampling modules);
    * reconstruction: conv3 c→3 (eq. 20), no global or bicubic skip.

    So ×8 has 9 stages (18 PAFBs) and 6 three-level MSRBs (docs/architecture-notes.md §4.4), ×4 6 stages and
    4 two-level MSRBs, ×16 12 stages (24 PAFBs) and 8 four-level MSRBs (§4.5).

    Differences from the reference code (docs/architecture-notes.md §4.8), all deliberate:

    * ×8: no unused ``conv_tail`` 1×1 layers, and the last stage runs both its PAFBs. The reference's extra
      conv3 c→c between fish body and fish tail (×8 only, absent from eq. 17, from the ×4 reference and from
      the ×16 design) is left out too, so all three scales share one topology. Full size with a 3-channel
      map: 8,361,987 parameters = 8,423,683 (§8) − 24,768 (unused conv_tail) − 36,928 (that conv3); the
      unused duplicate PAFB is counted in §8 and here alike.
    * ×4: the reference (after its ``n_featse`` typo fix) has no unused layer; 4,948,419 parameters with a
      3-channel map, exactly §8.
    * ×16 (the reference does not build): a clean 64-channel design. Four up-stages (8² → 128²), four
      down-stages, four up-stages; 24 PAFBs; 8 MSRBs, each refining with all four features of the previous
      half at their own resolutions (finer features through as many stride-2 conv3s as octaves, up to three;
      coarser ones nearest-upsampled; one refine pair per level, no sharing); the multi-scale attention in
      every MSRB; c→4c sub-pixel ups and 4c→c downs at 64 channels; conv3 64→3 tail. 12,913,091 parameters
      with a 3-channel map (§4.5: ≈12.9 M; 12,707,267 with ``msrb_attention='channel_gate'``).

    Args:
        scale: 4, 8 or 16.
        num_feat: width c (64 in the paper).
        parsing_channels: C of the parsing map (1, the paper's skin map, by default; 3 for the reference's
            colour-coded map; must match ParsingNet's ``out_channels``).
        msrb_attention: ``'channel_gate'`` or ``'multiscale'``; None takes the reference's choice for the
            scale (channel gate for ×8, multi-scale unit for ×4 and ×16; docs/architecture-notes.md §4.3).
        spatial_attention, channel_attention: the two gates of the PAFB attention branch (Table III "SA", "CA").
        parsing_branch: the PAFB parsing map branch (Table III "PAFB-PMB").
        msrb: MSRBs (Table III "MSRB"); False puts :class:`ConcatFusion` in their place.

    Table III (CelebA ×8) rows as configs (unlisted switches stay True):

    ====== ================================================================================
    Model  options
    ====== ================================================================================
    1      ``spatial_attention=False, channel_attention=False, parsing_branch=False, msrb=False``
    2      ``spatial_attention=False, channel_attention=False, parsing_branch=False``
    3      ``parsing_branch=False, msrb=False``
    4      ``spatial_attention=False, channel_attention=False, msrb=False``
    5      ``channel_attention=False, msrb=False``
    6      ``spatial_attention=False, msrb=False``
    7      ``msrb=False``
    8      defaults (the full FishFSRNet)
    ====== ================================================================================

    With all three PAFB switches off (Models 1–2) each PAFB is a plain residual block and ``parsing`` is
    checked but unused. A bare FishFSRNet cannot restore faces on its own: it needs the parsing map, which
    ``CompoundGenerator(prior='ParsingNet', sr='FishFSRNet')`` estimates (FishFSRNet Fig. 1).
    """

    input_space = "lr"
    #: The prior module that supplies ``parsing`` in a compound generator.
    needs_prior = "ParsingNet"

    def __init__(
        self,
        scale: int = 8,
        num_feat: int = 64,
        parsing_channels: int = 1,
        msrb_attention: str | None = None,
        spatial_attention: bool = True,
        channel_attention: bool = True,
        parsing_branch: bool = True,
        msrb: bool = True,
    ):
        super().__init__()
        if scale not in (4, 8, 16):
            raise ValueError(f"FishFSRNet scale must be 4, 8 or 16, got {scale}")
        attention = msrb_attention or ("channel_gate" if scale == 8 else "multiscale")
        self.scale, self.parsing_channels = scale, parsing_channels
        n, c = int(math.log2(scale)), num_feat

        def stage():
            return _Stage(c, parsing_channels, spatial_attention, channel_attention, parsing_branch)

        def fusion(now: int, levels: Sequence[int]):
            # ``now`` and ``levels``: sizes as log2(size / LR size); steps are relative to now.
            steps = [level - now for level in levels]
            return MSRB(c, steps, attention) if msrb else ConcatFusion(c, steps)

        self.head = nn.Conv2d(3, c, 3, 1, 1)
        self.head_ups = nn.ModuleList(_up(c) for _ in range(n))
        self.head_stages = nn.ModuleList(stage() for _ in range(n))
        # Head features F_1..F_n sit at sizes 1..n, body features at n-1..0 (both passed coarse to fine).
        self.body_fusions = nn.ModuleList(fusion(n - i, range(1, n + 1)) for i in range(n))
        self.body_downs = nn.ModuleList(_down(c) for _ in range(n))
        self.body_stages = nn.ModuleList(stage() for _ in range(n))
        self.tail_fusions = nn.ModuleList(fusion(i, range(n)) for i in range(n))
        self.tail_ups = nn.ModuleList(_up(c) for _ in range(n))
        self.tail_stages = nn.ModuleList(stage() for _ in range(n))
        self.reconstruction = nn.Conv2d(c, 3, 3, 1, 1)

    @property
    def input_size(self) -> int:
        return self.hr_size // self.scale

    def example_inputs(self, batch: int = 2) -> tuple[torch.Tensor, torch.Tensor]:
        size = self.input_size
        return torch.rand(batch, 3, size, size), torch.rand(batch, self.parsing_channels, size, size)

    def forward(self, x: torch.Tensor, parsing: torch.Tensor) -> torch.Tensor:
        if x.dim() != 4 or x.shape[1] != 3:
            raise ValueError(f"FishFSRNet takes N×3×h×w LR faces, got shape {tuple(x.shape)}")
        expected = (x.shape[0], self.parsing_channels, *x.shape[-2:])
        if tuple(parsing.shape) != expected:
            raise ValueError(
                f"FishFSRNet needs a parsing map of shape {expected} (N×parsing_channels×h×w, at the LR size) "
                f"for faces of shape {tuple(x.shape)}, got {tuple(parsing.shape)}"
            )
        feat = self.head(x)
        head_features = []
        for up, stage in zip(self.head_ups, self.head_stages):
            feat = up(feat)
            head_features.append(feat)
            feat = stage(feat, parsing)
        body_features = []
        for fusion, down, stage in zip(self.body_fusions, self.body_downs, self.body_stages):
            feat = down(fusion(feat, head_features))
            body_features.insert(0, feat)
            feat = stage(feat, parsing)
        for fusion, up, stage in zip(self.tail_fusions, self.tail_ups, self.tail_stages):
            feat = stage(up(fusion(feat, body_features)), parsing)
        return self.reconstruction(feat)

    def restore_batch(self, lr, mask):
        raise RuntimeError(
            "FishFSRNet needs a parsing map of each face and cannot restore on its own; use it inside "
            f"CompoundGenerator(prior={self.needs_prior!r}, sr='FishFSRNet'), which estimates the map"
        )
