"""The weighted sum of a list of loss plugins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import torch
from torch import nn

from ..registry import LOSSES
from .base import BaseLoss


def build_terms(losses: Sequence[Mapping[str, Any] | nn.Module] | Mapping[str, Any]) -> list[nn.Module]:
    """``losses`` as built loss modules: a list or a labelling dict of configs or built losses (:class:`TotalLoss`)."""
    if isinstance(losses, Mapping):
        losses = [x for x in losses.values() if x is not None]
    return [x if isinstance(x, nn.Module) else LOSSES.build(x) for x in losses]


@LOSSES.register_module()
class TotalLoss(nn.Module):
    """Σ weight·term over ``losses`` (e.g. FCSR-GAN eq. 10 and 11): each a loss config dict or a built loss.

    ``losses`` is a list, or a dict whose keys only label the entries so that a derived config can change or
    drop one by key (``None`` drops it: ``losses=dict(style=None)`` is an ablation without the style term).
    ``forward(data)`` returns ``(total, terms)`` where ``terms`` maps each loss's ``name`` to its
    **weighted** value (an empty list totals 0: a training stage whose only term is adversarial). Names must be
    unique (give ``name=`` to tell two entries apart).
    """

    def __init__(self, losses: Sequence[Mapping[str, Any] | BaseLoss] | Mapping[str, Any]):
        super().__init__()
        self.losses = nn.ModuleList(build_terms(losses))
        names = [loss.name for loss in self.losses]
        if duplicates := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"TotalLoss: duplicate loss names {duplicates}; set name= on all but one of each")

    def forward(self, data: Mapping[str, torch.Tensor]) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        terms = {loss.name: loss.weight * loss(data) for loss in self.losses}
        return sum(terms.values()), terms
