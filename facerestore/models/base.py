"""What every facerestore model shares: the config that built it, and ``restore``."""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import torch
from torch import nn

from ..imageio import to_rgb8, to_uint8
from ..registry import build_model


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a constructor argument: modules become their configs, tuples lists."""
    if isinstance(value, FaceModule):
        return value.config
    if isinstance(value, nn.Module):
        raise TypeError(f"{type(value).__name__} is not a facerestore model and cannot be saved in a config")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class _RecordsConfig(type(nn.Module)):
    """Metaclass: after construction, store the full constructor arguments (defaults included) on the model."""

    def __call__(cls, *args, **kwargs):
        model = super().__call__(*args, **kwargs)
        bound = inspect.signature(cls.__init__).bind(model, *args, **kwargs)
        bound.apply_defaults()
        model._init_args = {k: v for k, v in bound.arguments.items() if k != "self"}
        return model


class FaceModule(nn.Module, metaclass=_RecordsConfig):
    """Base class of every registered facerestore model.

    ``model.config`` is the dict that rebuilds it (``type`` is the registry name), so a model can be saved
    as ``config.json`` + ``model.safetensors`` and a built model can be passed wherever a config is accepted.
    Subclasses that restore faces set ``scale`` (HR size / input size) and implement :meth:`restore_batch`.
    """

    kind: ClassVar[str]
    tiny_config: ClassVar[dict[str, Any]]
    #: The side length of the HR face every model in this project produces.
    hr_size: ClassVar[int] = 128
    #: Whether :meth:`restore` uses a mask of the occluded pixels (photos get an estimated one: ``--mask auto``).
    takes_mask: ClassVar[bool] = False

    @property
    def config(self) -> dict[str, Any]:
        """The registry name and every constructor argument; an argument that built a part stored under the same
        attribute name (``sr='SRResNet'`` → ``self.sr``) is recorded as that part's full config."""
        config = {"type": type(self).__name__}
        for key, value in self._init_args.items():
            part = getattr(self, key, None)
            config[key] = part.config if isinstance(part, FaceModule) else _plain(value)
        return config

    #: The side of the input a fixed-size model was built for (its ``__init__`` sets it); None: any size fits.
    _input_size: int | None = None

    @property
    def input_size(self) -> int | None:
        """The side of the input face this model takes, or None if any size fits."""
        return self._input_size

    def check_input_size(self, x: torch.Tensor) -> None:
        """A ``ValueError`` naming the model when ``x`` is not at the size the model was built for."""
        if self._input_size is not None and tuple(x.shape[-2:]) != (self._input_size,) * 2:
            raise ValueError(
                f"{type(self).__name__} was built for {self._input_size}² inputs, got {tuple(x.shape[-2:])}"
            )

    def example_inputs(self, batch: int = 2) -> tuple[torch.Tensor, ...]:
        """Random positional inputs for ``forward`` at the model's input size (used by the enrolled tests)."""
        size = self.input_size or 16
        return (torch.rand(batch, 3, size, size),)

    def restore_batch(self, lr: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        """Restore one batch: ``lr`` N×3×h×w in [0, 1], ``mask`` N×1×h×w (1 = known) or None."""
        raise NotImplementedError(f"{type(self).__name__} does not restore images")

    @torch.inference_mode()
    def restore(self, images, masks=None, batch_size: int = 16):
        """Restore faces given at the model's input size.

        ``images``: a tensor N×3×h×w, a PIL image or a list of them, or a numpy array H×W×3 / N×H×W×3 in RGB;
        uint8 (0–255), uint16 (0–65535) or floats in [0, 1] (anything else is an error, never rescaled by
        guess). ``masks`` at the same size with one channel: in tensors and arrays 1 = known, 0 = occluded
        (bool, 0/1 integers, 0/255 uint8 or floats); a PIL mask is a mask image, white = occluded, like mask
        files. None runs the model as is. The result has the kind and layout of ``images`` (numpy: uint8).

        The faces run on the model's device in its dtype (``model.half()`` restores in fp16). A batch whose
        reduced-precision output holds NaN or Inf is restored again in float32, with a warning; an output with
        NaN or Inf in float32 (damaged weights) is an error, not a black image.
        """
        lr, to_output = _to_tensor(images, "images")
        mask = None if masks is None else (_to_tensor(masks, "masks", channels=1)[0] >= 0.5).float()
        if self.input_size is not None and tuple(lr.shape[-2:]) != (self.input_size,) * 2:
            raise ValueError(
                f"{type(self).__name__} takes {self.input_size}×{self.input_size} faces, "
                f"got {lr.shape[-2]}×{lr.shape[-1]}"
            )
        if mask is not None and (mask.shape[0] != lr.shape[0] or mask.shape[-2:] != lr.shape[-2:]):
            raise ValueError(f"masks of shape {tuple(mask.shape)} do not match images of shape {tuple(lr.shape)}")
        was_training = self.training
        self.eval()
        starts = range(0, lr.shape[0], batch_size)
        batches = [(lr[i : i + batch_size], None if mask is None else mask[i : i + batch_size]) for i in starts]
        try:
            restored = torch.cat([run_guarded(self, call_restore_batch, *batch) for batch in batches])
        finally:
            self.train(was_training)
        if not torch.isfinite(restored).all():
            raise ValueError(f"{type(self).__name__} produced NaN or Inf: its weights are damaged or untrained")
        return to_output(restored.clamp(0, 1))


def call_restore_batch(model: nn.Module, lr: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
    """``model.restore_batch(lr, mask)``: the call :func:`run_guarded` makes to restore."""
    return model.restore_batch(lr, mask)


def _finite(out: Any) -> bool:
    values = out.values() if isinstance(out, dict) else [out]
    return all(torch.isfinite(v).all() for v in values if isinstance(v, torch.Tensor) and v.is_floating_point())


def _float_cpu(out: Any) -> Any:
    if isinstance(out, dict):
        return {k: _float_cpu(v) for k, v in out.items()}
    return out.float().cpu() if isinstance(out, torch.Tensor) and out.is_floating_point() else out


def run_guarded(model: nn.Module, call, *inputs: torch.Tensor | None):
    """``call(model, *inputs)`` on the model's device in its dtype (``model.half()`` runs in fp16); the result, a
    tensor or a dict of them, comes back in float32 on the CPU. A reduced-precision result holding NaN or Inf is
    computed again, with a warning, by a float32 copy of the model built afresh from its config (so a compiled
    ``restore_batch``, see :func:`compile_restore`, does not come with it); None inputs stay None."""
    param = next(model.parameters(), None)
    device, dtype = (param.device, param.dtype) if param is not None else (torch.device("cpu"), torch.float32)

    def placed(precision: torch.dtype) -> list[torch.Tensor | None]:
        return [None if x is None else x.to(device, precision) for x in inputs]

    out = call(model, *placed(dtype))
    if dtype != torch.float32 and not _finite(out):
        warnings.warn(f"{type(model).__name__} in {dtype} gave NaN or Inf: computing again in float32", stacklevel=3)
        in_fp32 = build_model(model.config).to(device).eval()
        in_fp32.load_state_dict(model.state_dict())
        out = call(in_fp32, *placed(torch.float32))
    return _float_cpu(out)


def compile_restore(model: FaceModule) -> FaceModule:
    """Route ``model.restore_batch`` through ``torch.compile`` (inductor, weights frozen as constants: inference
    only) and return the model. Each new batch size compiles first (static shapes: inductor's dynamic-shape
    kernels for channels-last FishFSRNet fail a stride check in torch 2.14), tens of seconds on a CPU
    (docs/benchmarks.md); the outputs equal the eager ones to 1e-4. Sets inductor's global ``freezing`` flag."""
    import torch._inductor.config as inductor  # the compiler stack loads only for --compile

    inductor.freezing = True
    model.restore_batch = torch.compile(model.restore_batch, dynamic=False)
    return model


def example_faces(size: int, batch: int, with_mask: bool, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor | None]:
    """``batch`` seeded random LR faces N×3×size×size and, ``with_mask``, a known-pixel mask N×1×size×size with
    a block occluded: the fixed inputs of export checks, output pins and speed benchmarks."""
    lr = torch.rand(batch, 3, size, size, generator=torch.Generator().manual_seed(seed))
    if not with_mask:
        return lr, None
    mask = torch.ones(batch, 1, size, size)
    mask[..., size // 4 : size // 2, size // 4 : 3 * size // 4] = 0
    return lr, mask


#: The precisions a model can run in (``--dtype``; ``placement``).
DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


def placement(
    device: str | torch.device = "auto", dtype: str | torch.dtype = "auto"
) -> tuple[torch.device, torch.dtype]:
    """Where and in which precision to run a model. ``device``: ``'auto'`` (CUDA when there is a GPU, else the
    CPU), ``'cpu'``, ``'cuda'`` or ``'cuda:N'``. ``dtype``: ``'auto'`` (fp16 on a GPU; fp32 on a CPU, where fp16
    is slow and bf16 changes outputs: docs/benchmarks.md), ``'fp32'``, ``'fp16'``, ``'bf16'`` or a torch dtype.
    A GPU that is not there, or a name that is neither, is a ``ValueError`` naming it."""
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    try:
        device = torch.device(device)
    except RuntimeError:
        raise ValueError(f"device {device!r}: expected auto, cpu, cuda or cuda:N") from None
    if device.type not in ("cpu", "cuda"):
        raise ValueError(f"device {str(device)!r}: expected auto, cpu, cuda or cuda:N")
    if device.type == "cuda" and (not torch.cuda.is_available() or (device.index or 0) >= torch.cuda.device_count()):
        raise ValueError(f"device {str(device)!r}: this machine has {torch.cuda.device_count()} CUDA device(s)")
    if dtype == "auto":
        dtype = torch.float16 if device.type == "cuda" else torch.float32
    if isinstance(dtype, str):
        if dtype not in DTYPES:
            raise ValueError(f"dtype {dtype!r}: expected auto, {', '.join(DTYPES)}")
        dtype = DTYPES[dtype]
    return device, dtype


def blend(restored: torch.Tensor, observed: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """FCSR-GAN eq. 2, ``(1 − M)·restored + M·observed``: the known pixels of the input, the completion in the
    holes (M = 1 known)."""
    return (1 - mask) * restored + mask * observed


class MaskedCompletion(FaceModule):
    """A completion module that is told where the holes are: ``complete(x, mask) -> dict(lr_restored=...)``."""

    takes_mask = True

    def example_inputs(self, batch: int = 2) -> tuple[torch.Tensor, ...]:
        s = self.input_size
        mask = torch.ones(batch, 1, s, s)
        mask[..., s // 4 : 3 * s // 4, s // 4 : 3 * s // 4] = 0
        return torch.rand(batch, 3, s, s), mask

    def restore_batch(self, lr, mask):
        """Fill the holes and keep the known pixels of ``lr``; with no mask, ``lr`` comes back unchanged."""
        if mask is None:
            mask = torch.ones_like(lr[:, :1])
        return blend(self.complete(lr, mask)["lr_restored"], lr, mask)


def _unit_range(x: torch.Tensor, what: str, mask: bool) -> torch.Tensor:
    """Values of any supported dtype as floats in [0, 1], or a ValueError that names what is wrong (integer
    images other than uint8 and uint16 are ambiguous, 0–255 or 0–65535?, and refused; masks also take 0/1)."""
    if x.dtype == torch.bool:
        return x.float()
    if x.is_floating_point():
        x = x.float()
        if not torch.isfinite(x).all():
            raise ValueError(f"{what} contain NaN or Inf values")
        low, high = (x.min().item(), x.max().item()) if x.numel() else (0.0, 0.0)
        if low < -1e-3 or high > 1 + 1e-3:
            raise ValueError(
                f"{what}: float values span [{low:g}, {high:g}]; float {what} must lie in [0, 1] "
                "(divide 8-bit values by 255)"
            )
        return x.clamp(0, 1)
    top = {torch.uint8: 255, torch.uint16: 65535}.get(x.dtype)
    x = x.to(torch.int64) if x.dtype == torch.uint16 else x  # uint16 lacks most operations
    if mask and x.numel() and x.min() >= 0 and x.max() <= 1:
        return x.float()
    if top is not None:
        return x.float() / top
    raise ValueError(
        f"{what}: integer dtype {str(x.dtype).removeprefix('torch.')} is ambiguous; give uint8 (0–255), "
        f"uint16 (0–65535) or floats in [0, 1]" + (", or 0/1 for a mask" if mask else "")
    )


def _to_tensor(images, what: str, channels: int = 3):
    """Convert user images to a float N×C×h×w tensor in [0, 1] and return it with the function that converts
    back; masks (``channels=1``) follow :meth:`FaceModule.restore`'s conventions."""
    from PIL import Image

    mask = channels == 1
    if isinstance(images, torch.Tensor):
        squeeze = images.dim() == 3
        x = images[None] if squeeze else images
        if x.dim() != 4:
            raise ValueError(f"{what}: expected a tensor N×C×H×W, got shape {tuple(images.shape)}")
        if x.shape[1] != channels:
            raise ValueError(f"{what}: expected {channels} channel(s), got {x.shape[1]}")
        return _unit_range(x, what, mask), (lambda y: y[0] if squeeze else y)
    if isinstance(images, Image.Image):
        x, _ = _to_tensor([images], what, channels)
        return x, lambda y: _to_pil(y)[0]
    if isinstance(images, np.ndarray):
        arr = images
        if mask and arr.ndim in (2, 3) and arr.shape[-1] != 1:
            arr = arr[..., None]
        single = arr.ndim == 3
        arr = arr[None] if single else arr
        if arr.ndim != 4 or arr.shape[-1] != channels:
            raise ValueError(f"{what}: expected a numpy array H×W×{channels} or N×H×W×{channels}, got {images.shape}")
        x = _unit_range(torch.from_numpy(np.ascontiguousarray(arr)).permute(0, 3, 1, 2), what, mask)
        return x, (lambda y: to_uint8(y)[0]) if single else to_uint8
    if isinstance(images, Sequence) and images and all(isinstance(i, Image.Image) for i in images):
        sizes = {im.size for im in images}
        if len(sizes) != 1:
            raise ValueError(f"{what}: all images in a list must have one size, got {sorted(sizes)}")
        rgb = np.stack([to_rgb8(im) for im in images])
        if mask:  # a mask image: white = occluded, as mask files
            known = (rgb.mean(axis=3) < 128).astype(np.float32)
            return torch.from_numpy(known)[:, None], _to_pil
        return torch.from_numpy(rgb).permute(0, 3, 1, 2).float() / 255.0, _to_pil
    raise TypeError(
        f"{what}: expected a tensor, a PIL image, a list of PIL images or a numpy array, got {type(images)}"
    )


def _to_pil(y: torch.Tensor):
    from PIL import Image

    return [Image.fromarray(a) for a in to_uint8(y)]
