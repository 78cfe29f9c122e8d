"""Reading the data dict (docs/architecture-notes.md §6) by name, as every loss plugin and metric does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch


class ReadsDataDict:
    """``fetch`` / ``fetch_pair`` for classes that read ``data[self.pred]`` and ``data[self.target]`` and are
    named ``self.name``; missing keys and mismatched shapes are errors naming both."""

    pred: str
    target: str | None
    name: str

    def fetch(self, data: Mapping[str, Any], key: str) -> torch.Tensor:
        """``data[key]``, or a ``KeyError`` naming the key, the reader and the keys present."""
        try:
            return data[key]
        except KeyError:
            raise KeyError(
                f"{type(self).__name__} {self.name!r} reads data[{key!r}], which is missing; "
                f"keys present: {sorted(data)}"
            ) from None

    def fetch_pair(self, data: Mapping[str, Any]) -> tuple[torch.Tensor, torch.Tensor]:
        """``(data[pred], data[target])``, or a ``ValueError`` naming both keys when their shapes differ."""
        pred, target = self.fetch(data, self.pred), self.fetch(data, self.target)
        if pred.shape != target.shape:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: pred {self.pred!r} has shape {tuple(pred.shape)} but "
                f"target {self.target!r} has shape {tuple(target.shape)}"
            )
        return pred, target
