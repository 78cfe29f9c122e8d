"""The contract every loss plugin follows: named keys in, an unweighted scalar out."""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import nn

from ..datadict import ReadsDataDict
from ..imaging import mask_to_size

REGIONS = ("hole", "valid")


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


class RegionLoss(BaseLoss):
    """A loss that can be restricted to a region of the mask ``data[mask]`` (1 = known): ``region='hole'``
    weights every element by ``1 − M``, ``'valid'`` by ``M``, None not at all; the mask is resized to the
    prediction's size with :func:`~facerestore.imaging.mask_to_size` when it differs. The region is the
    default log key's tag (``pixel_hole_lr_restored``)."""

    def __init__(
        self, *, pred: str, target: str | None, weight: float, name: str | None, region: str | None, mask: str
    ):
        if region is not None and region not in REGIONS:
            raise ValueError(f"{type(self).__name__} region must be None, 'hole' or 'valid', got {region!r}")
        super().__init__(pred=pred, target=target, weight=weight, name=name, tag=region)
        self.region, self.mask = region, mask

    def region_weight(self, data: Mapping[str, torch.Tensor], like: torch.Tensor) -> torch.Tensor:
        """The region's weight (N×1×H×W) at ``like``'s size and dtype; call only when ``region`` is set."""
        known = mask_to_size(self.fetch(data, self.mask), like.shape[-1]).to(like.dtype)
        return 1 - known if self.region == "hole" else known
