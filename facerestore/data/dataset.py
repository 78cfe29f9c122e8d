"""Aligned-face datasets and the shared degradation: occlude the HR face, then downsample it.

The degradation follows JDSR-GAN (§IV-A/B) and FCSR-GAN (§4.2): the occlusion is drawn on the 128² HR
face and zero-filled, and the occluded face is downsampled with the one shared antialiased bicubic
(:func:`facerestore.imaging.bicubic_resize`); the LR mask is the HR mask min-pooled (docs/architecture-notes.md §6).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import torch

from facerestore.data.masks import build_mask
from facerestore.data.priors import FacePriors
from facerestore.imageio import IMAGE_SUFFIXES, list_images, read_rgb
from facerestore.imaging import bicubic_resize, inpaint_bicubic, mask_to_size
from facerestore.registry import DATASETS

CELEBA_SPLITS = {"train": 0, "val": 1, "test": 2}


def quantize(x: torch.Tensor) -> torch.Tensor:
    """Clamp to [0, 1] and round to 8 bits, so a tensor equals what a saved 8-bit image holds."""
    return torch.round(x.clamp(0, 1) * 255) / 255


def degrade(
    hr_gt: torch.Tensor, mask_hr: torch.Tensor, scale: int, occluded_hr: torch.Tensor | None = None
) -> dict[str, torch.Tensor]:
    """Degrade N×3×H×W faces with N×1×H×W masks (1 = known) by ``scale``; return the data dict of docs/data.md.

    The hole is zero-filled on the HR face, *then* the face is downsampled with the shared bicubic (JDSR-GAN §IV-A/B,
    docs/architecture-notes.md §6). ``lr`` is quantised to 8 bits (round(x·255)/255), so it equals what a saved LR image
    holds and a model sees the same input from a tensor and from a file. Returns ``hr_gt``, ``mask_hr``, ``hr_occluded``
    (the occluded HR face), ``lr`` (N×3×h×w), ``mask`` (min-pooled, N×1×h×w), ``lr_gt``, ``lr_up`` (``lr`` upsampled to
    H×W), ``lr_gt_up`` (``lr_gt`` upsampled: the clean counterpart of ``lr_up``, the target of a denoiser that runs on
    the upsampled face) and the noise-map ground truth of CBDNet's asymmetric loss for an occlusion (JDSR-GAN (preprint)
    eq. 8), the occlusion indicator on the 3 colour channels: ``noise_gt`` = 1 − ``mask`` at LR and
    ``noise_gt_up`` = 1 − ``mask_hr`` at H×W; all but the masks clamped to [0, 1]. ``occluded_hr`` is the occluded HR
    face when the hole is not zero-filled (a rendered face mask, JDSR-GAN §IV-A; :mod:`facerestore.data.facemask`); it
    defaults to ``hr_gt * mask_hr``.
    """
    size = hr_gt.shape[-1]
    if hr_gt.shape[-2] != size or size % scale:
        raise ValueError(f"HR faces must be square with a side divisible by scale {scale}, got {tuple(hr_gt.shape)}")
    if mask_hr.shape[-2:] != hr_gt.shape[-2:]:
        raise ValueError(f"mask_hr {tuple(mask_hr.shape)} does not match hr_gt {tuple(hr_gt.shape)}")
    lr_size = size // scale
    if occluded_hr is None:
        occluded_hr = hr_gt * mask_hr
    lr = quantize(bicubic_resize(occluded_hr, lr_size))
    mask = mask_to_size(mask_hr, lr_size)
    lr_gt = bicubic_resize(hr_gt, lr_size).clamp(0, 1)
    return dict(
        hr_gt=hr_gt,
        mask_hr=mask_hr,
        hr_occluded=occluded_hr.clamp(0, 1),
        lr=lr,
        mask=mask,
        lr_gt=lr_gt,
        lr_up=bicubic_resize(lr, size).clamp(0, 1),
        lr_gt_up=bicubic_resize(lr_gt, size).clamp(0, 1),
        noise_gt=(1 - mask).repeat(1, 3, 1, 1),
        noise_gt_up=(1 - mask_hr).repeat(1, 3, 1, 1),
    )


def _read_split(split_file: str | os.PathLike, split: int | str) -> list[str]:
    """Sorted file names of one partition of CelebA's ``list_eval_partition.txt`` ("000001.jpg 0" lines)."""
    wanted = CELEBA_SPLITS.get(split, split) if isinstance(split, str) else split
    if wanted not in (0, 1, 2):
        raise ValueError(f"split must be 0/1/2 or one of {list(CELEBA_SPLITS)}, got {split!r}")
    names = []
    for lineno, line in enumerate(Path(split_file).read_text().splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 2 or not fields[1].isdigit():
            raise ValueError(f"{split_file}:{lineno}: expected '<file name> <0|1|2>', got {line!r}")
        if int(fields[1]) == wanted:
            names.append(fields[0])
    return sorted(names)


@DATASETS.register_module()
class FaceImageDataset(torch.utils.data.Dataset):
    """Aligned face images from one folder, occluded and downsampled on the fly (docs/architecture-notes.md §6).

    Image files (``IMAGE_SUFFIXES``; not recursive) are sorted by name; ``subset=(start, stop)`` slices that
    list (e.g. (0, 9500) and (9500, 10000) for the synthfaces train and validation splits), then
    ``max_samples`` keeps the first ones. With ``split_file`` (CelebA's ``list_eval_partition.txt``) and
    ``split`` (0/1/2 or 'train'/'val'/'test'), the list is that partition and ``root`` is
    ``img_align_celeba``.

    Each face must be ``hr_size``² unless ``resize=True``: then ``center_crop`` (a side in px, e.g. 178 for
    CelebA's 178×218 aligned faces; default the largest one) is cut first and the square is resized with the
    shared bicubic and rounded to 8 bits. ``mask`` is a mask config (see :mod:`facerestore.data.masks`) or a
    mask callable; masks are drawn with ``numpy.random.default_rng([seed, index])``, so a sample is the same
    in every epoch and on every machine. A mask with a ``render`` method (``dict(type='FaceMaskOcclusion')``,
    :mod:`facerestore.data.facemask`) is drawn on the face from its landmarks (needs ``landmarks``): the LR
    input is the downsampled rendered face, ``hr_gt`` stays clean and ``mask_hr`` is the exact mask.

    ``landmarks`` is an .npz with ``index`` (file numbers, i.e. the integer file stems) and ``landmarks``
    (N×L×2, HR pixels, x then y); the sample then holds the face's points, moved by the crop and resize.
    ``priors`` (needs ``landmarks``) adds the prior ground truth drawn from those points, e.g.
    ``dict(heatmap_size=64, parsing_size=64, parsing_lr='skin')`` for ``heatmaps``, ``parsing`` and
    ``parsing_lr`` at the LR size (the arguments of :class:`~facerestore.data.priors.FacePriors`).
    ``inpaint_baseline=True`` adds ``lr_inpaint_up``: ``lr`` inpainted with the true mask and upsampled
    (:func:`~facerestore.imaging.inpaint_bicubic`), the classical row of ``facerestore test``.
    ``__getitem__`` returns the dict of :func:`degrade` without the batch dimension, plus ``name`` (the file
    stem).
    """

    def __init__(
        self,
        root: str | os.PathLike,
        scale: int = 4,
        mask: str | Mapping[str, Any] | Callable | None = "RandomRectMask",
        seed: int = 0,
        subset: tuple[int, int] | None = None,
        split_file: str | os.PathLike | None = None,
        split: int | str | None = None,
        hr_size: int = 128,
        landmarks: str | os.PathLike | None = None,
        max_samples: int | None = None,
        resize: bool = False,
        center_crop: int | None = None,
        priors: Mapping[str, Any] | None = None,
        inpaint_baseline: bool = False,
    ):
        if hr_size % scale:
            raise ValueError(f"scale {scale} does not divide hr_size {hr_size}")
        if (split_file is None) != (split is None):
            raise ValueError("split_file and split go together: give both (CelebA partition) or neither")
        if center_crop is not None and not resize:
            raise ValueError("center_crop needs resize=True (the crop is resized to hr_size)")
        if priors is not None and landmarks is None:
            raise ValueError("priors are drawn from landmarks: pass landmarks= (an .npz) with priors=")
        self.root, self.scale, self.hr_size, self.seed = Path(root), scale, hr_size, seed
        self.resize, self.center_crop, self.inpaint_baseline = resize, center_crop, inpaint_baseline
        self.mask = mask if callable(mask) or hasattr(mask, "render") else build_mask(mask or "NoMask")
        if hasattr(self.mask, "render") and landmarks is None:
            raise ValueError(f"{type(self.mask).__name__} is drawn from landmarks: pass landmarks= (an .npz)")
        self.priors = None if priors is None else FacePriors(hr_size, hr_size // scale, **priors)

        files = [p.name for p in list_images(self.root)]
        if split_file is not None:
            present = set(files)
            files = _read_split(split_file, split)
            if missing := [f for f in files if f not in present]:
                raise FileNotFoundError(
                    f"{len(missing)} files of split {split!r} in {split_file} are not in {self.root}, e.g. {missing[0]}"
                )
        if subset is not None:
            files = files[subset[0] : subset[1]]
        files = files[:max_samples]  # None keeps them all
        if not files:
            raise ValueError(
                f"no images in {self.root} (extensions {', '.join(IMAGE_SUFFIXES)}) "
                f"for subset={subset}, split={split!r}, max_samples={max_samples}"
            )
        self.files = files
        self.landmarks = None if landmarks is None else self._load_landmarks(landmarks)

    def _load_landmarks(self, path: str | os.PathLike) -> dict[str, np.ndarray]:
        with np.load(path) as data:
            by_index = dict(zip(data["index"].tolist(), data["landmarks"].astype(np.float32)))
        points = {}
        for name in self.files:
            stem = Path(name).stem
            if not stem.isdigit() or int(stem) not in by_index:
                raise ValueError(f"{path} has no landmarks for {name} (looked up as file number {stem})")
            points[name] = by_index[int(stem)]
        return points

    def __len__(self) -> int:
        return len(self.files)

    def _load_face(self, path: Path) -> tuple[torch.Tensor, float, float, float]:
        """The face as 3×hr×hr in [0, 1], and the (x offset, y offset, factor) that maps its points."""
        img = read_rgb(path)
        h, w = img.shape[:2]
        if not self.resize:
            if (h, w) != (self.hr_size, self.hr_size):
                raise ValueError(
                    f"{path} is {w}×{h}, expected {self.hr_size}×{self.hr_size}; "
                    "pass resize=True (and center_crop for non-square faces) to resize it"
                )
            return torch.from_numpy(img).permute(2, 0, 1).float() / 255, 0.0, 0.0, 1.0
        side = self.center_crop or min(h, w)
        if side > min(h, w):
            raise ValueError(f"{path} is {w}×{h}, smaller than center_crop={side}")
        top, left = (h - side) // 2, (w - side) // 2
        crop = torch.from_numpy(img[top : top + side, left : left + side]).permute(2, 0, 1).float() / 255
        return quantize(bicubic_resize(crop[None], self.hr_size)[0]), float(left), float(top), self.hr_size / side

    def __getitem__(self, index: int) -> dict[str, Any]:
        index = range(len(self))[index]
        name = self.files[index]
        hr_gt, left, top, factor = self._load_face(self.root / name)
        rng = np.random.default_rng([self.seed, index])
        points = None
        if self.landmarks is not None:
            points = (self.landmarks[name] - np.array([left, top], dtype=np.float32) + 0.5) * factor - 0.5
        occluded_hr = None
        if hasattr(self.mask, "render"):
            face = torch.round(hr_gt * 255).byte().permute(1, 2, 0).numpy()
            image, mask = self.mask.render(face, points, rng)
            occluded_hr = (torch.from_numpy(image).permute(2, 0, 1).float() / 255)[None]
            mask_hr = torch.from_numpy(mask)[None]
        else:
            mask_hr = torch.from_numpy(self.mask(rng, self.hr_size))[None]
        sample = {k: v[0] for k, v in degrade(hr_gt[None], mask_hr[None], self.scale, occluded_hr).items()}
        if self.inpaint_baseline:
            sample["lr_inpaint_up"] = inpaint_bicubic(sample["lr"][None], sample["mask"][None], self.hr_size)[0]
        sample["name"] = Path(name).stem
        if points is not None:
            sample["landmarks"] = torch.from_numpy(points)
        if self.priors is not None:
            sample.update({k: v[0] for k, v in self.priors(sample["landmarks"][None]).items()})
        return sample
