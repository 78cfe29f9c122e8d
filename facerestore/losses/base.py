"""The contract every loss plugin follows: named keys in, an unweighted scalar out."""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import nn


class BaseLoss(nn.Module):
    """A loss term that reads ``data[pred]`` (and ``data[target]``) from the data dict of *Data flow*.

    ``forward(data)`` returns the **unweighted** scalar; ``weight`` is stored for :class:`TotalLoss`, and
    ``name`` is the key the term is logged under (default ``{kind}[_{tag}]_{pred}``, e.g.
    ``pixel_hole_lr_restored``).
    """

    #: Short name of the loss family, the first part of the default log key.
    kind: str

    def __init__(
        self,
        *,
        pred: str,
        target: str | None,
        weight: float = 1.0,
        name: str | None = None,
        tag: str | None = None,
    ):
        super().__init__()
        self.pred = pred
        self.target = target
        self.weight = float(weight)
        self.name = name or "_".join(part for part in (self.kind, tag, pred) if part)

    def fetch(self, data: Mapping[str, torch.Tensor], key: str) -> torch.Tensor:
        """``data[key]``, or a ``KeyError`` naming the key, this loss and the keys present."""
        try:
            return data[key]
        except KeyError:
            raise KeyError(
                f"{type(self).__name__} {self.name!r} reads data[{key!r}], which is missing; "
                f"keys present: {sorted(data)}"
            ) from None

    def fetch_pair(self, data: Mapping[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        """``(data[pred], data[target])``, or a ``ValueError`` naming both keys when their shapes differ."""
        pred, target = self.fetch(data, self.pred), self.fetch(data, self.target)
        if pred.shape != target.shape:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: pred {self.pred!r} has shape {tuple(pred.shape)} but "
                f"target {self.target!r} has shape {tuple(target.shape)}"
            )
        return pred, target


def freeze(module: nn.Module) -> nn.Module:
    """Turn ``module``'s parameters and buffers into non-persistent buffers and put it in eval mode: a frozen
    loss network follows ``.to()`` but is neither trained nor written to the trainee's ``state_dict()``."""
    for sub in module.modules():
        for key, tensor in list(sub.named_parameters(recurse=False)):
            delattr(sub, key)
            sub.register_buffer(key, tensor.detach(), persistent=False)
        for key, tensor in list(sub.named_buffers(recurse=False)):
            sub.register_buffer(key, tensor, persistent=False)
    return module.eval()
