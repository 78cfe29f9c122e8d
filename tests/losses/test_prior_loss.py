import pytest
import torch
import torch.nn.functional as F

from facerestore.data.priors import landmark_heatmaps, parsing_from_landmarks, skin_map
from facerestore.losses import FacePriorLoss, ParsingLoss, PixelLoss, TotalLoss
from facerestore.registry import LOSSES


def _data(n=2, size=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    return {
        "prior_landmarks": torch.rand(n, 5, size, size, generator=g),
        "heatmaps": landmark_heatmaps(torch.rand(n, 5, 2, generator=g) * 128, size),
        "prior_parsing": torch.randn(n, 11, size, size, generator=g),
        "parsing": torch.randint(0, 11, (n, size, size), generator=g),
    }


def test_default_is_jdsr_eq14_with_mse_on_softmax_maps():
    data = _data()
    loss = LOSSES.build(dict(type="FacePriorLoss", weight=1))
    assert (loss.heatmap_weight, loss.parsing_weight) == (1.0, 0.1)  # JDSR-GAN eq. 14: μ = 1, ν = 0.1
    assert loss.name == "face_prior_prior_landmarks"
    one_hot = F.one_hot(data["parsing"], 11).permute(0, 3, 1, 2).float()
    expected = F.mse_loss(data["prior_landmarks"], data["heatmaps"]) + 0.1 * F.mse_loss(
        data["prior_parsing"].softmax(1), one_hot
    )
    torch.testing.assert_close(loss(data), expected)


def test_cross_entropy_variant_and_weights():
    data = _data()
    loss = FacePriorLoss(parsing_criterion="ce", heatmap_weight=2, parsing_weight=0.5)
    expected = 2 * F.mse_loss(data["prior_landmarks"], data["heatmaps"]) + 0.5 * F.cross_entropy(
        data["prior_parsing"], data["parsing"]
    )
    torch.testing.assert_close(loss(data), expected)
    perfect = dict(data, prior_landmarks=data["heatmaps"])
    perfect["prior_parsing"] = 50 * F.one_hot(data["parsing"], 11).permute(0, 3, 1, 2).float()
    assert FacePriorLoss()(perfect) < 1e-12 and FacePriorLoss(parsing_criterion="ce")(perfect) < 1e-12


def test_a_zero_weight_term_reads_no_keys():
    data = _data()
    parsing_only = FacePriorLoss(heatmap_weight=0, parsing_weight=1, parsing_criterion="ce")
    del data["heatmaps"]
    torch.testing.assert_close(parsing_only(data), F.cross_entropy(data["prior_parsing"], data["parsing"]))
    with pytest.raises(KeyError, match=r"data\['heatmaps'\]"):
        FacePriorLoss()(data)


def test_gradients_reach_both_predictions():
    data = _data()
    data["prior_landmarks"].requires_grad_()
    data["prior_parsing"].requires_grad_()
    FacePriorLoss()(data).backward()
    assert data["prior_landmarks"].grad.abs().sum() > 0 and data["prior_parsing"].grad.abs().sum() > 0


def test_size_and_target_errors_name_keys_and_shapes():
    data = _data()
    small = dict(data, heatmaps=data["heatmaps"][..., :4, :4])
    with pytest.raises(ValueError, match=r"'prior_landmarks' has shape \(2, 5, 8, 8\) but target 'heatmaps'"):
        FacePriorLoss()(small)
    small = dict(data, parsing=data["parsing"][..., :4, :4])
    with pytest.raises(ValueError, match=r"'prior_parsing' .* \(2, 11, 8, 8\) but target 'parsing' .* \(2, 4, 4\)"):
        FacePriorLoss()(small)
    with pytest.raises(ValueError, match="integer class ids in \\[0, 11\\)"):
        FacePriorLoss()(dict(data, parsing=data["parsing"].float()))
    with pytest.raises(ValueError, match="integer class ids"):
        FacePriorLoss()(dict(data, parsing=data["parsing"] + 11))
    with pytest.raises(ValueError, match="'mse' or 'ce'"):
        FacePriorLoss(parsing_criterion="l1")
    with pytest.raises(ValueError, match="non-zero"):
        FacePriorLoss(heatmap_weight=0, parsing_weight=0)


def test_fishfsrnet_and_fsrnet_pixel_terms_are_pixel_losses():
    """FishFSRNet's ParsingNet L1 (FishFSRNet eq. 2) and FSRNet's coarse MSE need no class of their own."""
    g = torch.Generator().manual_seed(1)
    face = torch.rand(2, 68, 2, generator=g) * 40 + 44
    data = dict(
        _data(),
        parsing_lr=skin_map(parsing_from_landmarks(face, 16)),
        prior_parsing_lr=torch.rand(2, 1, 16, 16, generator=g),
        sr_coarse=torch.rand(2, 3, 32, 32, generator=g),
        hr_gt=torch.rand(2, 3, 32, 32, generator=g),
    )
    parsing_l1 = PixelLoss(pred="prior_parsing_lr", target="parsing_lr")
    coarse = PixelLoss(pred="sr_coarse", target="hr_gt", criterion="l2")
    torch.testing.assert_close(parsing_l1(data), (data["prior_parsing_lr"] - data["parsing_lr"]).abs().mean())
    torch.testing.assert_close(coarse(data), (data["sr_coarse"] - data["hr_gt"]).pow(2).mean())
    total, terms = TotalLoss([parsing_l1, coarse, dict(type="FacePriorLoss")])(data)
    assert sorted(terms) == ["face_prior_prior_landmarks", "pixel_prior_parsing_lr", "pixel_sr_coarse"]
    torch.testing.assert_close(total, sum(terms.values()))


def _parsing_loss(**kw):
    torch.manual_seed(0)
    return ParsingLoss(
        network=dict(type="ParsingNet", out_channels=11, num_feat=8, num_block=1), weights="random", **kw
    )


def test_parsing_regulariser_counts_only_the_hole():
    loss = _parsing_loss()
    target = torch.rand(2, 3, 16, 16)
    mask = torch.ones(2, 1, 16, 16)
    mask[..., 8:14, 4:12] = 0
    same = loss({"lr_composite": target, "lr_gt": target, "mask": mask})
    changed_outside = target.clone()
    changed_outside[..., :2, :] = torch.rand(2, 3, 2, 16)  # rows 0–1 reach rows ≤ 5 through four conv3
    outside = loss({"lr_composite": changed_outside, "lr_gt": target, "mask": mask})
    changed_inside = target.clone()
    changed_inside[..., 9:13, 6:10] = torch.rand(2, 3, 4, 4)
    inside = loss({"lr_composite": changed_inside, "lr_gt": target, "mask": mask})
    assert torch.allclose(same, outside) and inside > same
    pred = changed_inside.requires_grad_()
    loss({"lr_composite": pred, "lr_gt": target, "mask": mask}).backward()
    assert pred.grad.abs().sum() > 0 and not loss.state_dict()


def test_parsing_regulariser_needs_a_parsing_network_and_weights():
    with pytest.raises(ValueError, match="weights="):
        ParsingLoss(network=dict(type="ParsingNet", out_channels=11))
    with pytest.raises(TypeError, match="kind 'prior'"):
        ParsingLoss(network=dict(type="JDSRIdentityNet", input_size=32, width=2), weights="random")
