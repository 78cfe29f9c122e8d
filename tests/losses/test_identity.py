"""JDSR-GAN's identity network (JDSR-GAN (preprint) Table 1) and identity loss (JDSR-GAN (preprint) eq. 15)."""

import pytest
import torch

import facerestore as fr
from facerestore.complexity import count_params
from facerestore.losses import IdentityLoss
from facerestore.registry import LOSSES

TINY_NET = dict(type="JDSRIdentityNet", input_size=32, width=4, blocks=(1, 1, 1, 1), embedding_dim=8)


def test_table1_layout_and_size():
    net = fr.build_model("JDSRIdentityNet")
    # Table 1: 64-128-256-512 with 2/4/8/2 residual blocks (two conv3 + PReLU each), FC 8·8·512 → 512.
    assert count_params(net) == 38_545_984
    assert net.fc.in_features == 512 * 8 * 8 and net.fc.out_features == 512
    shapes = []
    net.features.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape)))
    with torch.no_grad():
        assert net(torch.rand(1, 3, 128, 128)).shape == (1, 512)
    assert shapes == [(1, 512, 8, 8)]


def test_loss_is_zero_for_the_same_face_and_grows_with_the_difference():
    torch.manual_seed(0)
    loss = IdentityLoss(network=TINY_NET, weights="random")
    face = torch.rand(2, 3, 64, 64)  # resized to the network's 32² input
    assert loss({"sr": face, "hr_gt": face}).item() == pytest.approx(0.0, abs=1e-6)
    near = loss({"sr": face + 0.01 * torch.randn_like(face), "hr_gt": face})
    far = loss({"sr": torch.rand_like(face), "hr_gt": face})
    assert 0 < near.item() < far.item()


@pytest.mark.parametrize("distance", ["l2", "mse", "cosine"])
def test_gradient_reaches_the_prediction_but_not_the_network(distance):
    torch.manual_seed(0)
    loss = LOSSES.build(dict(type="IdentityLoss", network=TINY_NET, weights="random", distance=distance))
    pred = torch.rand(2, 3, 32, 32, requires_grad=True)
    value = loss({"sr": pred, "hr_gt": torch.rand(2, 3, 32, 32)})
    value.backward()
    assert pred.grad is not None and pred.grad.abs().sum() > 0
    assert not list(loss.parameters()) and not loss.state_dict()  # frozen, never checkpointed
    loss.train()
    assert not loss.network.training


def test_loads_a_saved_network_strictly(tmp_path):
    torch.manual_seed(1)
    net = fr.build_model(TINY_NET)
    fr.save_pretrained(net, tmp_path / "net")
    loss = IdentityLoss(network=TINY_NET, weights=tmp_path / "net" / "model.safetensors")
    face = torch.rand(1, 3, 32, 32)
    with torch.no_grad():
        assert torch.equal(loss.embed(face), net.eval()(face))
    other = dict(TINY_NET, embedding_dim=4)
    with pytest.raises(ValueError, match="wrong shapes"):
        IdentityLoss(network=other, weights=tmp_path / "net" / "model.safetensors")


def test_bad_settings_name_the_problem():
    with pytest.raises(ValueError, match="weights='random'"):
        IdentityLoss(network=TINY_NET)
    with pytest.raises(ValueError, match="distance"):
        IdentityLoss(network=TINY_NET, weights="random", distance="l1")
    with pytest.raises(TypeError, match="kind 'identity'"):
        IdentityLoss(network=dict(type="PatchGANDiscriminator", ndf=4), weights="random")
