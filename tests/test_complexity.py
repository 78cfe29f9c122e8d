"""MAC and parameter counts against docs/architecture-notes.md §8 (MACs = FlopCounterMode FLOPs / 2)."""

import pytest
import torch
from torch import nn

import facerestore as fr
from facerestore.complexity import count_macs, count_params


@pytest.mark.parametrize(
    "cfg, expected",
    [
        (dict(type="SRResNet", scale=4, flavour="msrresnet"), 2.60e9),  # at its 32² LR input
        (dict(type="FSRNet", num_landmarks=81), 40.73e9),  # heavy, FCSR-GAN layout, ✓ exact in §8
        (dict(type="FSRNet", num_landmarks=81, channel_attention=True), 40.73e9),  # CA adds ~1 k MACs
        (dict(type="FSRNet", prior="light"), 15.28e9),  # §8's port has no landmark head: ours +0.24 %
    ],
)
def test_macs_match_the_reference(cfg, expected):
    assert count_macs(fr.build_model(cfg)) == pytest.approx(expected, rel=0.01)


def test_pconv_macs_are_half_the_reference_count():
    """PConv U-Net at 128²: 2.368 G here against 4.74 G in §8.

    The reference (naoto0804, copied by FCSR-GAN) computes each window's mask sum with a frozen full-size
    C_in→C_out convolution of the mask, which the flop counter counts exactly like the image convolution,
    doubling the total (2 × 2.36796 G = 4.736 G). Ours sums the mask with a 1-channel all-ones kernel:
    0.43 M MACs on top of the 2.36796 G of the image convolutions.
    """
    macs = count_macs(fr.build_model("PConvUNet", input_size=128))
    assert macs == 2_368_393_201
    assert macs == pytest.approx(4.74e9 / 2, rel=0.001)


def test_macs_follow_the_inputs_given():
    model = fr.build_model("SRResNet", scale=4)
    # Every convolution scales with the area; the bilinear skip is not counted.
    assert count_macs(model, torch.rand(1, 3, 16, 16)) * 4 == count_macs(model)
    assert count_macs(model, torch.rand(2, 3, 32, 32)) == 2 * count_macs(model)


def test_counting_leaves_the_model_untouched():
    model = fr.build_model("SRResNet", flavour="original", num_feat=8, num_block=2).train()
    model.conv_body.eval()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    count_macs(model)
    assert model.training and not model.conv_body.training and model.body.training
    after = model.state_dict()
    assert all(after[k].device.type == "cpu" and torch.equal(after[k], v) for k, v in before.items())


class _DataDependent(nn.Module):
    """A forward that needs tensor values (cannot run on ``meta``)."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 3)

    def forward(self, x):
        return self.linear(x) if x.sum() > 0 else self.linear(-x)


def test_models_that_cannot_run_on_meta_are_counted_by_a_real_forward():
    assert count_macs(_DataDependent(), torch.rand(5, 4)) == 5 * 4 * 3


def test_plain_modules_need_inputs():
    with pytest.raises(TypeError, match="pass the inputs"):
        count_macs(nn.Linear(2, 2))


def test_count_params():
    model = nn.Sequential(nn.Linear(4, 3), nn.Linear(3, 2))
    model[0].requires_grad_(False)
    assert count_params(model) == 8
    assert count_params(model, trainable_only=False) == 8 + 15
    shared = nn.Sequential(model[1], model[1])
    assert count_params(shared) == 8  # a shared layer counts once


def test_jdsr_generator_and_critic_reproduce_the_reported_totals():
    """JDSR-GAN Table II: JDSR-GAN 36.7 M parameters / 51.5 G multiply–adds, which CBDNet-CA and FSRNet-CA both at
    128² plus the SRGAN-style critic reproduce (docs/architecture-notes.md §2.7)."""
    import importlib.util
    from pathlib import Path

    script = Path(__file__).parents[1] / "scripts" / "complexity_table.py"
    spec = importlib.util.spec_from_file_location("complexity_table", script)
    table = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(table)
    with torch.device("meta"):
        generator, critic = fr.build_model(table.JDSR_GENERATOR), fr.build_model(table.JDSR_CRITIC)
    params = count_params(generator) + count_params(critic)
    macs = count_macs(generator) + count_macs(critic)
    assert params == pytest.approx(36.7e6, rel=0.005)
    assert macs == pytest.approx(51.5e9, rel=0.005)
