"""The contract every loss plugin follows: named keys in, an unweighted scalar out."""

from __future__ import annotations

from torch import nn

from ..datadict import ReadsDataDict


class BaseLoss(ReadsDataDict, nn.Module):
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
        self.pred, self.target, self.weight = pred, target, float(weight)
        self.name = name or "_".join(part for part in (self.kind, tag, pred) if part)

    def train(self, mode: bool = True) -> BaseLoss:
        """Switch modes, except for frozen networks (:func:`freeze`), which stay in eval mode."""
        super().train(mode)
        for module in self.modules():
            if getattr(module, "frozen", False):
                module.eval()
        return self
