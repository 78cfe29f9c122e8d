"""Data-parallel training on several processes (``torchrun --nproc-per-node N -m facerestore train CONFIG
--launcher pytorch``; docs/user-guide.md, "Training on several processes").

mmengine's ``MMDistributedDataParallel`` runs a model's ``forward(mode='loss')`` under one optimiser; a
:class:`~facerestore.engine.FaceRestorer` has its own ``train_step`` (stages that freeze parts, a discriminator
step and a generator step with their own optimisers), which DDP's single reducer cannot follow. So the replicas
are kept identical by averaging each parameter's gradient over the processes as soon as it is accumulated
(``register_post_accumulate_grad_hook`` + ``all_reduce``), before any optimiser step, whichever step produced it.
"""

from __future__ import annotations

import torch
from mmengine.dist import get_world_size
from torch import distributed as dist
from torch import nn

from ..registry import MODEL_WRAPPERS


@MODEL_WRAPPERS.register_module()
class GradientSyncWrapper(nn.Module):
    """The model of a multi-process run: ``module`` starts from rank 0's parameters and buffers, every gradient is
    averaged over the processes when it is accumulated, and buffers (BatchNorm statistics) are taken from rank 0
    before each training step, as DDP's ``broadcast_buffers`` does. Each process draws its own samples (mmengine's
    samplers shard the data by rank), so N processes at batch B train as one at batch N·B."""

    def __init__(self, module: nn.Module):
        super().__init__()
        self.module = module
        self._broadcast(module.state_dict().values())
        for param in module.parameters():
            param.register_post_accumulate_grad_hook(self._average)

    @staticmethod
    def _broadcast(tensors) -> None:
        for tensor in tensors:
            dist.broadcast(tensor.data, src=0)

    @staticmethod
    def _average(param: torch.Tensor) -> None:
        dist.all_reduce(param.grad)
        param.grad.div_(get_world_size())

    def train_step(self, data, optim_wrapper):
        parameters = {id(p) for p in self.module.parameters()}
        self._broadcast(t for t in self.module.state_dict(keep_vars=True).values() if id(t) not in parameters)
        return self.module.train_step(data, optim_wrapper)

    def val_step(self, data):
        return self.module.val_step(data)

    def test_step(self, data):
        return self.module.test_step(data)
