"""Shared building blocks: RCAN channel attention, the residual block and its variants."""

import pytest
import torch

import facerestore as fr
from facerestore.complexity import count_params
from facerestore.models.blocks import ChannelAttention, ResidualBlock


@pytest.mark.parametrize("channels, expected", [(64, 580), (256, 8_464)])
def test_channel_attention_parameters(channels, expected):
    """2·c²/r + c/r + c with r = 16 (docs/architecture-notes.md §1.2)."""
    assert count_params(ChannelAttention(channels)) == expected


def test_channel_attention_scales_channels_by_a_gate_in_0_1():
    torch.manual_seed(0)
    x = torch.rand(2, 8, 5, 5) + 0.1
    y = ChannelAttention(8)(x)  # width below r: the squeeze keeps one channel
    ratio = y / x
    assert torch.allclose(ratio, ratio[..., :1, :1].expand_as(ratio))
    assert ratio.min() > 0 and ratio.max() < 1


def test_residual_block_variants():
    assert count_params(ResidualBlock(64)) == 2 * (64 * 64 * 9 + 64)
    assert count_params(ResidualBlock(64, channel_attention=True)) == 2 * (64 * 64 * 9 + 64) + 580
    assert isinstance(ResidualBlock(8, bn=True).act, torch.nn.ReLU)
    assert isinstance(ResidualBlock(8, bn=True, act="prelu").act, torch.nn.PReLU)
    with pytest.raises(ValueError, match="act"):
        ResidualBlock(8, act="gelu")


def test_res_scale_scales_the_branch():
    torch.manual_seed(0)
    block = ResidualBlock(4, res_scale=0.1)
    x = torch.rand(1, 4, 6, 6)
    branch = block.conv2(block.act(block.conv1(x)))
    torch.testing.assert_close(block(x), x + 0.1 * branch)


def test_srresnet_keeps_its_state_dict_keys():
    keys = set(fr.build_model("SRResNet", flavour="original", num_feat=8, num_block=1).state_dict())
    assert {"body.0.conv1.weight", "body.0.bn1.weight", "body.0.act.weight", "body.0.bn2.running_mean"} <= keys
    keys = set(fr.build_model("SRResNet", num_feat=8, num_block=1).state_dict())
    assert {"body.0.conv1.weight", "body.0.conv2.bias"} <= keys and not any(".bn" in k for k in keys)
