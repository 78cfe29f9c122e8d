"""Reading and writing face images: every file becomes 8-bit RGB, and every write is atomic."""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff")

#: The most pixels an image file may declare; larger files are refused from their header, before decoding.
MAX_PIXELS = 50_000_000


def _open(path: str | os.PathLike, max_pixels: int):
    """Open an image file lazily (header only) after checking that it is a regular file of a sane size."""
    from PIL import Image

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"image {path} does not exist")
    if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or device would block or never end
        raise ValueError(f"cannot read image {path}: not a regular file")
    try:
        img = Image.open(path)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        raise ValueError(f"cannot read image {path}: {err}") from None
    width, height = img.size
    if width * height > max_pixels:
        img.close()
        raise ValueError(
            f"image {path} is {width}×{height} ({width * height / 1e6:.0f} megapixels), over the limit of "
            f"{max_pixels / 1e6:.0f}; downscale it first"
        )
    return img


def image_size(path: str | os.PathLike, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """(width, height) of an image file as it will be read (EXIF rotation applied), from its header alone."""
    from PIL import Image

    with _open(path, max_pixels) as img:
        width, height = img.size
        try:
            orientation = img.getexif().get(0x0112, 1)  # EXIF Orientation: 5–8 swap the sides
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
            raise ValueError(f"cannot read image {path}: {err}") from None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def to_rgb8(img) -> np.ndarray:
    """A decoded PIL image as H×W×3 uint8 RGB, scaling every mode by its range (never clipping a wide one)."""
    if img.mode in ("I;16", "I;16B", "I;16L") or (img.mode == "I" and img.format == "PNG"):  # 16-bit
        scaled = np.asarray(img, dtype=np.float64) / 257
    elif img.mode == "I":  # 32-bit integers (TIFF): 8-bit, 16-bit or wider values, by their range
        values = np.asarray(img, dtype=np.float64)
        top = values.max(initial=0)
        scaled = values if top <= 255 else values / 257 if top <= 65535 else values * 255 / top
    elif img.mode == "F":  # float (TIFF): [0, 1] or [0, 255]
        values = np.nan_to_num(np.asarray(img, dtype=np.float64), nan=0.0)
        scaled = values * 255 if values.max(initial=0) <= 1 else values
    else:
        return np.array(img.convert("RGB"))
    gray = np.round(scaled).clip(0, 255).astype(np.uint8)
    return np.repeat(gray[..., None], 3, axis=2)


def read_rgb(path: str | os.PathLike, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """Read an image file as an H×W×3 uint8 RGB array, upright.

    The EXIF orientation is applied; grayscale is replicated, alpha is dropped (the colour kept), 16-bit,
    32-bit integer and float images are scaled from their range to 8 bits. The size is checked from the
    header before anything is decoded: more than ``max_pixels`` is an error. A missing file raises
    ``FileNotFoundError``; an unreadable, truncated, oversized or non-regular one ``ValueError``; both name
    the file.
    """
    from PIL import Image, ImageOps

    with _open(path, max_pixels) as img:
        try:
            img.load()
            return to_rgb8(ImageOps.exif_transpose(img))
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
            raise ValueError(f"cannot read image {path}: {err}") from None


def read_occlusion_mask(path: str | os.PathLike) -> np.ndarray:
    """Read a mask image file (white ≥ 128 = occluded, black = known) as an H×W float32 known-pixel mask."""
    return (read_rgb(path).mean(axis=2) < 128).astype(np.float32)


def atomic_write(path: str | os.PathLike, write) -> None:
    """Call ``write(tmp_path)`` on a temporary file beside ``path``, then move it into place.

    The file at ``path`` is complete or untouched: a failure removes the temporary file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; give it the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` atomically (:func:`atomic_write`)."""
    atomic_write(path, lambda tmp: Path(tmp).write_text(text))


def csv_text(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A CSV table with a header, one row per mapping (missing fields empty)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fieldnames), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def to_uint8(images: torch.Tensor) -> np.ndarray:
    """N×C×H×W floats in [0, 1] as N×H×W×C uint8."""
    return (images.permute(0, 2, 3, 1).numpy() * 255.0).round().astype(np.uint8)


def write_image(path: str | os.PathLike, array: np.ndarray) -> None:
    """Write an H×W×3 uint8 RGB array atomically."""
    from PIL import Image

    atomic_write(path, lambda tmp: Image.fromarray(array).save(tmp))


def image_grid(rows: list[list[np.ndarray]], labels: list[str] | None = None) -> np.ndarray:
    """A sheet of H×W×3 uint8 images, one list per row; smaller images are nearest-upsampled to the largest
    (an integer factor). ``labels`` names the columns in a white band above the first row."""
    from PIL import Image, ImageDraw

    size = max(img.shape[0] for row in rows for img in row)
    cols = max(len(row) for row in rows)
    band = 14 if labels else 0
    sheet = np.full((band + len(rows) * size, cols * size, 3), 255, np.uint8)
    for r, row in enumerate(rows):
        for c, img in enumerate(row):
            k = size // img.shape[0]
            top = band + r * size
            sheet[top : top + size, c * size : (c + 1) * size] = img.repeat(k, 0).repeat(k, 1)
    if labels:
        canvas = Image.fromarray(sheet)
        draw = ImageDraw.Draw(canvas)
        for c, label in enumerate(labels):  # PIL's built-in font has no "×" glyph
            draw.text((c * size + 2, 1), label.replace("×", "x")[: size // 6], fill=(0, 0, 0))
        sheet = np.asarray(canvas)
    return sheet


def list_images(folder: str | os.PathLike) -> list[Path]:
    """The entries directly inside ``folder`` (not recursive) named like images, sorted by name; folders are left
    out, anything else (a FIFO named .png, say) is kept so that reading it reports it."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"image folder {folder} does not exist")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and not p.is_dir())
