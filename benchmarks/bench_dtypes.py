"""Restore speed and output change of each precision on this machine's CPU (what `--dtype auto` should be).

    python benchmarks/bench_dtypes.py [--model default] [--batch 16] [--threads 1] [--repeats 3]
        [--out benchmarks/results/dtypes.json]

For fp32, bf16 and fp16: seconds per batch of random faces at the model's size (channels-last, as `restore` runs
it; medians of ``--repeats`` after a warm-up), the speed against fp32 measured in the same run, and on the
aligned sample faces (`samples/lr` with `samples/masks`) the largest and mean difference from fp32 in 8-bit
levels. Also prints the CPU's bf16/fp16 instruction flags from /proc/cpuinfo. Do not run while another job uses
the cores.
"""

import argparse
import re
import statistics
import time
from pathlib import Path

import numpy as np
import torch
from _results import save_results

import facerestore as fr
from facerestore.imageio import list_images, read_occlusion_mask, read_rgb
from facerestore.models.base import example_faces
from facerestore.zoo import trained_input_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default="benchmarks/results/dtypes.json")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    flags = sorted(set(re.findall(r"\b(amx_\w+|avx512_bf16|avx512_fp16)\b", Path("/proc/cpuinfo").read_text())))
    size = trained_input_size(args.model)
    lr, mask = example_faces(size, args.batch, with_mask=True)
    files = sorted(list_images("samples/lr"))
    faces = np.stack([read_rgb(f) for f in files])
    masks = np.stack([read_occlusion_mask(Path("samples/masks") / f.name) for f in files])
    rows, reference = [], None
    for name in ("fp32", "bf16", "fp16"):
        model = fr.from_pretrained(args.model, dtype=name).to(memory_format=torch.channels_last)
        dtype = next(model.parameters()).dtype
        times = []
        with torch.inference_mode():
            model.restore_batch(lr.to(dtype), mask.to(dtype))
            for _ in range(args.repeats):
                start = time.perf_counter()
                model.restore_batch(lr.to(dtype), mask.to(dtype))
                times.append(time.perf_counter() - start)
        out = model.restore(faces, masks if model.takes_mask else None).astype(int)
        reference = out if reference is None else reference
        seconds = statistics.median(times)
        diff = np.abs(out - reference)
        rows.append(
            dict(
                dtype=name,
                seconds_per_batch=round(seconds, 4),
                max_diff_8bit=int(diff.max()),
                mean_diff_8bit=round(float(diff.mean()), 3),
            )
        )
        print(
            f"{name}: {seconds * 1000:.0f} ms per batch of {args.batch}, "
            f"{rows[0]['seconds_per_batch'] / seconds:.2f}x fp32; sample faces vs fp32: max {diff.max()}, "
            f"mean {diff.mean():.3f} (8-bit levels)"
        )
    settings = dict(
        model=args.model,
        batch=args.batch,
        threads=args.threads,
        repeats=args.repeats,
        cpu_flags=flags,
        sample_faces=len(files),
    )
    save_results(settings, rows, args.out)


if __name__ == "__main__":
    main()
