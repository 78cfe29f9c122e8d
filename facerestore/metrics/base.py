"""The base of the project's mmengine metrics: ``sample[pred]`` scored against ``sample[target]``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import torch
from mmengine.evaluator import BaseMetric


class PairedMetric(BaseMetric):
    """An mmengine metric that scores ``sample[pred]`` against ``sample[target]`` image by image.

    ``process`` takes the batch's data samples (dicts of batched N×C×H×W tensors: the model's outputs merged
    with the batch) and keeps one value per image; ``compute_metrics`` returns their mean under ``name``
    (default: the class name; mmengine prepends ``prefix + '/'`` when a prefix is given).
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

    def fetch(self, sample: Mapping[str, Any], key: str) -> torch.Tensor:
        try:
            return sample[key]
        except KeyError:
            raise KeyError(
                f"{type(self).__name__} {self.name!r} reads {key!r}, which is missing; keys present: {sorted(sample)}"
            ) from None

    def fetch_pair(self, sample: Mapping[str, Any]) -> tuple[torch.Tensor, torch.Tensor]:
        """``(sample[pred], sample[target])``, or a ``ValueError`` naming both keys when their shapes differ."""
        pred, target = self.fetch(sample, self.pred), self.fetch(sample, self.target)
        if pred.shape != target.shape:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: pred {self.pred!r} has shape {tuple(pred.shape)} "
                f"but target {self.target!r} has shape {tuple(target.shape)}"
            )
        return pred, target

    def process(self, data_batch: Any, data_samples: Sequence[Mapping[str, Any]]) -> None:
        """Score each image as a saved image would hold it: ``pred`` clamped to [0, 1] (a model's raw output, or
        a bicubic upsampling, may overshoot)."""
        for sample in data_samples:
            pred, target = self.fetch_pair(sample)
            self.results.extend(self.score(pred.clamp(0, 1), target).tolist())

    def compute_metrics(self, results: list) -> dict[str, float]:
        return {self.name: torch.tensor(results, dtype=torch.float64).mean().item()}
