"""Shared test helpers."""

import importlib
import sys
from types import ModuleType


def import_basicsr_metrics() -> ModuleType:
    """``basicsr.metrics.psnr_ssim`` from upstream basicsr 1.4.2 (the ``[dev]`` extra), importable on new torchvision.

    basicsr 1.4.2 imports ``torchvision.transforms.functional_tensor``, removed in torchvision 0.17; the module it
    needs is ``torchvision.transforms.functional``, aliased here before the import (the fix was never released).
    A missing basicsr raises ``ImportError``: parity tests fail rather than skip.
    """
    import torchvision.transforms.functional

    sys.modules.setdefault("torchvision.transforms.functional_tensor", torchvision.transforms.functional)
    return importlib.import_module("basicsr.metrics.psnr_ssim")
