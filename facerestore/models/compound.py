"""Compound generators: a completion / denoise module and an SR module composed by config.

FCSR-GAN eq. 1–3: ``I'_LR = FC(I_occ)``, ``I_LR = (1 − M)·I'_LR + M·I_occ``, ``I_HR = SR(I_LR)``.
The same class gives the sequential baselines of FCSR-GAN Fig. 7 (``order='completion_first'`` or ``'sr_first'``)
and plain SR (``completion=None``).
"""

from __future__ import annotations

from typing import Any

import torch

from ..imaging import bicubic_resize, mask_to_size
from ..registry import build_model, register_model
from .base import FaceModule, blend

_TINY = dict(
    completion=dict(type="PConvUNet", input_size=16, base_channels=4),
    sr=dict(type="SRResNet", scale=8, num_feat=8, num_block=1),
)


def _part(spec: Any, role: str) -> FaceModule | None:
    if spec is None or isinstance(spec, FaceModule):
        return spec
    if isinstance(spec, str | dict):
        return build_model(spec)
    raise TypeError(f"{role} must be a registry name, a config dict or a facerestore model, got {type(spec)}")


@register_model("compound", tiny_config=_TINY)
class CompoundGenerator(FaceModule):
    """Completion (optional) and SR, with FCSR-GAN's mask blending; returns the dict of docs/architecture-notes.md §6.

    Args:
        completion: a completion / denoise module (registry name, config dict or model), or None.
        prior: a prior module (e.g. ``ParsingNet``) whose output on the SR module's input is the SR module's
            second input (FishFSRNet's parsing map, FishFSRNet Fig. 2), returned as ``prior_parsing_lr``. Required
            exactly when the SR module declares ``needs_prior``.
        sr: the SR module. Its ``input_space`` says whether it takes the LR face (``'lr'``: SRResNet) or the
            bicubic-upsampled 128² face (``'upsampled'``: FSRNet); the generator resamples as needed. None makes
            a face-completion model (GFC's own task): the completion restores 128² faces and ``sr`` is its
            blended output.
        blend: FCSR-GAN eq. 2, keep the known pixels of the input and take the completion only in the holes.
        completion_at: where the completion runs with ``order='completion_first'``: ``'lr'`` (FCSR-GAN eq. 1–3, the
            paper) or ``'upsampled'`` (the FCSR-GAN code, which completes the bicubic-upsampled 128² face).
        order: ``'completion_first'`` (FCSR-GAN and its first Fig. 7 baseline) or ``'sr_first'`` (the second
            baseline: SR of the occluded face, then completion of the 128² result).

    ``forward(lr, mask=None)`` takes ``lr`` N×3×h×w and ``mask`` N×1×h×w (1 = known; None = all known) and
    returns ``lr_up``, ``lr_restored``, ``lr_composite`` (completion first) or ``sr_raw``, ``hr_restored``
    (SR first), every key the SR module adds, and ``sr``, the final 128² face.
    """

    def __init__(
        self,
        sr: Any = "SRResNet",
        completion: Any = None,
        prior: Any = None,
        blend: bool = True,
        completion_at: str = "lr",
        order: str = "completion_first",
    ):
        super().__init__()
        if completion_at not in ("lr", "upsampled"):
            raise ValueError(f"completion_at must be 'lr' or 'upsampled', got {completion_at!r}")
        if order not in ("completion_first", "sr_first"):
            raise ValueError(f"order must be 'completion_first' or 'sr_first', got {order!r}")
        self.completion = _part(completion, "completion")
        self.prior = _part(prior, "prior")
        self.sr = _part(sr, "sr")
        if self.sr is None:
            if self.completion is None or self.prior is not None or order != "completion_first":
                raise ValueError("without an SR module the generator is a completion module alone (no prior, order)")
            if self.completion.input_size not in (None, self.hr_size):
                raise ValueError(f"without an SR module the completion restores {self.hr_size}² faces")
        elif getattr(self.sr, "kind", None) != "sr":
            raise TypeError(f"sr must be an SR module, got {type(self.sr).__name__}")
        if self.completion is not None and getattr(self.completion, "kind", None) != "completion":
            raise TypeError(f"completion must be a completion module, got {type(self.completion).__name__}")
        if self.prior is not None and getattr(self.prior, "kind", None) != "prior":
            raise TypeError(f"prior must be a prior module, got {type(self.prior).__name__}")
        needs = getattr(self.sr, "needs_prior", None)
        if self.sr is not None and (needs is None) != (self.prior is None):
            raise ValueError(
                f"{type(self.sr).__name__} takes no prior map, remove prior="
                if needs is None
                else f"{type(self.sr).__name__} needs a prior module that estimates its map, e.g. prior={needs!r}"
            )
        self.blend, self.completion_at, self.order = blend, completion_at, order
        self._check_sizes()

    @property
    def takes_mask(self) -> bool:
        """A completion part that is told the holes, or blending with the mask; JDSR-GAN's (CBDNet, no blending)
        is blind."""
        return self.completion is not None and (self.completion.takes_mask or self.blend)

    def _check_sizes(self) -> None:
        if self.sr is None or self.completion is None or self.completion.input_size is None:
            return
        want = self.hr_size if self.order == "sr_first" or self.completion_at == "upsampled" else self.input_size
        if want is not None and self.completion.input_size != want:
            raise ValueError(
                f"{type(self.completion).__name__} is built for {self.completion.input_size}² inputs but runs on "
                f"{want}² faces here (order={self.order!r}, completion_at={self.completion_at!r})"
            )

    @property
    def input_size(self) -> int | None:
        if self.sr is None:
            return self.hr_size
        if self.sr.input_space == "lr":
            return self.sr.input_size
        if self.completion is not None and self.order == "completion_first" and self.completion_at == "lr":
            return self.completion.input_size
        return None

    def _complete(self, x: torch.Tensor, mask: torch.Tensor) -> dict[str, torch.Tensor]:
        out = self.completion.complete(x, mask)
        restored = out["lr_restored"]
        out["composite"] = blend(restored, x, mask) if self.blend else restored
        return out

    def _super_resolve(self, x: torch.Tensor, lr_size: int, with_sr: bool = True) -> dict[str, torch.Tensor]:
        x = bicubic_resize(x, self.hr_size if self.sr.input_space == "upsampled" else lr_size)
        out = {}
        if self.prior is not None:  # e.g. ParsingNet's LR parsing map, FishFSRNet's second input (FishFSRNet Fig. 2)
            out["prior_parsing_lr"] = self.prior(x)
        if with_sr:
            sr = self.sr(x) if self.prior is None else self.sr(x, out["prior_parsing_lr"])
            out.update(sr if isinstance(sr, dict) else {"sr": sr})
        return out

    def forward(
        self, lr: torch.Tensor, mask: torch.Tensor | None = None, with_sr: bool = True, with_completion: bool = True
    ) -> dict[str, torch.Tensor]:
        """``with_sr=False`` skips the SR module (the completion and prior still run): the first stage of
        FCSR-GAN (Fig. 2a) and of FishFSRNet (ParsingNet alone, FishFSRNet §IV-B); with ``order='sr_first'`` the
        completion then runs on ``lr`` itself, which must be an HR face. ``with_completion=False`` skips the
        completion. Both train one module of a sequential baseline on its own task (FCSR-GAN Fig. 7)."""
        with_sr = with_sr and self.sr is not None
        if not (with_sr or with_completion):
            raise ValueError("with_sr=False and with_completion=False leave nothing to run")
        if mask is None:
            mask = torch.ones_like(lr[:, :1])
        lr_size = lr.shape[-1]
        out = {"lr_up": bicubic_resize(lr, self.hr_size).clamp(0, 1)}  # as the data dict's lr_up
        if self.completion is None or not with_completion:
            out.update(self._super_resolve(lr, lr_size, with_sr))
        elif self.order == "completion_first":
            size = lr_size if self.completion_at == "lr" else self.hr_size
            done = self._complete(bicubic_resize(lr, size), mask_to_size(mask, size))
            out["lr_restored"], out["lr_composite"] = done.pop("lr_restored"), done.pop("composite")
            out.update(done)
            if self.sr is None:  # a completion model: its blended output is the restored face
                out["sr"] = out["lr_composite"]
            else:
                out.update(self._super_resolve(out["lr_composite"], lr_size, with_sr))
        else:
            if with_sr:
                sr = self._super_resolve(lr, lr_size)
                out["sr_raw"] = sr.pop("sr")
                out.update(sr)
            elif lr_size != self.hr_size:
                raise ValueError(f"without the SR module the completion runs on HR faces; got {lr_size}² inputs")
            done = self._complete(out.get("sr_raw", lr), mask_to_size(mask, self.hr_size))
            out["hr_restored"], out["sr"] = done.pop("lr_restored"), done.pop("composite")
            out.update(done)
        return out

    def example_inputs(self, batch: int = 2) -> tuple[torch.Tensor, ...]:
        (lr,) = super().example_inputs(batch)
        mask = torch.ones_like(lr[:, :1])
        mask[..., : lr.shape[-1] // 2, : lr.shape[-1] // 2] = 0
        return lr, mask

    def restore_batch(self, lr, mask):
        return self(lr, mask)["sr"]
