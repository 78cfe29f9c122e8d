import importlib.util

import numpy as np
import pytest
from PIL import Image

from facerestore.data import synth


def test_missing_generator_says_how_to_install(monkeypatch):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "random_face" else find_spec(name))
    with pytest.raises(ImportError, match="random-face==2021.7.21.1.*research use only"):
        synth.synthesize(1, "unused")


def test_synthesize_one_small_face(tmp_path):
    pytest.importorskip("openvino")
    if importlib.util.find_spec("random_face") is None:
        pytest.skip("random-face is not installed")
    paths = synth.synthesize(1, tmp_path / "faces", seed=3, size=32, progress=False)
    assert [p.name for p in paths] == ["00000.jpg"]
    assert sorted(p.name for p in (tmp_path / "faces").iterdir()) == ["00000.jpg"]  # no temporary file left
    with Image.open(paths[0]) as img:
        assert img.format == "JPEG" and img.mode == "RGB" and img.size == (32, 32)
        face = np.asarray(img)
    assert face.std() > 10  # a picture, not a flat colour
