import math

import pytest
import torch
from torch import nn

from facerestore.losses import AdversarialLoss, AsymmetricLoss, GradientPenalty
from facerestore.losses.adversarial import discriminator_loss, generator_loss, hole_windows
from facerestore.registry import LOSSES


def _asym(pred, target, **kw):
    return AsymmetricLoss(**kw)({"noise_map": torch.tensor(pred), "noise_gt": torch.tensor(target)})


def test_asymmetric_loss_values_and_direction():
    # under-estimation by 0.5 → 0.7·0.25; over-estimation by 0.5 → 0.3·0.25; exact → 0
    under, over = _asym([0.0], [0.5]), _asym([1.0], [0.5])
    torch.testing.assert_close(under, torch.tensor(0.7 * 0.25))
    torch.testing.assert_close(over, torch.tensor(0.3 * 0.25))
    torch.testing.assert_close(under / over, torch.tensor(0.7 / 0.3))
    # a mean over elements: [under 0.5, over 0.5, exact, under 1.0]
    torch.testing.assert_close(
        _asym([0.0, 1.0, 0.5, 0.0], [0.5, 0.5, 0.5, 1.0]), torch.tensor((0.175 + 0.075 + 0.0 + 0.7) / 4)
    )
    torch.testing.assert_close(_asym([0.0], [0.5], alpha=0.5), _asym([1.0], [0.5], alpha=0.5))


def test_asymmetric_loss_defaults_and_registry():
    loss = LOSSES.build(dict(type="AsymmetricLoss"))
    assert (loss.pred, loss.target, loss.alpha, loss.weight, loss.name) == (
        "noise_map",
        "noise_gt",
        0.3,
        0.5,
        "asym_noise_map",
    )
    with pytest.raises(ValueError, match="alpha"):
        AsymmetricLoss(alpha=0.7)


def test_noise_tv_loss_hand_computed_and_batch_independent():
    x = torch.tensor([[[[0.0, 1.0], [2.0, 4.0]]]])  # horizontal diffs 1, 2; vertical diffs 2, 3
    loss = LOSSES.build(dict(type="NoiseTVLoss"))
    assert (loss.pred, loss.weight, loss.name) == ("noise_map", 0.05, "tv_noise_map")
    torch.testing.assert_close(loss({"noise_map": x}), torch.tensor((1 + 4) / 2 + (4 + 9) / 2))
    torch.testing.assert_close(loss({"noise_map": x.repeat(5, 3, 1, 1)}), loss({"noise_map": x}))
    torch.testing.assert_close(loss({"noise_map": torch.full((2, 3, 4, 4), 0.3)}), torch.tensor(0.0))


LOGITS_REAL = torch.tensor([2.0, -1.0])
LOGITS_FAKE = torch.tensor([0.5, -3.0])


def _softplus(x):
    return math.log1p(math.exp(x))


@pytest.mark.parametrize(
    "gan_type, g_expected, d_expected",
    [
        # BCE(x, 1) = softplus(−x), BCE(x, 0) = softplus(x)
        (
            "vanilla",
            (_softplus(-0.5) + _softplus(3.0)) / 2,
            (_softplus(-2.0) + _softplus(1.0)) / 2 + (_softplus(0.5) + _softplus(-3.0)) / 2,
        ),
        ("lsgan", (0.25 + 16) / 2, (1 + 4) / 2 + (0.25 + 9) / 2),
        ("wgan", 1.25, -1.25 - 0.5),
    ],
)
def test_adversarial_loss_generator_and_discriminator_terms(gan_type, g_expected, d_expected):
    torch.testing.assert_close(generator_loss(gan_type, LOGITS_FAKE), torch.tensor(g_expected))
    torch.testing.assert_close(discriminator_loss(gan_type, LOGITS_REAL, LOGITS_FAKE), torch.tensor(d_expected))
    # the generator's term is a pure function of D's logits on generated images; the engine weighs it
    loss = AdversarialLoss(gan_type=gan_type)
    torch.testing.assert_close(loss(LOGITS_FAKE), torch.tensor(g_expected))
    assert (loss.name, loss.weight) == ("adv_sr", 1e-3)


def test_adversarial_loss_config_errors():
    loss = LOSSES.build(dict(type="AdversarialLoss", gan_type="lsgan", weight=0.01))
    assert (loss.pred, loss.target, loss.weight) == ("sr", "hr_gt", 0.01)
    with pytest.raises(ValueError, match="gan_type"):
        AdversarialLoss(gan_type="hinge")


class _Linear(nn.Module):
    """D(x) = w·x (+ b) over all elements of a sample: its gradient w.r.t. x is w everywhere."""

    def __init__(self, w):
        super().__init__()
        self.w = nn.Parameter(w)
        self.b = nn.Parameter(torch.tensor(0.3))

    def forward(self, x):
        return (x * self.w).flatten(1).sum(1) + self.b


def test_gradient_penalty_linear_critic():
    torch.manual_seed(0)
    real, fake = torch.rand(4, 1, 2, 2), torch.rand(4, 1, 2, 2)
    gp = LOSSES.build(dict(type="GradientPenalty"))
    assert gp.weight == 10.0
    unit = _Linear(torch.tensor([[[0.5, 0.5], [0.5, -0.5]]]))  # ‖w‖ = 1
    torch.testing.assert_close(gp.penalty(unit, real, fake), torch.tensor(0.0))
    w = torch.tensor([[[1.0, 2.0], [2.0, 0.0]]])  # ‖w‖ = 3
    critic = _Linear(w.clone())
    penalty = gp.penalty(critic, real, fake)
    torch.testing.assert_close(penalty, torch.tensor((3.0 - 1) ** 2))
    # differentiable w.r.t. D's parameters: d/dw (‖w‖ − 1)² = 2(‖w‖ − 1)·w/‖w‖
    penalty.backward()
    torch.testing.assert_close(critic.w.grad, 2 * (3.0 - 1) * w / 3.0)


def test_gradient_penalty_trains_only_the_critic():
    generator_out = torch.rand(2, 3, 4, 4, requires_grad=True)
    critic = nn.Sequential(nn.Conv2d(3, 4, 3), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(16, 1))
    penalty = GradientPenalty(weight=0.1).penalty(critic, torch.rand(2, 3, 4, 4), generator_out)
    assert penalty.requires_grad
    penalty.backward()
    assert generator_out.grad is None
    # ∇_x D does not depend on the biases, so only the weights get a gradient from the penalty
    assert critic[0].weight.grad.abs().sum() > 0 and critic[3].weight.grad.abs().sum() > 0


def test_local_discriminator_window_follows_the_hole():
    """GFC's local D judges the crop×crop window centred on each face's hole, moved inside the image."""
    faces = torch.arange(2 * 3 * 32 * 32, dtype=torch.float32).reshape(2, 3, 32, 32)
    mask = torch.ones(2, 1, 32, 32)
    mask[0, :, 10:14, 20:26] = 0  # centre (11, 22)
    mask[1, :, 0:2, 0:2] = 0  # a corner hole: the window stays inside
    window = hole_windows(faces, mask, 8)
    assert window.shape == (2, 3, 8, 8)
    assert torch.equal(window[0], faces[0, :, 7:15, 18:26])
    assert torch.equal(window[1], faces[1, :, 0:8, 0:8])
    assert AdversarialLoss(discriminator="local", crop=8).name == "adv_local_sr"
    with pytest.raises(ValueError, match="needs a mask of their size"):
        hole_windows(faces, mask[..., :16, :16], 8)
