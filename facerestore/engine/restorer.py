"""The training wrapper the mmengine Runner drives: a generator, its loss plugins and the stage schedule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import torch
from mmengine.logging import MessageHub
from mmengine.model import BaseModel
from mmengine.optim import OptimWrapperDict
from torch import nn

from ..losses.adversarial import AdversarialLoss, discriminator_loss, hole_windows
from ..losses.total import build_terms
from ..models.base import run_guarded
from ..registry import LOSSES, MODELS, build_model

PARTS = ("completion", "prior", "sr")


class Stage:
    """One training stage: how long it lasts, which generator parts learn, and its loss terms.

    ``parts`` (default: every part the generator has) are the ones that learn; the SR module runs only when
    it is one of them. FCSR-GAN's two-stage schedule (FCSR-GAN §3.2, Fig. 2) is ``completion``
    (``parts=['completion']``, losses L_fc of eq. 10) then ``joint`` (eq. 11–12: L_fc + L_sr); FishFSRNet's
    two steps (FishFSRNet §IV-B) are ``parts=['prior']`` (ParsingNet, eq. 2) then ``parts=['sr']``.

    The other parts run frozen unless named in ``skip`` (only ``'completion'`` can be). ``inputs`` says which batch keys
    the generator reads as ``lr`` and ``mask`` (default ``lr`` and ``mask``; a ``mask`` of None means nothing is
    occluded). Together they train one module of a sequential baseline on its own task (FCSR-GAN Fig. 7): SR on clean
    faces is ``parts=['sr'], skip=['completion'], inputs=dict(lr='lr_gt', mask=None)``.
    """

    def __init__(
        self,
        name: str,
        losses: Sequence[dict] | Mapping[str, dict | None],
        iters: int | None = None,
        parts: Sequence[str] | None = None,
        skip: Sequence[str] = (),
        inputs: dict[str, str | None] | None = None,
    ):
        if unknown := set(parts or ()) - set(PARTS):
            raise ValueError(f"stage {name!r}: unknown parts {sorted(unknown)}; use some of {PARTS}")
        if set(skip) - {"completion"}:
            raise ValueError(f"stage {name!r}: only 'completion' can be skipped, got skip={list(skip)}")
        self.inputs = {"lr": "lr", "mask": "mask", **(inputs or {})}
        if set(self.inputs) != {"lr", "mask"} or self.inputs["lr"] is None:
            raise ValueError(f"stage {name!r}: inputs maps 'lr' (a batch key) and 'mask' (a key or None), got {inputs}")
        self.name, self.iters = name, iters
        self.parts = None if parts is None else tuple(parts)
        self.skip = tuple(skip)
        terms = build_terms(losses)
        if not terms:
            raise ValueError(f"stage {name!r} has no loss terms")
        # Terms on the data dict sum in a TotalLoss; adversarial terms take logits of D, which the engine computes.
        self.adversarial = [term for term in terms if isinstance(term, AdversarialLoss)]
        self.loss = LOSSES.build(dict(type="TotalLoss", losses=[t for t in terms if t not in self.adversarial]))
        judges = [term.discriminator for term in self.adversarial]
        if len(set(judges)) != len(judges):
            raise ValueError(f"stage {name!r}: each discriminator takes one adversarial term, got {judges}")


def _discriminators(spec: Mapping[str, Any] | None) -> dict[str, nn.Module]:
    """``discriminator=``: one config (named ``'main'``) or a dict name → config (e.g. GFC's global and local)."""
    named = {} if spec is None else {"main": spec} if "type" in spec else dict(spec)
    built = {name: build_model(cfg) for name, cfg in named.items()}
    for name, d in built.items():
        if d.kind != "discriminator":
            raise TypeError(f"discriminator {name!r} must be a discriminator, got {type(d).__name__}")
    return built


def _named(name: str, stage: Mapping[str, Any]) -> dict[str, Any]:
    if stage.get("name", name) != name:
        raise ValueError(f"stage {name!r} has a different name= ({stage['name']!r}); drop one of them")
    return {**stage, "name": name}


@MODELS.register_module()
class FaceRestorer(BaseModel):
    """Trains a generator through a schedule of stages (each a dict for :class:`Stage`); the last stage runs
    until the training loop ends. ``stages`` is a list, or a dict name → stage in schedule order, which a
    derived config can change by name (``None`` drops a stage: ``stages=dict(completion=None)``).
    ``discriminator`` is one discriminator config (named ``'main'``) or a dict name → config; each adversarial
    term names the one that judges it (GFC trains a global and a local one). ``val_step``/``test_step`` return
    the batch merged with the generator's outputs, the dict every facerestore metric reads.

    ``memory_format='channels_last'`` keeps the generator, the critics and every image batch in the
    channels-last layout, which the CPU convolution kernels run faster (benchmarks/bench_training.py measures
    it per config); outputs and checkpoints are the same as with the default ``'contiguous_format'``.
    """

    def __init__(
        self,
        generator: dict,
        stages: Sequence[dict[str, Any]] | Mapping[str, dict[str, Any] | None],
        discriminator: Mapping[str, Any] | None = None,
        gradient_penalty: dict | None = None,
        n_critic: int = 1,
        memory_format: str = "contiguous_format",
        data_preprocessor=None,
        init_cfg=None,
    ):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.generator = build_model(generator)
        if self.generator.kind != "compound":
            raise TypeError(
                f"FaceRestorer trains compound generators; wrap {type(self.generator).__name__} as "
                f"dict(type='CompoundGenerator', sr=...) (completion=None gives plain SR)"
            )
        if isinstance(stages, Mapping):
            stages = [_named(name, s) for name, s in stages.items() if s is not None]
        if not stages:
            raise ValueError("FaceRestorer needs at least one training stage")
        stage_list = [Stage(**s) for s in stages]
        for s in stage_list[:-1]:
            if not s.iters:
                raise ValueError(f"stage {s.name!r} is not the last one and needs a number of iters")
        present = tuple(p for p in PARTS if getattr(self.generator, p, None) is not None)
        for s in stage_list:
            if missing := set(s.parts or ()) - set(present):
                raise ValueError(f"stage {s.name!r} trains {sorted(missing)}, which the generator does not have")
            s.parts = s.parts or present
            if set(s.skip) & set(s.parts):
                raise ValueError(f"stage {s.name!r} skips {sorted(set(s.skip) & set(s.parts))}, which it also trains")
        self.discriminator = nn.ModuleDict(_discriminators(discriminator))
        for s in stage_list:
            for term in s.adversarial:
                if term.discriminator not in self.discriminator:
                    raise ValueError(
                        f"stage {s.name!r}: {term.name!r} is judged by discriminator {term.discriminator!r}, "
                        f"which is not configured (discriminators: {list(self.discriminator) or 'none'})"
                    )
        self.gradient_penalty = (
            None if gradient_penalty is None else LOSSES.build(dict(type="GradientPenalty", **gradient_penalty))
        )
        if n_critic < 1:
            raise ValueError(f"n_critic must be ≥ 1, got {n_critic}")
        self.n_critic = n_critic
        self.__dict__["stages"] = stage_list  # plain objects; their loss modules are registered below
        # Registered so that .to(device) moves frozen loss networks (VGG); they hold no parameters and no
        # persistent buffers, so neither the optimiser nor the checkpoints see them.
        self.losses = nn.ModuleList(s.loss for s in stage_list)
        formats = {"contiguous_format": torch.contiguous_format, "channels_last": torch.channels_last}
        if memory_format not in formats:
            raise ValueError(f"memory_format must be one of {sorted(formats)}, got {memory_format!r}")
        self.memory_format = formats[memory_format]
        self.generator.to(memory_format=self.memory_format)
        self.discriminator.to(memory_format=self.memory_format)

    def _preprocess(self, data, training: bool) -> dict:
        data = self.data_preprocessor(data, training)
        return {
            k: v.contiguous(memory_format=self.memory_format) if isinstance(v, torch.Tensor) and v.dim() == 4 else v
            for k, v in data.items()
        }

    def stage_at(self, iteration: int) -> Stage:
        start = 0
        for stage in self.stages[:-1]:
            if iteration < start + stage.iters:
                return stage
            start += stage.iters
        return self.stages[-1]

    def _set_trainable(self, stage: Stage) -> None:
        for part in PARTS:
            module = getattr(self.generator, part, None)
            if module is not None:
                module.requires_grad_(part in stage.parts).train(part in stage.parts)

    def _generate(self, data: dict, stage: Stage) -> dict:
        """The generator on the batch as ``stage`` runs it."""
        for key in stage.inputs.values():
            if key is not None and key not in data:
                raise KeyError(f"stage {stage.name!r} reads {key!r}, which the batch does not have ({sorted(data)})")
        lr, mask = (None if key is None else data[key] for key in stage.inputs.values())
        out = self.generator(lr, mask, with_sr="sr" in stage.parts, with_completion="completion" not in stage.skip)
        return {**data, **out}

    def train_step(self, data, optim_wrapper):
        """One iteration. With an adversarial term in the stage, the discriminator learns every iteration and the
        generator every ``n_critic``-th (WGAN-GP; FCSR-GAN's code uses 5), each with its own optimiser:
        ``optim_wrapper`` is then an ``OptimWrapperDict`` with ``generator`` and ``discriminator``
        (``constructor='GANOptimWrapperConstructor'``)."""
        iteration = MessageHub.get_current_instance().get_info("iter", 0)
        stage = self.stage_at(iteration)
        self._set_trainable(stage)
        data = self._preprocess(data, True)
        if not stage.adversarial:
            optim = optim_wrapper["generator"] if isinstance(optim_wrapper, OptimWrapperDict) else optim_wrapper
            with optim.optim_context(self):
                merged = self._generate(data, stage)
            return self._generator_step(merged, stage, optim)
        update_generator = iteration % self.n_critic == 0
        with optim_wrapper["generator"].optim_context(self), torch.set_grad_enabled(update_generator):
            merged = self._generate(data, stage)
        log = self._discriminator_step(merged, stage.adversarial, optim_wrapper["discriminator"])
        if update_generator:
            log.update(self._generator_step(merged, stage, optim_wrapper["generator"]))
        return log

    def _generator_step(self, merged: dict, stage: Stage, optim) -> dict:
        with optim.optim_context(self):
            self.discriminator.requires_grad_(False)  # the generator's loss must not reach D's gradients
            total, terms = stage.loss(merged)
            adversarial = self.adversarial_terms(stage, merged)
            total, terms = total + sum(adversarial.values()), {**terms, **adversarial}
        optim.update_params(total)
        return {"loss": total.detach(), **{k: v.detach() for k, v in terms.items()}}

    @staticmethod
    def _judged(term: AdversarialLoss, data: dict, key: str) -> torch.Tensor:
        """``data[key]`` as ``term``'s discriminator sees it: whole, or the window around each image's hole."""
        for needed in (key,) if term.crop is None else (key, term.mask):
            if needed not in data:
                raise KeyError(
                    f"adversarial term {term.name!r} reads data[{needed!r}], which is missing ({sorted(data)})"
                )
        if term.crop is None:
            return data[key]
        try:
            return hole_windows(data[key], data[term.mask], term.crop)
        except ValueError as err:
            raise ValueError(f"adversarial term {term.name!r} on {key!r}: {err}") from None

    def adversarial_terms(self, stage: Stage, data: dict) -> dict[str, torch.Tensor]:
        """Each adversarial term of ``stage``, weighted, on its discriminator's logits for the generated images."""
        return {
            term.name: term.weight * term(self.discriminator[term.discriminator](self._judged(term, data, term.pred)))
            for term in stage.adversarial
        }

    def _discriminator_step(self, merged: dict, adversarial: Sequence, optim) -> dict:
        """One step of every discriminator of the stage on the sum of their losses (and penalties), logged as
        ``d_loss`` and ``d_gp``, or per discriminator with its name appended when there are several."""
        self.discriminator.requires_grad_(True)
        log, total = {}, 0
        with optim.optim_context(self.discriminator):
            for term in adversarial:
                judge = self.discriminator[term.discriminator]
                real, fake = self._judged(term, merged, term.target), self._judged(term, merged, term.pred).detach()
                suffix = "" if len(adversarial) == 1 else f"_{term.discriminator}"
                loss = discriminator_loss(term.gan_type, judge(real), judge(fake))
                log[f"d_loss{suffix}"] = loss.detach()
                if self.gradient_penalty is not None:
                    penalty = self.gradient_penalty.weight * self.gradient_penalty.penalty(judge, real, fake)
                    log[f"d_{self.gradient_penalty.name}{suffix}"] = penalty.detach()
                    loss = loss + penalty
                total = total + loss
        optim.update_params(total)
        return log

    def val_step(self, data):
        data = self._preprocess(data, False)
        with torch.no_grad():  # in the generator's dtype (test --dtype); fp16/bf16 NaN/Inf is redone in float32
            merged = {**data, **run_guarded(self.generator, nn.Module.__call__, data["lr"], data.get("mask"))}
        for key in ("sr", "lr_restored"):
            if key in merged and not torch.isfinite(merged[key]).all():
                raise ValueError(f"the generator produced NaN or Inf in {key!r}: its weights are damaged or diverged")
        return [{k: v.cpu() if isinstance(v, torch.Tensor) else v for k, v in merged.items()}]

    test_step = val_step

    def forward(self, inputs, data_samples=None, mode="tensor"):
        return self.generator(inputs)
