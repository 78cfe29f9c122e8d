"""Optimisers for GAN training: one optimiser wrapper per part of the model."""

from __future__ import annotations

from mmengine.optim import OptimWrapperDict, build_optim_wrapper

from ..registry import OPTIM_WRAPPER_CONSTRUCTORS


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class GANOptimWrapperConstructor:
    """Build an ``OptimWrapperDict`` with one wrapper per named submodule (``generator``, ``discriminator``).

    Config: ``optim_wrapper = dict(constructor="GANOptimWrapperConstructor", generator=dict(type="OptimWrapper",
    optimizer=...), discriminator=dict(...))``; each entry is an ordinary mmengine optimiser-wrapper config.
    """

    def __init__(self, optim_wrapper_cfg: dict, paramwise_cfg: dict | None = None):
        if paramwise_cfg is not None:
            raise ValueError("GANOptimWrapperConstructor: give paramwise_cfg inside each part's config")
        self.parts = dict(optim_wrapper_cfg)

    def __call__(self, model) -> OptimWrapperDict:
        model = getattr(model, "module", model)
        if missing := [name for name in self.parts if getattr(model, name, None) is None]:
            raise ValueError(f"optimiser configs name parts the model does not have: {missing}")
        return OptimWrapperDict(
            **{name: build_optim_wrapper(getattr(model, name), cfg) for name, cfg in self.parts.items()}
        )
