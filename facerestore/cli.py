"""The ``facerestore`` command (also ``python -m facerestore``)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

from . import from_pretrained, list_models
from .export import OnnxRestorer, export_onnx
from .imageio import (
    IMAGE_SUFFIXES,
    atomic_write_text,
    image_grid,
    image_size,
    list_images,
    read_occlusion_mask,
    read_rgb,
    write_image,
)
from .models.base import compile_restore, placement
from .photo import FaceDetector, check_output_size, overlay, resized, restore_photo
from .zoo import DEFAULT_MODEL, OCCLUSION_MODEL, entries, entry, fetch, push_to_hub, trained_input_size

#: What ``--save`` can write besides the restored images: for photos, per photo, a side-by-side with the bicubic
#: upscale, the overlay of invented pixels, each face's crop, mask and result, and the JSON report.
PHOTO_FILES = {"cmp": "png", "overlay": "png", "faces": "png", "report": "json"}
SAVE_CHOICES = ("restored", *PHOTO_FILES)


class CLIError(Exception):
    """A user error: printed as one line, no traceback."""


def _inputs(path: Path) -> list[Path]:
    if path.is_dir():
        files = list_images(path)
        if not files:
            raise CLIError(f"no images ({', '.join(IMAGE_SUFFIXES)}) in {path}")
        return files
    if not path.exists():
        raise CLIError(f"input {path} does not exist")
    return [path]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be ≥ 1, got {value}")
    return value


def _rect_mask(spec: str, shape: tuple[int, int]) -> np.ndarray:
    try:
        x, y, w, h = (int(v) for v in spec.split(","))
    except ValueError:
        raise CLIError(f"--mask {spec!r}: expected a mask file, a folder, or a rectangle 'x,y,w,h'") from None
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > shape[1] or y + h > shape[0]:
        raise CLIError(f"--mask rectangle {spec} does not lie inside the {shape[1]}×{shape[0]} input")
    mask = np.ones(shape, np.float32)
    mask[y : y + h, x : x + w] = 0
    return mask


def _masks(spec: str | None, files: list[Path], shapes: list[tuple[int, int]]) -> list[np.ndarray] | None:
    """Known-pixel masks (1 = known) for ``files`` from ``--mask``: a file, a folder paired by name, or x,y,w,h;
    None for none."""
    if spec is None or spec == "none":
        return None
    path = Path(spec)
    if path.is_dir():
        by_stem = {p.stem: p for p in list_images(path)}
        if missing := [f.name for f in files if f.stem not in by_stem]:
            raise CLIError(f"no mask in {path} for {', '.join(missing)} (masks are paired by file name)")
        masks = [read_occlusion_mask(by_stem[f.stem]) for f in files]
    elif path.is_file():
        if len(files) != 1:
            raise CLIError("a single --mask file needs a single input image; give a folder of masks instead")
        masks = [read_occlusion_mask(path)]
    else:
        masks = [_rect_mask(spec, s) for s in shapes]
    for f, m, s in zip(files, masks, shapes):
        if m.shape != s:
            raise CLIError(f"mask for {f.name} is {m.shape[1]}×{m.shape[0]}, the image is {s[1]}×{s[0]}")
    return masks


def _check_outputs(out: Path, planned: list[tuple[Path, str]], read: list[Path]) -> None:
    """Refuse, before anything is written, outputs that would collide (``planned``: target and what it holds)
    or replace a file that is read."""
    seen: dict[Path, str] = {}
    for target, what in planned:
        if target in seen:
            raise CLIError(f"{seen[target]} and {what} would both be written as {target}: rename one of them")
        seen[target] = what
    if out.resolve() in {f.resolve().parent for f in read}:
        raise CLIError(f"-o {out} is a folder the inputs are read from: restoring would mix or replace them")
    inputs = {f.resolve() for f in read}
    for target in seen:
        if target.resolve() in inputs:
            raise CLIError(f"writing {target} would replace an input file: choose another -o")


def cmd_restore(args) -> int:
    save = set(args.save.split(","))
    if not save or save - set(SAVE_CHOICES):
        raise CLIError(f"--save takes a comma list of {', '.join(SAVE_CHOICES)}, got {args.save!r}")
    files = _inputs(Path(args.input))
    name = args.model or DEFAULT_MODEL
    model = _load_restorer(name, args)
    size = model.input_size or args.input_size or trained_input_size(name)
    # Sizes from the headers first, so that no file is decoded before every size is known to fit. An image at the
    # model's input size is an aligned face crop; any other is a photograph, searched for faces (unless
    # --aligned). A file that fails is reported and skipped; the others are restored.
    failed: list[str] = []
    crops: list[Path] = []
    photos: dict[Path, tuple[int, int]] = {}
    for f in files:
        try:
            width, height = image_size(f)
            if size is None or (width, height) == (size, size):
                crops.append(f)
            elif args.aligned:
                raise ValueError(f"{f} is {width}×{height}, but the model restores {size}×{size} faces (--aligned)")
            else:
                check_output_size((width, height), model.hr_size // size, str(f))
                photos[f] = (height, width)
        except (FileNotFoundError, ValueError) as err:
            failed.append(str(err))
    out = Path(args.output)
    planned = [(out / f"{f.stem}.png", f"the restored {f.name}") for f in [*crops, *photos] if "restored" in save]
    planned += [(out / "comparison.png", "the comparison grid")] if crops and "cmp" in save else []
    kinds = [(kind, ext) for kind, ext in PHOTO_FILES.items() if kind in save]
    planned += [(out / f"{f.stem}.{kind}.{ext}", f"the {kind} of {f.name}") for f in photos for kind, ext in kinds]
    mask_files = list_images(args.mask) if args.mask and Path(args.mask).is_dir() else []
    gt_files = {p.stem: p for p in list_images(args.gt)} if args.gt else {}
    _check_outputs(out, planned, [*files, *mask_files, *gt_files.values()])
    crops = _restore_crops(args, model, crops, gt_files, save, failed) if crops else []
    restored = _restore_photos(args, model, name, size, photos, save, failed) if photos else []
    if not crops and not restored:
        raise CLIError(failed[0] if len(failed) == 1 else f"none of the {len(files)} inputs was restored: {failed[0]}")
    for message in failed:
        print(f"facerestore: skipped: {message}", file=sys.stderr)
    done = [f"{len(crops)} face(s)"] if crops else []
    done += [f"{len(restored)} photo(s) with {sum(restored)} face(s)"] if restored else []
    print(f"restored {' and '.join(done)} into {out}" + (f"; {len(failed)} skipped (above)" if failed else ""))
    return 1 if failed else 0


def _restore_crops(args, model, files: list[Path], gt_files: dict, save: set, failed: list[str]) -> list[Path]:
    """Aligned face crops at the model's input size: restored in batches; ``comparison.png`` shows them all."""
    images = {}
    for f in files:
        try:
            images[f] = read_rgb(f)
        except (FileNotFoundError, ValueError) as err:
            failed.append(str(err))
    files = list(images)
    if not files:
        return []
    if args.mask == "auto":
        raise CLIError("--mask auto finds occlusions on photographs; for aligned face crops give the mask")
    masks = _masks(args.mask, files, [images[f].shape[:2] for f in files])
    gts = [read_rgb(gt_files[f.stem]) if f.stem in gt_files else None for f in files]
    images = [images[f] for f in files]

    from tqdm import tqdm

    restored = []
    batches = range(0, len(files), args.batch_size)
    for start in tqdm(batches, desc="restoring", unit="batch", disable=len(batches) < 2):
        batch = np.stack(images[start : start + args.batch_size])
        mask = None if masks is None else np.stack(masks[start : start + args.batch_size])[..., None]
        restored.extend(model.restore(batch, mask, batch_size=args.batch_size))

    out = Path(args.output)
    if "restored" in save:
        for f, img in zip(files, restored):
            write_image(out / f"{f.stem}.png", img)
    if "cmp" in save:
        shown = images if masks is None else [(img * m[..., None]).astype(np.uint8) for img, m in zip(images, masks)]
        rows = [[lr, img] + ([gt] if gt is not None else []) for lr, img, gt in zip(shown, restored, gts)]
        write_image(out / "comparison.png", image_grid(rows))
    return files


def _restore_photos(args, model, name: str, size: int, photos: dict, save: set, failed: list[str]) -> list[int]:
    """Photographs: every face found, aligned, restored and pasted back into the photo upscaled by the model's
    scale; returns the number of faces restored per photo written."""
    detector = FaceDetector()
    out = Path(args.output)
    scale = model.hr_size // size
    files = list(photos)
    auto = args.mask == "auto" or (args.mask is None and model.takes_mask)
    estimator = from_pretrained(OCCLUSION_MODEL) if auto and model.takes_mask else None
    masks = None if auto else _masks(args.mask, files, list(photos.values()))
    counts = []
    for i, f in enumerate(files):
        try:
            image = read_rgb(f)
        except (FileNotFoundError, ValueError) as err:
            failed.append(str(err))
            continue
        occlusion = None if masks is None else masks[i] < 0.5
        result, faces = restore_photo(model, image, occlusion, detector, args.large_faces, estimator, input_size=size)
        if not faces:
            failed.append(f"no face found in {f} (YuNet, score ≥ 0.6): nothing written for it")
            continue
        if "restored" in save:
            write_image(out / f"{f.stem}.png", result)
        if "cmp" in save:
            write_image(out / f"{f.stem}.cmp.png", np.hstack([resized(image, result.shape[:2]), result]))
        if "overlay" in save:
            write_image(out / f"{f.stem}.overlay.png", overlay(result, faces, scale))
        if "faces" in save:
            write_image(out / f"{f.stem}.faces.png", image_grid([_face_row(pf, model.hr_size) for pf in faces]))
        if "report" in save:
            report = {
                "image": str(f),
                "model": name,
                "scale": scale,
                "input_size": list(image.shape[1::-1]),
                "output_size": list(result.shape[1::-1]),
                "faces": [pf.to_json() for pf in faces],
                "note": "restored pixels are reconstructions, not evidence: detail in every restored face and "
                "everything in its occluded pixels was made up by the model (docs/photos.md)",
            }
            atomic_write_text(out / f"{f.stem}.report.json", json.dumps(report, indent=2))
        counts.append(sum(pf.restored is not None for pf in faces))
        for k, pf in enumerate(faces):
            if pf.note:
                print(f"facerestore: {f.name}: face {k} {pf.note}", file=sys.stderr)
    return counts


def _face_row(pf, hr: int) -> list[np.ndarray]:
    """One face of ``--save faces``: the LR crop (bicubic for display), its mask if any, the restored face."""
    row = [resized(pf.lr, (hr, hr))]
    if pf.mask is not None:
        row.append(np.repeat((255 * (1 - pf.mask)).astype(np.uint8), 3, axis=2))
    return row + [pf.restored if pf.restored is not None else row[0]]


def cmd_list(args) -> int:
    for kind, names in list_models().items():
        print(f"{kind:<14} {', '.join(names) or '-'}")
    print("\nzoo aliases (width: 'paper' = the paper's configuration, 'reduced' = trained here at reduced width):")
    for alias, info in entries().items():
        params = info["training"].get("parameters")
        size = f"{params / 1e6:.2f} M" if params else "-"
        print(f"  {alias:<28} {info['status']:<12} {info['width']:<8} {size:>8}  {info['description']}")
    return 0


def cmd_info(args) -> int:
    print(json.dumps(entry(args.model), indent=2, ensure_ascii=False))
    return 0


def cmd_train(args) -> int:
    from .engine.runner import load_config, train  # mmengine Runner: train/test/benchmark only

    cfg = load_config(args.config, data_root=args.data_root, options=_options(args.cfg_options))
    cfg.launcher = args.launcher
    _, final = train(cfg, work_dir=args.work_dir, resume=args.resume or False)
    if final is not None:
        print(f"final model written to {final}")
    return 0


def cmd_test(args) -> int:
    from .engine.runner import evaluate, format_table, load_config  # mmengine Runner: train/test/benchmark only

    cfg = load_config(args.config, data_root=args.data_root, options=_options(args.cfg_options))
    out = Path(args.out) if args.out else Path(args.work_dir or "work_dirs") / f"{Path(args.config).stem}_test"
    device, dtype = _placement(args)
    print(format_table(evaluate(cfg, args.checkpoint, out=out, work_dir=args.work_dir, device=device, dtype=dtype)))
    print(f"written to {out.with_suffix('.json')} and {out.with_suffix('.csv')}")
    return 0


def cmd_data_synth(args) -> int:
    from .data.synth import synthesize  # the face generator: `data synth` only

    synthesize(args.count, args.out, seed=args.seed, size=args.size)
    return 0


def cmd_push(args) -> int:
    pushed = push_to_hub(
        args.model_dir, args.repo_id, alias=args.alias, revision=args.revision, private=args.private or None
    )
    print(f"pushed {args.model_dir} to {pushed['url']}")
    if args.alias:
        pin = {"status": "published", "hub_id": args.repo_id, "revision": pushed["commit"], "sha256": pushed["sha256"]}
        print(f"to publish it, set in zoo/{args.alias}.json: {json.dumps(pin)}")
    return 0


def cmd_download(args) -> int:
    if Path(args.model).is_dir():
        raise CLIError(f"{args.model} is a local model directory: there is nothing to download")
    print(fetch(args.model, cache_dir=args.cache_dir))
    return 0


def _load_restorer(name: str, args):
    """The model ``restore`` runs: an exported ``.onnx`` file or ``--backend onnxruntime`` (the model exported to a
    temporary file first) on ONNX Runtime, else torch on ``--device`` in ``--dtype``."""
    if (name.endswith(".onnx") or args.backend == "onnxruntime") and args.compile:
        raise CLIError("--compile compiles the torch model; ONNX Runtime optimises its graph itself")
    if name.endswith(".onnx"):
        return OnnxRestorer(name)
    if args.backend == "onnxruntime":
        model = from_pretrained(name)
        with tempfile.TemporaryDirectory() as tmp:
            export_onnx(model, Path(tmp) / "model.onnx", args.input_size or trained_input_size(name))
            return OnnxRestorer(Path(tmp) / "model.onnx")  # the session holds the graph; the file may go
    device, dtype = _placement(args)
    # channels-last: 1.65x on the default model at batch 16 on this CPU, outputs equal to 1.1e-6 (docs/benchmarks.md)
    model = from_pretrained(name, device=device, dtype=dtype).to(memory_format=torch.channels_last)
    if not args.compile:
        return model
    print("facerestore: --compile: the first batch of each size compiles first (10-80 s on a CPU)", file=sys.stderr)
    return compile_restore(model)


def _placement(args) -> tuple[torch.device, torch.dtype]:
    try:
        return placement(args.device, args.dtype)
    except ValueError as err:
        raise CLIError(f"--device {args.device} --dtype {args.dtype}: {err}") from None


def _add_placement(p: argparse.ArgumentParser, compile_: bool = True) -> None:
    """``--device`` and ``--dtype`` (where and in which precision the model runs), and ``--compile``."""
    p.add_argument("--device", default="auto", help="auto (a GPU when there is one), cpu, cuda or cuda:N")
    p.add_argument(
        "--dtype",
        default="auto",
        choices=["auto", "fp32", "fp16", "bf16"],
        help="precision (auto: fp16 on a GPU, fp32 on the CPU); a batch that gives NaN/Inf is redone in fp32",
    )
    if compile_:
        p.add_argument(
            "--compile",
            action="store_true",
            help="run the model through torch.compile: faster, but each new batch size first compiles (10-80 s)",
        )


def cmd_export(args) -> int:
    difference = export_onnx(from_pretrained(args.model), args.out, args.input_size or trained_input_size(args.model))
    print(f"exported {args.model} to {args.out}; ONNX Runtime vs torch on 3 faces: max abs difference {difference:.2e}")
    return 0


def cmd_benchmark(args) -> int:
    from .benchmark import check_set, run  # mmengine Runner: train/test/benchmark only
    from .engine.runner import load_config  # likewise

    device, dtype = _placement(args)
    sets = [load_config(path, data_root=args.data_root) for path in args.sets]
    for benchmark in sets:  # every set is checked before anything runs or is written
        check_set(benchmark)
    for path, benchmark in zip(args.sets, sets):
        out = Path(args.out) / Path(path).stem
        run(benchmark, out, max_samples=args.max_samples, device=device, dtype=dtype, compile_=args.compile)
        print((out / "table.md").read_text())
        print(f"written to {out}/: table.md, table.csv, table.json, grids/")
    return 0


def _options(pairs: list[str] | None) -> dict:
    options = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise CLIError(f"--cfg-options takes key=value pairs, got {pair!r}")
        key, value = pair.split("=", 1)
        try:
            options[key] = json.loads(value)
        except json.JSONDecodeError:
            options[key] = value
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="facerestore", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show full tracebacks")
    verbs = parser.add_subparsers(dest="verb", required=True)
    size_help = "LR face size for a model directory that takes any size"

    def command(parent, name: str, func, text: str) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=text)
        p.set_defaults(func=func)
        return p

    p = command(verbs, "restore", cmd_restore, "restore LR, occluded faces (the default model unless --model)")
    p.add_argument("input", help="a photo or aligned face crop, or a folder of them")
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument("--model", help="zoo alias, model directory or exported .onnx file (default: the default model)")
    p.add_argument("--mask", help="mask file, folder of masks paired by name (white = occluded), 'x,y,w,h', or none")
    p.add_argument("--aligned", action="store_true", help="inputs are aligned face crops: never search for faces")
    p.add_argument("--large-faces", action="store_true", help="restore faces larger than the model's output too")
    p.add_argument("--input-size", type=_positive, help=f"{size_help} (zoo aliases know theirs: jdsr-x4 32)")
    p.add_argument("--backend", default="torch", choices=["torch", "onnxruntime"], help="what runs the model")
    _add_placement(p)
    p.add_argument("--gt", help="folder of ground-truth HR faces, paired by name, shown in the comparison")
    p.add_argument(
        "--save", default="restored,cmp", help=f"comma list of {', '.join(SAVE_CHOICES)} (default restored,cmp)"
    )
    p.add_argument("--batch-size", type=_positive, default=16)

    command(verbs, "list", cmd_list, "registered models by kind, and zoo aliases")
    command(verbs, "info", cmd_info, "a zoo entry").add_argument("model")

    for verb, func, text in (("train", cmd_train, "train from a config"), ("test", cmd_test, "evaluate a config")):
        p = command(verbs, verb, func, text)
        p.add_argument("config")
        p.add_argument("--work-dir")
        p.add_argument("--data-root", help="replace the config's data_root")
        p.add_argument("--cfg-options", nargs="+", metavar="KEY=VALUE")
        if verb == "train":
            p.add_argument("--resume", nargs="?", const=True, help="resume (from the last or a given checkpoint)")
            p.add_argument(
                "--launcher",
                default="none",
                choices=["none", "pytorch"],
                help="pytorch: one of several processes started by torchrun (docs/user-guide.md)",
            )
        else:
            p.add_argument("--checkpoint", required=True, help="model directory or training checkpoint")
            p.add_argument("--out", help="metrics file stem (writes .json and .csv)")
            _add_placement(p, compile_=False)

    data = verbs.add_parser("data", help="prepare datasets").add_subparsers(dest="data_verb", required=True)
    p = command(data, "synth", cmd_data_synth, "render a synthetic aligned-face corpus (needs the [synth] extra)")
    p.add_argument("count", type=_positive)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--size", type=int, default=128)

    p = command(
        verbs, "export", cmd_export, "export a model's restore graph to ONNX (dynamic batch), checked with ONNX Runtime"
    )
    p.add_argument("model", help="a zoo alias or model directory")
    p.add_argument("out", help="the .onnx file to write")
    p.add_argument("--input-size", type=_positive, help=size_help)
    p = command(verbs, "push", cmd_push, "upload a model directory and its model card to the Hugging Face Hub")
    p.add_argument("model_dir", help="a model directory (config.json + model.safetensors)")
    p.add_argument("repo_id", metavar="org/name", help="the Hub repository (created if needed)")
    p.add_argument("--alias", help="the zoo alias whose entry the model card describes")
    p.add_argument("--revision", help="the branch to push to (default main)")
    p.add_argument("--private", action="store_true", help="create the repository private")
    p = command(verbs, "download", cmd_download, "fetch a published model into the Hugging Face cache for offline use")
    p.add_argument("model", help="a zoo alias or hf-hub:org/name[@revision]")
    p.add_argument("--cache-dir", help="the Hugging Face cache to fill (default: HF_HUB_CACHE)")

    p = command(
        verbs, "benchmark", cmd_benchmark, "evaluate many models under one protocol: a table and comparison grids"
    )
    p.add_argument("sets", nargs="+", metavar="SET", help="benchmark set files (configs/benchmarks/)")
    p.add_argument("--out", default="results/benchmarks", help="output folder (one subfolder per set)")
    p.add_argument("--data-root", help="replace the set's data_root")
    p.add_argument("--max-samples", type=_positive, help="evaluate only the first N faces of each protocol")
    _add_placement(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        if args.debug:
            raise
        print(
            "facerestore: interrupted (nothing half-written: every file is written whole or not at all)",
            file=sys.stderr,
        )
        return 130
    except (CLIError, FileNotFoundError, ImportError, KeyError, ValueError, TypeError, RuntimeError, OSError) as err:
        if args.debug:
            raise
        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        print(f"facerestore: error: {message}", file=sys.stderr)
        return 2
