"""The statistics of FishFSRNet's channel gate: ``torch.var`` (a Welford kernel) against E[x²] − E[x]², the
formulation `ChannelGate` uses, on one activation in both memory formats.

    python benchmarks/bench_channel_gate.py [--shape 16,64,64,64] [--threads 2] [--repeats 15]

Prints the milliseconds of each variance (median of ``--repeats`` alternating runs), of the whole gate, and the
largest difference from a float64 variance. Do not run while another job uses the cores.
"""

import argparse
import statistics
import time

import torch

from facerestore.models.sr.fishfsrnet import ChannelGate


def median_ms(fn, repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def measure(gate: ChannelGate, x: torch.Tensor, repeats: int) -> str:
    flat = x.flatten(2)
    exact = flat.double().var(2, correction=0)

    def welford():
        return flat.var(2, correction=0)

    def moments():
        return flat.square().mean(2) - flat.mean(2).square()

    return (
        f"torch.var {median_ms(welford, repeats):6.2f} ms (diff {float((welford() - exact).abs().max()):.1e}), "
        f"E[x²] − E[x]² {median_ms(moments, repeats):6.2f} ms (diff {float((moments() - exact).abs().max()):.1e}), "
        f"whole gate {median_ms(lambda: gate(x), repeats):6.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shape", default="16,64,64,64")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    shape = tuple(int(v) for v in args.shape.split(","))
    gate = ChannelGate(shape[1]).eval()
    print(f"activation {'×'.join(map(str, shape))}, threads {args.threads}, median of {args.repeats}")
    for layout in (torch.contiguous_format, torch.channels_last):
        x = (torch.randn(shape, generator=torch.Generator().manual_seed(0)) * 3 + 5).contiguous(memory_format=layout)
        with torch.inference_mode():
            print(f"{str(layout).removeprefix('torch.'):18s} {measure(gate, x, args.repeats)}")


if __name__ == "__main__":
    main()
