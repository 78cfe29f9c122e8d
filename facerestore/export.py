"""ONNX export of restoration models, and restoring with ONNX Runtime (``facerestore export``,
``facerestore restore --backend onnxruntime`` or ``--model FILE.onnx``; docs/user-guide.md, "Export").

The exported graph is the model's ``restore_batch``: ``lr`` N×3×h×w in [0, 1] (and ``mask`` N×1×h×w, 1 = known,
for models that take one) to ``sr`` N×3×128×128, with a dynamic batch. It is traced by torch's exporter
(``torch.onnx.export(dynamo=True)``) at the model's LR size and written atomically with the model's config and
sizes in the file's metadata, so that an ``.onnx`` file restores on its own; :func:`export_onnx` checks it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import warnings
from pathlib import Path

import torch

from .imageio import atomic_write
from .models.base import FaceModule, example_faces

#: The metadata key under which the model's config and sizes are stored in the ONNX file.
METADATA_KEY = "facerestore"


class RestoreGraph(torch.nn.Module):
    """``restore_batch`` as a module's ``forward``: what the exporter traces (and what multiply-adds count)."""

    def __init__(self, model: FaceModule):
        super().__init__()
        self.model = model

    def forward(self, lr: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        return self.model.restore_batch(lr, mask)


def export_onnx(model: FaceModule, path: str | os.PathLike, input_size: int | None = None) -> float:
    """Write ``model`` (float32, on the CPU) to ``path`` as ONNX with a dynamic batch and check it: returns the
    largest absolute difference between ONNX Runtime and torch on three seeded faces. ``input_size`` is the LR
    side for a model that takes any size (zoo aliases know theirs); a model that does not restore images, or
    that the exporter cannot trace, is a ``ValueError`` naming it."""
    import onnx  # the [dev] extra's exporter stack: imported only to export

    size = model.input_size or input_size
    if size is None:
        raise ValueError(f"{type(model).__name__} takes any size: give the LR size it was trained at (--input-size)")
    if type(model).restore_batch is FaceModule.restore_batch:
        raise ValueError(f"{type(model).__name__} does not restore images, so it has no restore graph to export")
    model = model.float().cpu().eval()
    graph = RestoreGraph(model).eval()
    takes_mask = bool(model.takes_mask)
    names = ["lr", "mask"] if takes_mask else ["lr"]
    batch = torch.export.Dim("batch", min=1)
    try:
        # quiet: the exporter prints its progress and warns about the batch dimension's name
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            warnings.simplefilter("ignore")
            program = torch.onnx.export(
                graph,
                tuple(t for t in example_faces(size, 2, takes_mask, seed=0) if t is not None),
                input_names=names,
                output_names=["sr"],
                dynamic_shapes={name: {0: batch} for name in names},
                dynamo=True,
                verbose=False,
            )
    except Exception as err:  # the exporter raises many types, wrapped: one line names the model and the root cause
        while err.__cause__ is not None:
            err = err.__cause__
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise ValueError(f"{type(model).__name__} does not export to ONNX: {type(err).__name__}: {first}") from None
    meta = {"config": model.config, "input_size": size, "hr_size": model.hr_size, "takes_mask": takes_mask}
    proto = program.model_proto
    onnx.helper.set_model_props(proto, {METADATA_KEY: json.dumps(meta)})
    lr, mask = example_faces(size, 3, takes_mask, seed=1)
    with torch.no_grad():
        expected = graph(lr, mask)
    differences = []

    def write_and_check(tmp: str) -> None:  # the file gets its name only once ONNX Runtime has run it
        onnx.save_model(proto, tmp)
        got = OnnxRestorer(tmp).restore_batch(lr, mask)
        differences.append(float((got - expected).abs().max()))

    atomic_write(path, write_and_check)
    return differences[0]


class OnnxRestorer(FaceModule):
    """An exported ``.onnx`` file run by ONNX Runtime behind the :meth:`FaceModule.restore` interface: the same
    input checks, batching and outputs as the torch model (on the CPU, float32)."""

    kind = "onnx"

    def __init__(self, path: str | os.PathLike):
        import onnxruntime as ort  # the [dev] extra: imported only for this backend

        super().__init__()
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"ONNX file {path} does not exist")
        try:
            self.session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            meta = json.loads(self.session.get_modelmeta().custom_metadata_map[METADATA_KEY])
        except Exception as err:  # onnxruntime raises its own error types for unreadable files
            raise ValueError(f"{path} is not an ONNX file exported by facerestore: {err}") from None
        self._input_size, self.hr_size, self.takes_mask = meta["input_size"], meta["hr_size"], meta["takes_mask"]
        self.source_config = meta["config"]

    def restore_batch(self, lr: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        if mask is not None and not self.takes_mask:  # a blind model's torch path may still blend known pixels
            raise ValueError("this ONNX graph is of a model that takes no mask: restore without masks")
        feeds = {"lr": lr.float().cpu().numpy()}
        if self.takes_mask:
            known = torch.ones_like(lr[:, :1]) if mask is None else mask
            feeds["mask"] = known.float().cpu().numpy()
        return torch.from_numpy(self.session.run(["sr"], feeds)[0])
