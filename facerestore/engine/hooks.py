"""Hooks that facerestore adds to every Runner it builds."""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import torch
from mmengine.hooks import Hook
from mmengine.logging import HistoryBuffer
from mmengine.optim import OptimWrapperDict

from ..registry import HOOKS

_BUFFER_TAG = "__history_buffer__"


def to_weights_only(value: Any) -> Any:
    """A copy of ``value`` that ``torch.load(weights_only=True)`` accepts: numpy becomes tensors and Python
    scalars, and mmengine's ``HistoryBuffer`` (which pickles bound methods) a tagged dict of tensors."""
    if isinstance(value, HistoryBuffer):
        log, count = value.data
        return {
            _BUFFER_TAG: True,
            "log": torch.from_numpy(np.asarray(log, np.float64)),
            "count": torch.from_numpy(np.asarray(count, np.float64)),
            "max_length": value.max_length,
        }
    if isinstance(value, np.ndarray):
        return torch.from_numpy(value.copy())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return type(value)((k, to_weights_only(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return type(value)(to_weights_only(v) for v in value)
    return value


def from_weights_only(value: Any) -> Any:
    """Undo :func:`to_weights_only` for the history buffers."""
    if isinstance(value, dict):
        if value.get(_BUFFER_TAG):
            return HistoryBuffer(value["log"].tolist(), value["count"].tolist(), value["max_length"])
        for key, item in value.items():
            value[key] = from_weights_only(item)
    return value


@HOOKS.register_module()
class WeightsOnlyCheckpointHook(Hook):
    """Keep training checkpoints loadable with ``torch.load(weights_only=True)`` (torch ≥ 2.6's default), so
    ``--resume`` works without unpickling arbitrary objects."""

    priority = "VERY_LOW"  # after every hook that adds to the checkpoint

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        for key in list(checkpoint):
            if key not in ("state_dict", "optimizer"):
                checkpoint[key] = to_weights_only(checkpoint[key])

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        if "message_hub" in checkpoint:
            checkpoint["message_hub"] = from_weights_only(checkpoint["message_hub"])


@HOOKS.register_module()
class TimeBudgetHook(Hook):
    """End training after ``minutes`` of wall time (or at ``max_iters``, whichever comes first), so a lent
    GPU's fixed time is spent training rather than guessed at; ``facerestore train`` then writes the final
    model as usual. ``custom_hooks = [dict(type='TimeBudgetHook', minutes=10)]``.

    With ``anneal_to`` set, every learning rate also follows a cosine over the budget's wall time, from its
    starting value down to ``anneal_to`` (SGDR's cosine, with elapsed time for iterations): an iteration-based
    scheduler cannot know how many iterations the budget buys, so it would be cut off at a high rate. Leave the
    config's ``param_scheduler`` out then."""

    def __init__(self, minutes: float, anneal_to: float | None = None):
        if not minutes > 0:
            raise ValueError(f"TimeBudgetHook: minutes must be > 0, got {minutes!r}")
        if anneal_to is not None and not anneal_to >= 0:
            raise ValueError(f"TimeBudgetHook: anneal_to must be a learning rate >= 0, got {anneal_to!r}")
        self.seconds = 60.0 * minutes
        self.anneal_to = anneal_to

    def before_train(self, runner) -> None:
        self.start = time.monotonic()
        self.initial = []  # (param group, its starting lr) for each group the cosine moves
        if self.anneal_to is not None:
            wrapper = runner.optim_wrapper
            wrappers = wrapper.values() if isinstance(wrapper, OptimWrapperDict) else [wrapper]
            self.initial = [(group, group["lr"]) for each in wrappers for group in each.param_groups]

    def before_train_iter(self, runner, batch_idx: int, data_batch=None) -> None:
        done = min((time.monotonic() - self.start) / self.seconds, 1.0)
        for group, lr in self.initial:
            group["lr"] = self.anneal_to + (lr - self.anneal_to) * (1 + math.cos(math.pi * done)) / 2

    def after_train_iter(self, runner, batch_idx: int, data_batch=None, outputs=None) -> None:
        if time.monotonic() - self.start > self.seconds and not runner.train_loop.stop_training:
            runner.logger.info(f"time budget of {self.seconds / 60:g} min spent at iteration {runner.iter + 1}")
            runner.train_loop.stop_training = True
