import sys

import numpy as np
import pytest
from PIL import Image

from facerestore.data.annotate import DlibLandmarker, annotate_folder, save_landmarks
from facerestore.data.dataset import FaceImageDataset


def test_save_landmarks_is_the_corpus_format_the_dataset_reads(tmp_path):
    Image.fromarray(np.zeros((32, 32, 3), np.uint8)).save(tmp_path / "00007.png")
    points = np.random.default_rng(0).uniform(0, 32, (1, 68, 2))
    save_landmarks(tmp_path / "lm.npz", [7], points, [True])
    with np.load(tmp_path / "lm.npz") as data:
        assert sorted(data) == ["detected", "index", "landmarks"]
        assert data["landmarks"].dtype == np.float32 and data["detected"].dtype == bool
    sample = FaceImageDataset(tmp_path, hr_size=32, landmarks=tmp_path / "lm.npz")[0]
    np.testing.assert_allclose(sample["landmarks"].numpy(), points[0], atol=1e-5)
    with pytest.raises(ValueError, match="expected N file numbers"):
        save_landmarks(tmp_path / "bad.npz", [7, 8], points, [True])


def test_missing_dlib_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dlib", None)  # makes `import dlib` fail
    with pytest.raises(ImportError, match=r"pip install dlib-bin face-recognition-models.*no commercial use"):
        DlibLandmarker()


def test_dlib_landmarker_falls_back_to_the_central_box(tmp_path):
    pytest.importorskip("dlib")
    try:
        landmarker = DlibLandmarker()
    except ImportError:
        pytest.skip("face-recognition-models (the 68-point model) is not installed")
    noise = np.random.default_rng(0).integers(0, 256, (2, 64, 64, 3), dtype=np.uint8)  # no face in it
    points, detected = landmarker.detect(noise)
    assert points.shape == (2, 68, 2) and points.dtype == np.float32 and not detected.any()
    assert (points.min((0, 1)) > (0, 8)).all() and (points.max((0, 1)) < (64, 72)).all()  # in the central box
    assert np.array_equal(landmarker(noise[:1]), points[:1])
    Image.fromarray(noise[0]).save(tmp_path / "00003.png")
    annotate_folder(tmp_path, tmp_path / "lm.npz", landmarker)
    with np.load(tmp_path / "lm.npz") as data:
        assert data["index"].tolist() == [3] and np.array_equal(data["landmarks"], points[:1])
    with pytest.raises(ValueError, match="H×W×3 uint8"):
        landmarker.detect([noise[0].astype(np.float32)])
