"""Start-up cost of the package, in fresh interpreters: `import torch` alone, `import facerestore` +
`build_model('SRResNet')`, and one face through `facerestore restore` with the default model, for this checkout
and optionally another source tree of the package (e.g. an older commit checked out with `git worktree add`).

    python benchmarks/bench_startup.py [--compare DIR] [--repeats 7] [--out benchmarks/results/startup.json]

Each row is the median wall time of ``--repeats`` runs, the trees alternating run by run so that a change in the
machine's load affects both alike; each run also reports how many modules it loaded and whether the training
stack (``facerestore.engine``, ``mmengine.runner``, ``mmengine.optim``) was among them. Do not run while another
job uses the cores.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import save_results

REPO = Path(__file__).resolve().parents[1]
REPORT = (
    "import sys; print(len(sys.modules), "
    "any(m.startswith(('facerestore.engine', 'mmengine.runner', 'mmengine.optim')) for m in sys.modules))"
)
FACE = REPO / "samples" / "lr" / "10003.png"


def cases(out_dir: str) -> dict[str, list[str]]:
    cli = f"import sys; sys.argv = ['facerestore', 'restore', {str(FACE)!r}, '-o', {out_dir!r}]"
    return {
        "import torch": ["-c", f"import torch; {REPORT}"],
        "import facerestore + build_model('SRResNet')": [
            "-c",
            f"import facerestore as fr; fr.build_model('SRResNet'); {REPORT}",
        ],
        "facerestore restore (one 32² face, default model)": [
            "-c",
            f"{cli}; import atexit; atexit.register(lambda: exec({REPORT!r}))\n"
            "from facerestore.cli import main; sys.exit(main())",
        ],
    }


def run_once(tree: Path, args: list[str]) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {args[-1][:60]}... failed: {done.stderr.strip().splitlines()[-1:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", type=Path, help="another source tree of the package")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--out", default="benchmarks/results/startup.json")
    args = parser.parse_args()
    trees = {"this checkout": REPO} | ({"compared": args.compare.resolve()} if args.compare else {})
    rows = []
    with tempfile.TemporaryDirectory() as out_dir:
        for case, argv in cases(out_dir).items():
            times: dict[str, list[float]] = {name: [] for name in trees}
            report: dict[str, str] = {}
            for _ in range(args.repeats):
                for name, tree in trees.items():
                    seconds, report[name] = run_once(tree, argv)
                    times[name].append(seconds)
            for name in trees:
                modules, training = report[name].split()
                median = statistics.median(times[name])
                rows.append(
                    dict(case=case, tree=name, seconds=round(median, 3), modules=int(modules), training_stack=training)
                )
                print(f"{case:52s} {name:14s} {median:6.2f} s  {modules:>5s} modules  training stack: {training}")
    settings = dict(repeats=args.repeats, trees={k: str(v) for k, v in trees.items()}, python=sys.version.split()[0])
    save_results(settings, rows, args.out)


if __name__ == "__main__":
    main()
