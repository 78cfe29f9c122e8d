"""Shared test helpers."""

import importlib
import sys
from types import ModuleType


def import_basicsr_metrics() -> ModuleType:
    """``basicsr.metrics.psnr_ssim`` of upstream basicsr 1.4.2 (the ``[dev]`` extra), on new torchvision.

    basicsr 1.4.2 imports ``torchvision.transforms.functional_tensor``, removed in torchvision 0.17; what it
    needs is in ``torchvision.transforms.functional``, aliased here before the import (the upstream fix was
    never released). A missing basicsr raises ``ImportError``: parity tests fail rather than skip.
    """
    import torchvision.transforms.functional

    sys.modules.setdefault("torchvision.transforms.functional_tensor", torchvision.transforms.functional)
    return importlib.import_module("basicsr.metrics.psnr_ssim")
