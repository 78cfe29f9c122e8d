"""Inference throughput (faces/s) of facerestore models on this machine, with ratios measured in the same run.

    python benchmarks/bench_inference.py [--threads 2] [--repeats 5] [--out benchmarks/results/inference.json]

Baseline for PConvUNet: the mask sums computed the way the FCSR-GAN / naoto0804 reference code does (a frozen
C_in-channel all-ones convolution per layer), against ours (one 1-channel box sum of the channel-summed mask).
Both give the same outputs (checked here to 1e-5 before timing). Medians of ``--repeats`` runs after a warm-up,
eval mode, ``torch.inference_mode()``; do not run while another job uses the cores.
"""

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import torch
import torch.nn.functional as F

import facerestore as fr
from facerestore.models.completion.pconv import PartialConv2d


def reference_mask_sums(self, x, mask):
    """PartialConv2d.forward with the reference's full-width ones convolution for the mask sums."""
    full = mask.expand(-1, self.in_channels, -1, -1) if mask.shape[1] == 1 else mask
    ones = torch.ones(1, self.in_channels, *self.kernel_size)
    with torch.no_grad():
        counts = F.conv2d(full, ones, stride=self.stride, padding=self.padding)
        new_mask = (counts > 0).to(x.dtype)
        numerator = self.window if self.normalization == "paper" else 1.0
        ratio = numerator / counts.clamp(min=1.0) * new_mask
    out = F.conv2d(x * full, self.weight, None, self.stride, self.padding) * ratio
    if self.bias is not None:
        out = (out + self.bias.view(1, -1, 1, 1)) * new_mask
    return out, new_mask


def faces_per_second(model, batch: int, repeats: int) -> float:
    inputs = model.example_inputs(batch)
    with torch.inference_mode():
        model(*inputs)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            model(*inputs)
            times.append(time.perf_counter() - start)
    return batch / statistics.median(times)


MODELS = {
    "PConvUNet @128² (full width)": dict(type="PConvUNet", input_size=128),
    "PConvUNet @32² (full width)": dict(type="PConvUNet", input_size=32),
    "SRResNet ×4 msrresnet (LR 32²)": dict(type="SRResNet", scale=4),
    "default model (compound, LR 32²)": "default",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--out", default="benchmarks/results/inference.json")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rows = []
    for label, spec in MODELS.items():
        model = (fr.from_pretrained(spec) if isinstance(spec, str) else fr.build_model(spec)).eval()
        for batch in args.batches:
            rows.append(dict(model=label, batch=batch, faces_per_s=faces_per_second(model, batch, args.repeats)))
        if isinstance(model, fr.models.completion.pconv.PConvUNet):
            inputs = model.example_inputs(2)
            with torch.inference_mode():
                ours = model(*inputs)[0]
                original = PartialConv2d.forward
                PartialConv2d.forward = reference_mask_sums
                try:
                    assert torch.allclose(model(*inputs)[0], ours, atol=1e-5), "baseline differs"
                    for batch in args.batches:
                        fps = faces_per_second(model, batch, args.repeats)
                        rows.append(dict(model=label + ", reference mask sums", batch=batch, faces_per_s=fps))
                finally:
                    PartialConv2d.forward = original
    by_key = {(r["model"], r["batch"]): r["faces_per_s"] for r in rows}
    for r in rows:
        base = by_key.get((r["model"] + ", reference mask sums", r["batch"]))
        if base:
            r["speedup_vs_reference_mask_sums"] = r["faces_per_s"] / base
    settings = dict(
        threads=args.threads,
        repeats=args.repeats,
        torch=torch.__version__,
        machine=platform.machine(),
        processor=platform.processor() or platform.platform(),
    )
    print(f"settings: {settings}")
    print(f"{'model':<52} {'batch':>5} {'faces/s':>9} {'× ref':>7}")
    for r in rows:
        ratio = r.get("speedup_vs_reference_mask_sums")
        print(f"{r['model']:<52} {r['batch']:>5} {r['faces_per_s']:>9.2f} {ratio and f'{ratio:.2f}' or '':>7}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(settings=settings, rows=rows), indent=2) + "\n")


if __name__ == "__main__":
    main()
