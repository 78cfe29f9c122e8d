"""Model complexity: parameter and multiply-accumulate (MAC) counts, as docs/architecture-notes.md §8 reports them.

MACs are FLOPs / 2 from :class:`torch.utils.flop_counter.FlopCounterMode`, which counts convolutions,
transposed convolutions and matrix products (linear layers, attention) and nothing else: no normalisation,
activation, pooling, resampling or element-wise op.

The count is taken on the ``meta`` device: parameters, buffers and inputs are swapped for meta tensors with
:func:`torch.func.functional_call`, so no arithmetic runs, no activation memory is allocated and the model is
neither copied nor changed (40.7 GMAC of FSRNet count in about a second on a loaded CPU, under half the time
of the real forward). A model whose forward cannot run on meta tensors (a Python branch on a tensor value, a
tensor made on a fixed device) is counted by a real forward instead; shapes, and so the count, are the same.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.func import functional_call
from torch.utils.flop_counter import FlopCounterMode


def count_params(model: nn.Module, trainable_only: bool = True) -> int:
    """Number of parameters (each shared tensor once); only those that require gradients by default."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def count_macs(model: nn.Module, *inputs) -> int:
    """Multiply-accumulates of one forward pass of ``model`` on ``inputs``, in eval mode without gradients.

    Without ``inputs`` the model's own ``example_inputs(batch=1)`` are used (every facerestore model has
    them). The model's train/eval flags are restored afterwards.
    """
    if not inputs:
        if not hasattr(model, "example_inputs"):
            raise TypeError(f"{type(model).__name__} has no example_inputs(); pass the inputs to count_macs")
        inputs = model.example_inputs(batch=1)
    modes = {m: m.training for m in model.modules()}
    model.eval()
    try:
        state = {**dict(model.named_parameters()), **dict(model.named_buffers())}
        try:
            return _count(model, _to_meta(state), _to_meta(inputs))
        except (RuntimeError, NotImplementedError):
            return _count(model, {}, inputs)
    finally:
        for module, training in modes.items():
            module.training = training


def _to_meta(value):
    """``value`` with every tensor replaced by an empty one of the same shape and dtype on ``meta``."""
    if isinstance(value, torch.Tensor):
        return torch.empty_like(value, device="meta")
    if isinstance(value, dict):
        return {k: _to_meta(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_to_meta(v) for v in value)
    return value


def _count(model: nn.Module, state: dict, inputs) -> int:
    """FLOPs / 2 of ``model(*inputs)`` with ``state`` standing in for its parameters and buffers."""
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        functional_call(model, state, tuple(inputs))
    return counter.get_total_flops() // 2
