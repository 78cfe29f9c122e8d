"""Shared test helpers."""

import importlib
import math
import sys
from pathlib import Path
from types import ModuleType

import torch


def import_basicsr_metrics() -> ModuleType:
    """``basicsr.metrics.psnr_ssim`` of upstream basicsr 1.4.2 (the ``[dev]`` extra), on new torchvision.

    basicsr 1.4.2 imports ``torchvision.transforms.functional_tensor``, removed in torchvision 0.17; what it
    needs is in ``torchvision.transforms.functional``, aliased here before the import (the upstream fix was
    never released). A missing basicsr raises ``ImportError``: parity tests fail rather than skip.
    """
    import torchvision.transforms.functional

    sys.modules.setdefault("torchvision.transforms.functional_tensor", torchvision.transforms.functional)
    return importlib.import_module("basicsr.metrics.psnr_ssim")


def import_script(name: str) -> ModuleType:
    """The module of ``scripts/NAME.py`` (scripts are not a package; a script may import its siblings)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


def _ellipse(cx, cy, rx, ry, angles):
    return [(cx + rx * math.cos(a), cy - ry * math.sin(a)) for a in angles]


def synthetic_face(angle_deg=0.0):
    """A frontal 68-point face (iBUG 300-W order) on the 128² grid, rotated by ``angle_deg`` about (64, 64)."""
    pi = math.pi
    jaw = _ellipse(64, 60, 44, -62, [pi - k * pi / 16 for k in range(17)])  # down around the chin
    brows = [(x, 46 - 4 * math.sin(pi * k / 4)) for x0 in (28, 72) for k, x in enumerate(range(x0, x0 + 29, 7))]
    bridge = [(64, y) for y in (52, 60, 68, 76)]
    lower_nose = list(zip((54, 59, 64, 69, 74), (80, 82, 84, 82, 80)))
    eyes = [p for cx in (44, 84) for p in _ellipse(cx, 56, 8, 3.5, [pi - k * pi / 3 for k in range(6)])]
    outer = _ellipse(64, 100, 18, 9, [pi - k * pi / 6 for k in range(7)])
    outer += _ellipse(64, 100, 18, 9, [-k * pi / 6 for k in range(1, 6)])
    inner = _ellipse(64, 100, 12, 4, [pi - k * pi / 4 for k in range(5)])
    inner += _ellipse(64, 100, 12, 4, [-k * pi / 4 for k in range(1, 4)])
    points = torch.tensor(jaw + brows + bridge + lower_nose + eyes + outer + inner, dtype=torch.float32)
    assert points.shape == (68, 2)
    a = math.radians(angle_deg)
    rotation = torch.tensor([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    return (points - 64) @ rotation.T + 64


def tiny_generator():
    """A tiny PConv + SRResNet ×8 compound generator for 16² faces (seeded), in eval mode."""
    import facerestore as fr

    torch.manual_seed(0)
    return fr.build_model(
        "CompoundGenerator",
        completion=dict(type="PConvUNet", input_size=16, base_channels=4),
        sr=dict(type="SRResNet", scale=8, num_feat=8, num_block=1),
    ).eval()
