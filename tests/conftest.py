import os

import numpy as np
import pytest
import torch

os.environ.setdefault("HF_HUB_OFFLINE", "1")
torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))


@pytest.fixture
def face_folder(tmp_path):
    """Twelve smooth 128² RGB "faces" (random low-frequency images), named like the synthfaces corpus."""
    from PIL import Image

    folder = tmp_path / "faces"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(12):
        low = rng.random((3, 8, 8)).astype(np.float32)
        face = torch.nn.functional.interpolate(torch.from_numpy(low)[None], size=128, mode="bicubic")[0]
        arr = (face.clamp(0, 1).permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)
        Image.fromarray(arr).save(folder / f"{i:05d}.png")
    return folder
