"""Which models export to ONNX: every registered model that restores images, at its tiny test width, and every
embedded zoo alias, through `facerestore.export.export_onnx` (dynamic batch, ONNX Runtime checked against torch).

    python scripts/onnx_support.py

Prints one row per model: exported or not, the largest absolute difference from torch on three faces, or the
first line of the exporter's error; the table in docs/user-guide.md ("Export") was written by this script.
"""

import argparse
import tempfile
import time
from pathlib import Path

import facerestore as fr
from facerestore import zoo
from facerestore.export import export_onnx
from facerestore.models.base import FaceModule
from facerestore.registry import MODELS


def candidates():
    """(name, model, LR size) for each restoring registered model at tiny width, then each embedded alias."""
    MODELS.import_from_location()
    for name, cls in sorted(MODELS.module_dict.items()):
        if isinstance(cls, type) and issubclass(cls, FaceModule) and cls.restore_batch is not FaceModule.restore_batch:
            model = fr.build_model(name, **cls.tiny_config)
            yield f"{name} (tiny)", model, model.input_size or 16
    for alias, entry in sorted(zoo.entries().items()):
        if entry["status"] == "embedded" and entry.get("kind") != "occlusion":
            yield alias, fr.from_pretrained(alias), zoo.trained_input_size(alias)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    print("| model | exports | max abs difference | seconds |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, model, size in candidates():
            start = time.perf_counter()
            try:
                difference = export_onnx(model, Path(tmp) / "m.onnx", size)
                row = f"| {name} | yes | {difference:.1e} |"
            except ValueError as err:
                row = f"| {name} | no: {str(err).split(': ', 1)[-1]} | - |"
            print(f"{row} {time.perf_counter() - start:.1f} |", flush=True)


if __name__ == "__main__":
    main()
