"""Restore throughput by execution path, in one run: eager NCHW (the plain path), channels-last (what `restore` and
`benchmark` use), `torch.compile` (inductor, freezing, channels-last) and ONNX Runtime (`facerestore export`),
with the GFLOP/s each achieves against this machine's measured fp32 matrix-multiply peak.

    python benchmarks/bench_layouts.py [--models default,fishfsrnet-x8,fsrnet-ca,cbdnet-ca] [--batches 1,16]
        [--threads 2] [--repeats 5] [--no-compile] [--no-onnx] [--out benchmarks/results/layouts.json]

Models: the embedded `default` and `fishfsrnet-x8` with their weights; FSRNet-CA and CBDNet-CA at the paper
widths of JDSR-GAN (random weights: speed does not depend on them), CBDNet-CA at 128² as JDSR-GAN runs it. Each
path is checked against eager NCHW on the same batch (largest absolute difference printed) before it is timed;
faces/s are medians of ``--repeats`` timed runs after a warm-up, the paths alternating so that a change in the
machine's load affects all alike. The compile time is printed once per model and batch. GFLOP/s count the
nominal multiply-adds (`facerestore.complexity.count_macs`), so a path whose library computes 3×3 convolutions
with fewer multiplies (oneDNN's Winograd kernels) can pass the matmul roof. Do not run while another job uses the
cores.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import torch
from _results import save_results

import facerestore as fr
from facerestore.complexity import count_macs
from facerestore.export import OnnxRestorer, RestoreGraph, export_onnx
from facerestore.models.base import compile_restore, example_faces

MODELS = {
    "default": lambda: fr.from_pretrained("default"),
    "fishfsrnet-x8": lambda: fr.from_pretrained("fishfsrnet-x8"),
    "fsrnet-ca": lambda: fr.build_model("FSRNet", channel_attention=True),
    "cbdnet-ca": lambda: fr.build_model("CBDNet", input_size=128, channel_attention=True),
}
LR_SIZE = {"default": 32, "fishfsrnet-x8": 16, "fsrnet-ca": 32, "cbdnet-ca": 128}


def matmul_peak(threads: int) -> float:
    """GFLOP/s of a 2048² fp32 matrix multiply on ``threads`` threads: this machine's practical compute roof."""
    a, b = torch.rand(2048, 2048), torch.rand(2048, 2048)
    a @ b
    start = time.perf_counter()
    for _ in range(5):
        a @ b
    return 5 * 2 * 2048**3 / (time.perf_counter() - start) / 1e9


def channels_last(model):
    """A copy of ``model`` in the channels-last memory format, as ``restore`` runs it."""
    copy = fr.build_model(model.config).eval().to(memory_format=torch.channels_last)
    copy.load_state_dict(model.state_dict())
    return copy


def paths(model, name: str, lr, mask, compile_: bool, onnx: bool, tmp: Path) -> dict:
    """``{path: callable(lr, mask)}`` for one model, each built and warmed up."""
    eager = model.eval()
    out = {"eager NCHW": eager.restore_batch, "channels-last": channels_last(model).restore_batch}
    if compile_:
        compiled = compile_restore(channels_last(model))  # what restore --compile runs
        start = time.perf_counter()
        compiled.restore_batch(lr, mask)
        print(f"  {name} batch {len(lr)}: compiled in {time.perf_counter() - start:.0f} s")
        out["compiled"] = compiled.restore_batch
    if onnx:
        export_onnx(model, tmp / f"{name}.onnx", LR_SIZE[name])
        out["ONNX Runtime"] = OnnxRestorer(tmp / f"{name}.onnx").restore_batch
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--batches", default="1,16")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true")
    parser.add_argument("--no-onnx", action="store_true")
    parser.add_argument("--out", default="benchmarks/results/layouts.json")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    peak = matmul_peak(args.threads)
    print(f"fp32 2048² matmul on {args.threads} threads: {peak:.0f} GFLOP/s")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, torch.inference_mode():
        for name in args.models.split(","):
            model, size = MODELS[name](), LR_SIZE[name]
            for batch in (int(b) for b in args.batches.split(",")):
                lr, mask = example_faces(size, batch, model.takes_mask)  # blind models restore without a mask
                runs = paths(model, name, lr, mask, not args.no_compile, not args.no_onnx, Path(tmp))
                reference = runs["eager NCHW"](lr, mask)
                macs = count_macs(RestoreGraph(model), lr[:1], None if mask is None else mask[:1])  # per face
                times = {path: [] for path in runs}
                for run in runs.values():
                    run(lr, mask)
                for _ in range(args.repeats):
                    for path, run in runs.items():
                        start = time.perf_counter()
                        run(lr, mask)
                        times[path].append(time.perf_counter() - start)
                base = batch / statistics.median(times["eager NCHW"])
                for path, run in runs.items():
                    fps = batch / statistics.median(times[path])
                    difference = float((run(lr, mask) - reference).abs().max())
                    gflops = 2 * macs * fps / 1e9
                    rows.append(
                        dict(
                            model=name,
                            batch=batch,
                            path=path,
                            faces_per_s=round(fps, 2),
                            ratio=round(fps / base, 2),
                            max_abs_diff=difference,
                            gflops=round(gflops, 1),
                            roof_share=round(gflops / peak, 3),
                        )
                    )
                    print(
                        f"{name:14s} b{batch:<3d} {path:14s} {fps:9.2f} faces/s {fps / base:5.2f}x "
                        f"diff {difference:.1e} {gflops:7.1f} GFLOP/s ({gflops / peak:.0%} of the matmul roof)"
                    )
    save_results(dict(threads=args.threads, repeats=args.repeats, matmul_gflops=round(peak, 1)), rows, args.out)


if __name__ == "__main__":
    main()
