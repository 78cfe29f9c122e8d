"""FishFSRNet and ParsingNet: counts against docs/architecture-notes.md §4/§8, shapes, Table III switches."""

import pytest
import torch

import facerestore as fr
from facerestore.models.priors.parsingnet import ParsingNet
from facerestore.models.sr.fishfsrnet import MSRB, PAFB, FishFSRNet

TABLE_III = {
    1: dict(spatial_attention=False, channel_attention=False, parsing_branch=False, msrb=False),
    2: dict(spatial_attention=False, channel_attention=False, parsing_branch=False),
    3: dict(parsing_branch=False, msrb=False),
    4: dict(spatial_attention=False, channel_attention=False, msrb=False),
    5: dict(channel_attention=False, msrb=False),
    6: dict(spatial_attention=False, msrb=False),
    7: dict(msrb=False),
    8: dict(),
}


def count(model):
    return sum(p.numel() for p in model.parameters())


def small_inputs():
    """A 4×4 LR face and map: the network is fully convolutional, so ×8 gives a cheap 32×32 output."""
    return torch.rand(1, 3, 4, 4), torch.rand(1, 1, 4, 4)


def test_registered_with_kind_and_input_space():
    assert isinstance(fr.build_model("ParsingNet", num_feat=8, num_block=1), ParsingNet)
    model = fr.build_model(dict(type="FishFSRNet", scale=16, num_feat=8))
    assert model.kind == "sr" and model.input_space == "lr" and model.input_size == 8
    assert ParsingNet.kind == "prior" and ParsingNet(num_feat=8, num_block=1).input_size is None


def test_parsingnet_reference_count_and_default_map():
    assert count(ParsingNet(out_channels=3)) == 594_371  # docs/architecture-notes.md §4.1, §8
    net = ParsingNet(num_feat=8, num_block=2)
    assert net(torch.rand(2, 3, 16, 16)).shape == (2, 1, 16, 16)  # the paper's 0/1 skin map at LR size
    assert ParsingNet(out_channels=11, num_feat=8, num_block=1)(torch.rand(1, 3, 8, 8)).shape == (1, 11, 8, 8)


def test_block_counts_at_64_channels():
    assert count(PAFB(64, parsing_channels=3)) == 221_584  # §4.2
    assert [count(MSRB(64, steps)) for steps in [(-2, -1, 0), (-1, 0, 1), (0, 1, 2)]] == [457_616, 494_544, 568_400]


@pytest.mark.parametrize(
    "cfg, expected, reference",
    [
        # ×4: the reference has no unused layer, so the count is §8's exactly.
        (dict(scale=4), 4_948_419, 4_948_419),
        # ×8: §8's 8,423,683 less the unused conv_tail layers (24,768) and the ×8-only body→tail conv3 (36,928).
        (dict(scale=8), 8_361_987, 8_423_683),
        # ×16: §4.5's clean design, ≈12.9 M with the multi-scale attention and ≈12.7 M with the channel gate.
        (dict(scale=16), 12_913_091, 12.9e6),
        (dict(scale=16, msrb_attention="channel_gate"), 12_707_267, 12.7e6),
    ],
)
def test_full_size_counts(cfg, expected, reference):
    n = count(FishFSRNet(parsing_channels=3, **cfg))
    assert n == expected and n == pytest.approx(reference, rel=0.01)


def test_one_channel_map_changes_only_the_parsing_convs():
    # 18 PAFBs at ×8, each with one conv3 from the map: 2 fewer input channels × 9 × 64 weights.
    assert count(FishFSRNet(8, parsing_channels=3)) - count(FishFSRNet(8)) == 18 * 2 * 9 * 64


@pytest.mark.parametrize("scale", [4, 8, 16])
def test_tiny_forward_every_scale(scale):
    torch.manual_seed(0)
    model = FishFSRNet(scale, num_feat=8)
    lr, parsing = model.example_inputs(batch=1)
    assert lr.shape == (1, 3, 128 // scale, 128 // scale) and parsing.shape == (1, 1, *lr.shape[-2:])
    with torch.no_grad():
        assert model(lr, parsing).shape == (1, 3, 128, 128)


def test_msrb_attention_option_follows_scale_by_default():
    default8, default4 = FishFSRNet(8, num_feat=8), FishFSRNet(4, num_feat=8)
    assert type(default8.body_fusions[0].attention).__name__ == "ChannelGate"
    assert type(default4.body_fusions[0].attention).__name__ == "MultiScaleAttention"
    swapped = FishFSRNet(8, num_feat=8, msrb_attention="multiscale")
    assert type(swapped.body_fusions[0].attention).__name__ == "MultiScaleAttention"
    with torch.no_grad():
        assert swapped(*small_inputs()).shape == (1, 3, 32, 32)


@pytest.mark.parametrize("row", sorted(TABLE_III))
def test_table_iii_models_build_run_and_backprop(row):
    torch.manual_seed(0)
    model = FishFSRNet(8, num_feat=8, **TABLE_III[row])
    model(*small_inputs()).mean().backward()
    assert all(p.grad is not None for p in model.parameters())


def test_table_iii_switches_shrink_the_model():
    sizes = {row: count(FishFSRNet(8, num_feat=8, **cfg)) for row, cfg in TABLE_III.items()}
    assert sizes[8] == max(sizes.values()) and sizes[1] == min(sizes.values())
    assert sizes[2] > sizes[1] and sizes[8] > sizes[7]  # MSRB on
    assert sizes[7] > sizes[5] and sizes[7] > sizes[6] > sizes[4]  # each gate on
    assert sizes[7] > sizes[3] > sizes[1] and sizes[4] > sizes[1]  # each PAFB branch on


def test_parsing_map_matters_only_with_the_parsing_branch():
    torch.manual_seed(0)
    lr = small_inputs()[0]
    maps = torch.zeros(1, 1, 4, 4), torch.ones(1, 1, 4, 4)
    with torch.no_grad():
        full = FishFSRNet(8, num_feat=8)
        assert not torch.equal(full(lr, maps[0]), full(lr, maps[1]))
        blind = FishFSRNet(8, num_feat=8, **TABLE_III[3])
        assert torch.equal(blind(lr, maps[0]), blind(lr, maps[1]))


def test_bad_inputs_and_bare_restore_raise_clearly():
    model = FishFSRNet(4, num_feat=8)
    with pytest.raises(ValueError, match="parsing map of shape"):
        model(torch.rand(1, 3, 32, 32), torch.rand(1, 3, 32, 32))
    with pytest.raises(ValueError, match="parsing map of shape"):
        model(torch.rand(1, 3, 32, 32), torch.rand(1, 1, 16, 16))
    with pytest.raises(ValueError, match="scale must be 4, 8 or 16"):
        FishFSRNet(2)
    with pytest.raises(ValueError, match="needs the attention branch"):
        PAFB(8, spatial_attention=False, channel_attention=False, parsing_branch=False)
    with pytest.raises(RuntimeError, match=r"CompoundGenerator\(prior='ParsingNet', sr='FishFSRNet'\)"):
        model.restore(torch.rand(1, 3, 32, 32))
