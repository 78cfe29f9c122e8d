"""Adversarial terms for a discriminator D: the generator's and the discriminator's losses, as pure functions of
D's logits, and WGAN-GP's penalty.

The training engine owns the discriminators and every call to them (:class:`facerestore.engine.FaceRestorer`;
nothing here calls D on images or an optimiser):

* **Generator step.** For each :class:`AdversarialLoss` of the stage the engine runs its discriminator on the
  generated images the term names (``pred``; with ``crop``, the window around each hole, :func:`hole_windows`)
  and adds ``weight × term(logits)`` to the stage's other terms (weight 1e-3 in both JDSR-GAN, eq. 17 λ_2^6, and
  FCSR-GAN, eq. 11 λ_2^1).
* **Discriminator step.** The engine computes :func:`discriminator_loss` on D's logits for real (``target``) and
  detached generated images and, for WGAN-GP, adds ``gp.weight * gp.penalty(D, real, fake)``. The penalty
  detaches its inputs, so it only trains D. (FCSR-GAN's code instead takes a separate optimiser step on the
  penalty, docs/architecture-notes.md §3.6.)
"""

from __future__ import annotations

from typing import Literal

import torch
import torch.nn.functional as F
from torch import nn

from ..registry import LOSSES

GAN_TYPES = ("vanilla", "lsgan", "wgan")

# Vanilla (non-saturating) and least-squares GANs score logits against 1 and 0; the WGAN terms are plain means.
_CRITERIA = {"vanilla": F.binary_cross_entropy_with_logits, "lsgan": F.mse_loss}


def generator_loss(gan_type: str, fake: torch.Tensor) -> torch.Tensor:
    """The generator's term, from D's logits ``fake`` on generated images."""
    if gan_type in _CRITERIA:
        return _CRITERIA[gan_type](fake, torch.ones_like(fake))
    return -fake.mean()


def discriminator_loss(gan_type: str, real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    """The discriminator's term, from D's logits on real images and on (detached) generated images."""
    if gan_type in _CRITERIA:
        criterion = _CRITERIA[gan_type]
        return criterion(real, torch.ones_like(real)) + criterion(fake, torch.zeros_like(fake))
    return fake.mean() - real.mean()


def hole_windows(images: torch.Tensor, mask: torch.Tensor, crop: int) -> torch.Tensor:
    """The ``crop``×``crop`` window centred on each image's hole (the bounding box of the zeros of ``mask``,
    N×1×H×W, 1 = known), moved inside the image: what GFC's local discriminator judges
    (docs/architecture-notes.md §3.3). An image without a hole gives its central window."""
    size = images.shape[-1]
    if mask.shape[-2:] != images.shape[-2:] or crop > size:
        raise ValueError(
            f"a {crop}² window of images {tuple(images.shape)} needs a mask of their size, got {tuple(mask.shape)}"
        )
    windows = []
    for image, known in zip(images, mask[:, 0]):
        rows, cols = torch.nonzero(known < 0.5, as_tuple=True)
        centre = [(int(r.min()) + int(r.max())) // 2 if len(r) else size // 2 for r in (rows, cols)]
        top, left = (min(max(c - crop // 2, 0), size - crop) for c in centre)
        windows.append(image[:, top : top + crop, left : left + crop])
    return torch.stack(windows)


@LOSSES.register_module()
class AdversarialLoss(nn.Module):
    """The generator's adversarial term: ``forward(fake)`` is a pure function of the discriminator's logits on
    generated images (unweighted, like every loss term; the engine weighs it by ``weight``).

    ``gan_type``:

    * ``'vanilla'``: the min-max game of FCSR-GAN eq. 4 with BCE-with-logits. G uses the non-saturating form
      ``−E[log σ(D(fake))]``; D minimises ``−E[log σ(D(real))] − E[log(1 − σ(D(fake)))]``.
    * ``'lsgan'``: least squares, G: ``E[(D(fake) − 1)²]``; D: ``E[(D(real) − 1)²] + E[D(fake)²]``.
    * ``'wgan'``: WGAN(-GP), JDSR-GAN (preprint) eq. 7 (JDSR-GAN's D; the journal version skips eq. 3–9).
      G: ``−E[D(fake)]``; D: ``E[D(fake)] − E[D(real)]``, to which the engine adds :class:`GradientPenalty`.

    The rest tells the engine what to judge: ``pred`` / ``target`` name the generated and the real images in the
    data dict, ``discriminator`` which of the ``FaceRestorer``'s discriminators judges (``'main'`` when it has
    one), and ``crop`` makes it a local discriminator, judging the ``crop``×``crop`` window around each image's
    hole in ``data[mask]`` (:func:`hole_windows`). ``name`` is the logged key (default
    ``adv[_{discriminator}]_{pred}``).
    """

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
    ):
        if gan_type not in GAN_TYPES:
            raise ValueError(f"AdversarialLoss gan_type must be one of {GAN_TYPES}, got {gan_type!r}")
        if crop is not None and crop < 1:
            raise ValueError(f"AdversarialLoss crop must be a positive window side, got {crop}")
        super().__init__()
        self.gan_type, self.pred, self.target, self.weight = gan_type, pred, target, float(weight)
        self.discriminator, self.crop, self.mask = discriminator, crop, mask
        tag = None if discriminator == "main" else discriminator
        self.name = name or "_".join(part for part in ("adv", tag, pred) if part)

    def forward(self, fake: torch.Tensor) -> torch.Tensor:
        return generator_loss(self.gan_type, fake)


@LOSSES.register_module()
class GradientPenalty(nn.Module):
    """WGAN-GP's gradient penalty ``E[(‖∇_x̃ D(x̃)‖₂ − 1)²]``, the η-term of JDSR-GAN (preprint) eq. 7.

    ``x̃ = α·real + (1 − α)·fake`` with one ``α ~ U[0, 1]`` per sample; the gradient norm is taken per sample over
    all its elements. ``weight`` is λ: 10 in WGAN-GP (the default), η = 0.1 in JDSR-GAN (preprint eq. 7) and in the
    FCSR-GAN code (docs/architecture-notes.md §3.6). Not a data-dict loss: the discriminator step calls
    :meth:`penalty` and multiplies by ``weight``.
    """

    def __init__(self, weight: float = 10.0, name: str = "gp"):
        super().__init__()
        self.weight, self.name = float(weight), name

    def penalty(self, discriminator: nn.Module, real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
        """The unweighted penalty; differentiable w.r.t. D's parameters (``create_graph=True``)."""
        real, fake = real.detach(), fake.detach()
        alpha = torch.rand((real.shape[0],) + (1,) * (real.dim() - 1), device=real.device, dtype=real.dtype)
        mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
        (grad,) = torch.autograd.grad(discriminator(mixed).sum(), mixed, create_graph=True)
        return (grad.flatten(1).norm(dim=1) - 1).pow(2).mean()
