"""The base of the project's mmengine metrics: ``sample[pred]`` scored against ``sample[target]``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import torch
from mmengine.evaluator import BaseMetric

from ..datadict import ReadsDataDict


def network_device(device: str | None) -> torch.device:
    """Where a metric's network runs: ``device``, or CUDA when available, else the CPU."""
    return torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))


class PairedMetric(ReadsDataDict, BaseMetric):
    """An mmengine metric that scores ``sample[pred]`` against ``sample[target]`` image by image.

    ``process`` takes the batch's data samples (dicts of batched N×C×H×W tensors: the model's outputs merged
    with the batch) and keeps one value per image; ``compute_metrics`` returns their mean under ``name``
    (default: the class name; mmengine prepends ``prefix + '/'`` when a prefix is given). Subclasses take their
    own arguments and forward these as ``**kwargs``; the registry's argument check follows them here.
    """

    default_prefix = ""  # no prefix unless asked (mmengine warns when this is None)

    def __init__(
        self,
        pred: str = "sr",
        target: str = "hr_gt",
        name: str | None = None,
        prefix: str | None = None,
        collect_device: str = "cpu",
    ):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.pred, self.target = pred, target
        self.name = name or type(self).__name__

    def score(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """Per-image values (N)."""
        raise NotImplementedError

    def process(self, data_batch: Any, data_samples: Sequence[Mapping[str, Any]]) -> None:
        """Score each image as a saved image would hold it: ``pred`` clamped to [0, 1] (a model's raw output, or
        a bicubic upsampling, may overshoot)."""
        for sample in data_samples:
            pred, target = self.fetch_pair(sample)
            self.results.extend(self.score(pred.clamp(0, 1), target).tolist())

    def compute_metrics(self, results: list) -> dict[str, float]:
        return {self.name: torch.tensor(results, dtype=torch.float64).mean().item()}
