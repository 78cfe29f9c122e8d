"""Seconds per photograph, step by step, for `facerestore restore` on a photo (the README's sample by default).

    python benchmarks/bench_photo.py [PHOTO] [--model default] [--repeats 5] [--threads 2]
        [--out benchmarks/results/photo.json]

Times the steps of ``facerestore.photo.restore_photo`` (its ``timings``) on the whole photo: reading the file,
detection (YuNet, 2× search), alignment and crop of every face, the occlusion estimate (``--mask auto``, for
models that take a mask), the model's restoration, and the upscale of the photo with the paste-back; medians of
``--repeats`` runs after one warm-up, with the model, estimator and detector loaded beforehand (their loading is
timed once on its own). Do not run while another job uses the cores.
"""

import argparse
import statistics
import time

import torch
from _results import save_results

import facerestore as fr
from facerestore.imageio import read_rgb
from facerestore.photo import FaceDetector, restore_photo
from facerestore.zoo import OCCLUSION_MODEL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("photo", nargs="?", default="samples/photos/astronaut_masked_small.png")
    parser.add_argument("--model", default="default")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default="benchmarks/results/photo.json")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    start = time.perf_counter()
    model = fr.from_pretrained(args.model)
    estimator = fr.from_pretrained(OCCLUSION_MODEL) if model.takes_mask else None
    detector = FaceDetector()
    loading = time.perf_counter() - start

    def run() -> tuple[dict[str, float], int]:
        start = time.perf_counter()
        image = read_rgb(args.photo)
        times = {"read": time.perf_counter() - start}
        _, faces = restore_photo(model, image, None, detector, estimator=estimator, timings=times)
        return times, len(faces)

    run()
    runs = [run() for _ in range(args.repeats)]
    rows = [{"step": step, "seconds": statistics.median(t[step] for t, _ in runs)} for step in runs[0][0]]
    rows.append({"step": "total", "seconds": sum(r["seconds"] for r in rows)})
    print(f"| step | seconds ({runs[0][1]} face(s)) |")
    print("|---|---|")
    for row in rows:
        print(f"| {row['step']} | {row['seconds']:.4f} |")
    print(f"(loading the model, the estimator and the detector once: {loading:.2f} s)")
    settings = {
        "photo": args.photo,
        "model": args.model,
        "repeats": args.repeats,
        "threads": args.threads,
        "torch": torch.__version__,
    }
    save_results(settings, rows, args.out)


if __name__ == "__main__":
    main()
