import os

import numpy as np
import pytest
import torch

os.environ.setdefault("HF_HUB_OFFLINE", "1")
torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))


def write_smooth_faces(folder, numbers, rng):
    """Smooth 128² RGB "faces" (random low-frequency images) named ``{n:05d}.png`` like the synthfaces corpus."""
    from PIL import Image

    folder.mkdir()
    for n in numbers:
        low = torch.from_numpy(rng.random((3, 8, 8)).astype(np.float32))[None]
        face = torch.nn.functional.interpolate(low, size=128, mode="bicubic")[0].clamp(0, 1)
        Image.fromarray((face.permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)).save(folder / f"{n:05d}.png")


@pytest.fixture
def face_folder(tmp_path):
    """Twelve smooth faces in one folder."""
    write_smooth_faces(tmp_path / "faces", range(12), np.random.default_rng(0))
    return tmp_path / "faces"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The synthfaces-128 layout in miniature: train/00000–00003, test/10000–10001 and their 68 landmarks."""
    from tests.helpers import synthetic_face

    root = tmp_path_factory.mktemp("corpus")
    rng = np.random.default_rng(0)
    splits = {"train": range(4), "test": range(10000, 10002)}
    for folder, numbers in splits.items():
        write_smooth_faces(root / folder, numbers, rng)
    index = [n for numbers in splits.values() for n in numbers]
    points = [synthetic_face(angle_deg=rng.uniform(-10, 10)).numpy() for _ in index]
    np.savez(root / "landmarks.npz", index=np.array(index), landmarks=np.stack(points))
    return root


@pytest.fixture
def tiny_model(tmp_path):
    """:func:`tests.helpers.tiny_generator` saved as a model directory."""
    import facerestore as fr
    from tests.helpers import tiny_generator

    return fr.save_pretrained(tiny_generator(), tmp_path / "tiny")
