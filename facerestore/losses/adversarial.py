"""Adversarial terms for a discriminator D: the generator's and the discriminator's losses, and WGAN-GP's penalty.

How they plug into a GAN train step (D is a separate module with its own optimiser; nothing here calls an
optimiser):

* **Generator step.** The train step runs D on the generator's output, ``data[disc_fake] = D(data[pred])``, and
  then evaluates :class:`TotalLoss` as usual; :meth:`AdversarialLoss.forward` reads ``data[disc_fake]`` and
  returns the generator's term, so the adversarial term is one more entry of the loss list (weight 1e-3 in both
  JDSR-GAN, eq. 17 λ_2^6, and FCSR-GAN, eq. 11 λ_2^1).
* **Discriminator step.** The train step computes ``adv.discriminator_loss(D(data[target]), D(data[pred].detach()))``
  and, for WGAN-GP, adds ``gp.weight * gp.penalty(D, data[target], data[pred])``. The penalty detaches its inputs,
  so it only trains D. (FCSR-GAN's code instead takes a separate optimiser step on the penalty,
  docs/architecture-notes.md §3.6; a train step can do that with the same two calls.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import torch
import torch.nn.functional as F
from torch import nn

from ..registry import LOSSES
from .base import BaseLoss

GAN_TYPES = ("vanilla", "lsgan", "wgan")


@LOSSES.register_module()
class AdversarialLoss(BaseLoss):
    """The generator's and the discriminator's adversarial losses on raw discriminator outputs (logits/scores).

    ``gan_type``:

    * ``'vanilla'``: the min-max game of FCSR-GAN eq. 4 with BCE-with-logits. G uses the non-saturating form
      ``−E[log σ(D(fake))]``; D minimises ``−E[log σ(D(real))] − E[log(1 − σ(D(fake)))]``.
    * ``'lsgan'``: least squares, G: ``E[(D(fake) − 1)²]``; D: ``E[(D(real) − 1)²] + E[D(fake)²]``.
    * ``'wgan'``: WGAN(-GP), JDSR-GAN (preprint) eq. 7 (JDSR-GAN's D; the journal version skips eq. 3–9).
      G: ``−E[D(fake)]``; D: ``E[D(fake)] − E[D(real)]``, to which the train step adds :class:`GradientPenalty`.

    ``pred`` / ``target`` name the generated and the real images the train step feeds to D; ``forward(data)``
    returns the generator's term from ``data[disc_fake]``, D's output on ``data[pred]`` (see the module doc).

    ``discriminator`` names which of the ``FaceRestorer``'s discriminators judges (``'main'`` when it has one);
    ``crop`` makes it a local discriminator: it judges the ``crop``×``crop`` window centred on each image's hole
    (the bounding box of the zeros of ``data[mask]``, moved inside the image), GFC's local D
    (docs/architecture-notes.md §3.3).
    """

    kind = "adv"

    def __init__(
        self,
        *,
        gan_type: Literal["vanilla", "lsgan", "wgan"] = "wgan",
        pred: str = "sr",
        target: str = "hr_gt",
        weight: float = 1e-3,
        name: str | None = None,
        discriminator: str = "main",
        crop: int | None = None,
        mask: str = "mask",
        disc_fake: str | None = None,
    ):
        if gan_type not in GAN_TYPES:
            raise ValueError(f"AdversarialLoss gan_type must be one of {GAN_TYPES}, got {gan_type!r}")
        if crop is not None and crop < 1:
            raise ValueError(f"AdversarialLoss crop must be a positive window side, got {crop}")
        tag = None if discriminator == "main" else discriminator
        super().__init__(pred=pred, target=target, weight=weight, name=name, tag=tag)
        self.gan_type = gan_type
        self.discriminator, self.crop, self.mask = discriminator, crop, mask
        self.disc_fake = disc_fake or ("disc_fake" if tag is None else f"disc_fake_{tag}")

    def judged(self, data: Mapping[str, torch.Tensor], key: str) -> torch.Tensor:
        """``data[key]`` as the discriminator sees it: whole, or the window around each image's hole."""
        images = self.fetch(data, key)
        if self.crop is None:
            return images
        mask = self.fetch(data, self.mask)
        size = images.shape[-1]
        if mask.shape[-2:] != images.shape[-2:] or self.crop > size:
            raise ValueError(
                f"AdversarialLoss {self.name!r}: a {self.crop}² window of {key!r} {tuple(images.shape)} needs a "
                f"mask {self.mask!r} of its size, got {tuple(mask.shape)}"
            )
        windows = []
        for image, known in zip(images, mask[:, 0]):
            rows, cols = torch.nonzero(known < 0.5, as_tuple=True)
            centre = [(int(r.min()) + int(r.max())) // 2 if len(r) else size // 2 for r in (rows, cols)]
            top, left = (min(max(c - self.crop // 2, 0), size - self.crop) for c in centre)
            windows.append(image[:, top : top + self.crop, left : left + self.crop])
        return torch.stack(windows)

    def generator_loss(self, fake: torch.Tensor) -> torch.Tensor:
        """The generator's term, from D's outputs ``fake`` on generated images."""
        if self.gan_type == "vanilla":
            return F.binary_cross_entropy_with_logits(fake, torch.ones_like(fake))
        if self.gan_type == "lsgan":
            return F.mse_loss(fake, torch.ones_like(fake))
        return -fake.mean()

    def discriminator_loss(self, real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
        """The discriminator's term, from D's outputs on real images and on (detached) generated images."""
        if self.gan_type == "vanilla":
            return F.binary_cross_entropy_with_logits(real, torch.ones_like(real)) + F.binary_cross_entropy_with_logits(
                fake, torch.zeros_like(fake)
            )
        if self.gan_type == "lsgan":
            return F.mse_loss(real, torch.ones_like(real)) + F.mse_loss(fake, torch.zeros_like(fake))
        return fake.mean() - real.mean()

    def forward(self, data: Mapping[str, torch.Tensor]) -> torch.Tensor:
        return self.generator_loss(self.fetch(data, self.disc_fake))


@LOSSES.register_module()
class GradientPenalty(nn.Module):
    """WGAN-GP's gradient penalty ``E[(‖∇_x̃ D(x̃)‖₂ − 1)²]``, the η-term of JDSR-GAN (preprint) eq. 7
    (the journal version skips eq. 3–9).

    ``x̃ = α·real + (1 − α)·fake`` with one ``α ~ U[0, 1]`` per sample; the gradient norm is taken per sample over
    all its elements. ``weight`` is λ: 10 in WGAN-GP (the default), η = 0.1 in JDSR-GAN (preprint eq. 7) and in the
    FCSR-GAN code (docs/architecture-notes.md §3.6). Not a data-dict loss: the discriminator step calls
    :meth:`penalty` and multiplies by ``weight``.
    """

    def __init__(self, weight: float = 10.0, name: str = "gp"):
        super().__init__()
        self.weight = float(weight)
        self.name = name

    def penalty(self, discriminator: nn.Module, real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
        """The unweighted penalty; differentiable w.r.t. D's parameters (``create_graph=True``)."""
        real, fake = real.detach(), fake.detach()
        alpha = torch.rand((real.shape[0],) + (1,) * (real.dim() - 1), device=real.device, dtype=real.dtype)
        mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
        (grad,) = torch.autograd.grad(discriminator(mixed).sum(), mixed, create_graph=True)
        return (grad.flatten(1).norm(dim=1) - 1).pow(2).mean()
