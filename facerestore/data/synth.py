"""Render a synthfaces-like corpus of aligned faces with MobileStyleGAN (PyPI ``random-face``, OpenVINO).

This is the recipe of the shared ``synthfaces-128`` corpus: a z ~ N(0, I) per face, the mapping network,
truncation ψ = 0.75 towards the average style, the synthesis network's 1024² face cropped to its central
[128, 896)² square and resized with a Lanczos filter, saved as JPEG quality 95. The same recipe gives a corpus
of the same kind, not the same faces. It stands in for the papers' CelebA (FCSR-GAN §4.1), which cannot be
downloaded here.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
from PIL import Image
from tqdm import tqdm

from ..imageio import atomic_write

TRUNCATION_PSI = 0.75
STYLE_MEAN_SAMPLES = 4096
CROP = (128, 896)

INSTALL_HINT = (
    "facerestore's face generator needs OpenVINO and the MobileStyleGAN IR files of the PyPI package "
    "random-face: pip install openvino && pip install --no-deps random-face==2021.7.21.1 "
    "(random-face's code is Apache-2.0; its weights are for research use only: MobileStyleGAN imitates "
    "StyleGAN2 trained on FFHQ, CC BY-NC-SA 4.0, and so does every face it renders)"
)


def _load_networks():
    """Compile the mapping (z → style) and synthesis (style → 3×1024² in [−1, 1]) networks on the CPU.

    The IR files are loaded directly: ``random_face``'s own engine imports ``openvino.inference_engine``,
    which current OpenVINO no longer has, so the package is located but never imported.
    """
    try:
        import openvino as ov
    except ImportError as err:
        raise ImportError(INSTALL_HINT) from err
    spec = importlib.util.find_spec("random_face")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(INSTALL_HINT)
    data = Path(spec.submodule_search_locations[0]) / "data"
    core = ov.Core()
    mapping = core.read_model(data / "MappingNetwork.xml", data / "MappingNetwork.bin")
    mapping.reshape({"var": [-1, 512]})
    synthesis = core.read_model(data / "SynthesisNetwork.xml", data / "SynthesisNetwork.bin")
    return core.compile_model(mapping, "CPU"), core.compile_model(synthesis, "CPU")


def _to_image(output: np.ndarray, size: int) -> Image.Image:
    """Synthesis output 3×1024×1024 in [−1, 1] → the central [128, 896)² crop, Lanczos-resized to size²."""
    rgb = np.clip((output.transpose(1, 2, 0) + 1) * 127.5 + 0.5, 0, 255).astype(np.uint8)
    crop = Image.fromarray(rgb[CROP[0] : CROP[1], CROP[0] : CROP[1]])
    return crop.resize((size, size), Image.Resampling.LANCZOS)


def synthesize(n: int, out_dir: str | os.PathLike, seed: int = 0, size: int = 128, progress: bool = True) -> list[Path]:
    """Render ``n`` aligned faces into ``out_dir`` as ``00000.jpg`` … and return their paths.

    Face ``i`` comes from z drawn with ``numpy.random.default_rng([seed, i])``. The IR files take no
    truncation input (mapping: ``var`` 1×512 → ``style``; synthesis: ``style`` → ``img``), so truncation is
    applied here as in StyleGAN2: style ← mean + ψ·(style − mean), ψ = 0.75, the mean being the average style
    of 4096 z drawn with ``default_rng(0)`` (the same centre for every ``seed``). Each file is written to a
    temporary name and renamed, so an interrupted run leaves no partial image. About 0.3 s per face on 2 CPU
    cores.
    """
    mapping, synthesis = _load_networks()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    z_mean = np.random.default_rng(0).standard_normal((STYLE_MEAN_SAMPLES, 512), dtype=np.float32)
    style_mean = mapping(z_mean)[0].mean(axis=0, keepdims=True)
    paths = []
    for i in tqdm(range(n), desc="synthesizing faces", unit="face", disable=not progress):
        z = np.random.default_rng([seed, i]).standard_normal((1, 512), dtype=np.float32)
        style = style_mean + TRUNCATION_PSI * (mapping(z)[0] - style_mean)
        face = _to_image(synthesis(style)[0][0], size)
        paths.append(out / f"{i:05d}.jpg")
        atomic_write(paths[-1], lambda tmp, face=face: face.save(tmp, format="JPEG", quality=95))
    return paths
