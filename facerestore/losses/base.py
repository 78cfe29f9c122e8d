"""The contract every loss plugin follows: named keys in, an unweighted scalar out."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

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
        self.pred = pred
        self.target = target
        self.weight = float(weight)
        self.name = name or "_".join(part for part in (self.kind, tag, pred) if part)

    def train(self, mode: bool = True) -> BaseLoss:
        """Switch modes, except for frozen networks (:func:`freeze`), which stay in eval mode."""
        super().train(mode)
        for module in self.modules():
            if getattr(module, "frozen", False):
                module.eval()
        return self


def freeze(module: nn.Module) -> nn.Module:
    """Turn ``module``'s parameters and buffers into non-persistent buffers and put it in eval mode: a frozen
    loss network follows ``.to()`` but is neither trained nor written to the trainee's ``state_dict()``."""
    for sub in module.modules():
        for key, tensor in list(sub.named_parameters(recurse=False)):
            delattr(sub, key)
            sub.register_buffer(key, tensor.detach(), persistent=False)
        for key, tensor in list(sub.named_buffers(recurse=False)):
            sub.register_buffer(key, tensor, persistent=False)
    module.frozen = True
    return module.eval()


def frozen_network(network: Mapping[str, Any] | str, weights: str | os.PathLike | None, kind: str, owner: str):
    """Build the registered ``kind`` model ``network`` for the loss ``owner``, load ``weights`` into it (a
    ``model.safetensors`` state dict, loaded strictly, or ``'random'``; None only for a network that brings its
    own, ``pretrained = True``) and :func:`freeze` it."""
    from .. import build_model
    from ..hub import load_weights

    net = build_model(network)
    if net.kind != kind:
        raise TypeError(f"{owner} needs a network of kind {kind!r}, got {type(net).__name__} ({net.kind})")
    if weights is None and not getattr(net, "pretrained", False):
        raise ValueError(
            f"{owner} needs weights for {type(net).__name__}: pass weights='/path/model.safetensors' (a state dict "
            f"of this network that you trained), or weights='random' for untrained features (tests and ablations only)"
        )
    if weights is not None and weights != "random":
        load_weights(net, weights)
    return freeze(net)
