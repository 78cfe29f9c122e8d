"""CompoundGenerator: FCSR-GAN eq. 1–3, where the completion runs, the sequential baselines, priors."""

import pytest
import torch

import facerestore as fr
from facerestore.imaging import bicubic_resize

PCONV16 = dict(type="PConvUNet", input_size=16, base_channels=4)
PCONV128 = dict(type="PConvUNet", input_size=128, base_channels=4)
SR8 = dict(type="SRResNet", scale=8, num_feat=8, num_block=1)


def _inputs():
    torch.manual_seed(0)
    lr = torch.rand(2, 3, 16, 16)
    mask = torch.ones(2, 1, 16, 16)
    mask[..., 4:12, 4:12] = 0
    return lr * mask, mask


def test_completion_first_blends_known_pixels_back_eq2():
    g = fr.build_model("CompoundGenerator", completion=PCONV16, sr=SR8).eval()
    lr, mask = _inputs()
    out = g(lr, mask)
    assert out["lr_restored"].shape == (2, 3, 16, 16) and out["sr"].shape == (2, 3, 128, 128)
    expected = (1 - mask) * out["lr_restored"] + mask * lr
    assert torch.equal(out["lr_composite"], expected)
    # The SR module sees the composite: running it by hand gives the same face (eq. 3).
    assert torch.allclose(out["sr"], g.sr(out["lr_composite"]))
    assert torch.allclose(out["lr_up"], bicubic_resize(lr, 128).clamp(0, 1))  # as the data dict holds it


def test_no_blend_passes_the_completion_through():
    g = fr.build_model("CompoundGenerator", completion=PCONV16, sr=SR8, blend=False).eval()
    out = g(*_inputs())
    assert torch.equal(out["lr_composite"], out["lr_restored"])


def test_completion_at_upsampled_resolution_as_the_fcsr_code():
    g = fr.build_model("CompoundGenerator", completion=PCONV128, sr=SR8, completion_at="upsampled").eval()
    lr, mask = _inputs()
    out = g(lr, mask)
    assert out["lr_restored"].shape == (2, 3, 128, 128) and out["sr"].shape == (2, 3, 128, 128)
    mask_up = torch.nn.functional.interpolate(mask, size=128, mode="nearest")
    known = mask_up.expand_as(out["lr_composite"]).bool()
    assert torch.equal(out["lr_composite"][known], bicubic_resize(lr, 128)[known])


def test_sr_first_baseline_completes_the_hr_face():
    g = fr.build_model("CompoundGenerator", completion=PCONV128, sr=SR8, order="sr_first").eval()
    lr, mask = _inputs()
    out = g(lr, mask)
    assert torch.allclose(out["sr_raw"], g.sr(lr))
    mask_up = torch.nn.functional.interpolate(mask, size=128, mode="nearest")
    assert torch.equal(out["sr"], (1 - mask_up) * out["hr_restored"] + mask_up * out["sr_raw"])


def test_plain_sr_and_no_mask():
    g = fr.build_model("CompoundGenerator", sr=SR8).eval()
    lr, _ = _inputs()
    assert torch.equal(g(lr)["sr"], g.sr(lr))
    with_completion = fr.build_model("CompoundGenerator", completion=PCONV16, sr=SR8).eval()
    out = with_completion(lr)  # no mask: every pixel known, the completion is blended away
    assert torch.equal(out["lr_composite"], lr)


def test_parts_given_as_name_dict_or_module_build_the_same_config():
    sr = fr.build_model(SR8)
    a = fr.build_model("CompoundGenerator", completion=PCONV16, sr=sr)
    b = fr.build_model(dict(type="CompoundGenerator", completion=PCONV16, sr=SR8))
    assert a.config == b.config
    assert fr.build_model("CompoundGenerator", sr="SRResNet").sr.config["type"] == "SRResNet"


def test_prior_feeds_the_sr_module():
    g = fr.build_model(
        "CompoundGenerator",
        prior=dict(type="ParsingNet", num_feat=4, num_block=1),
        sr=dict(type="FishFSRNet", scale=8, num_feat=4),
    ).eval()
    lr, _ = _inputs()
    out = g(lr)
    assert out["prior_parsing_lr"].shape == (2, 1, 16, 16) and out["sr"].shape == (2, 3, 128, 128)
    assert torch.allclose(out["sr"], g.sr(lr, g.prior(lr)))
    prior_only = g(lr, with_sr=False)  # FishFSRNet's first step trains ParsingNet alone
    assert set(prior_only) == {"lr_up", "prior_parsing_lr"}


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(sr=dict(type="FishFSRNet", scale=8, num_feat=4)), ValueError, "needs a prior module"),
        (dict(sr=SR8, prior=dict(type="ParsingNet", num_feat=4, num_block=1)), ValueError, "takes no prior"),
        (dict(sr=SR8, completion=PCONV128), ValueError, "built for 128² inputs but runs on 16² faces"),
        (dict(sr=PCONV16), TypeError, "sr must be an SR module"),
        (dict(sr=SR8, completion_at="hr"), ValueError, "completion_at must be"),
        (dict(sr=SR8, completion=42), TypeError, "completion must be a registry name"),
    ],
)
def test_bad_compositions_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        fr.build_model("CompoundGenerator", **kwargs)


def test_without_an_sr_module_the_generator_is_a_face_completion_model():
    """GFC's own task: the completion restores the 128² face, and ``sr`` is its blended output."""
    g = fr.build_model("CompoundGenerator", sr=None, completion=dict(type="PConvUNet", input_size=128, base_channels=4))
    face, mask = torch.rand(2, 3, 128, 128), torch.ones(2, 1, 128, 128)
    mask[..., 32:96, 32:96] = 0
    out = g.eval()(face, mask)
    assert torch.equal(out["sr"], out["lr_composite"]) and torch.equal(out["sr"] * mask, face * mask)
    assert g.input_size == 128 and g.restore(face, mask).shape == (2, 3, 128, 128)
    with pytest.raises(ValueError, match="restores 128² faces"):
        fr.build_model("CompoundGenerator", sr=None, completion=PCONV16)
    with pytest.raises(ValueError, match="completion module alone"):
        fr.build_model("CompoundGenerator", sr=None)
