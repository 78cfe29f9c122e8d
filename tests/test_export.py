"""ONNX export round trips (``facerestore export``, ``OnnxRestorer``): the default model and one model of each paper
family at tiny width, checked against torch with ONNX Runtime on random and real faces, with a dynamic batch."""

import numpy as np
import pytest
import torch

import facerestore as fr
from facerestore.cli import main
from facerestore.export import OnnxRestorer, export_onnx
from facerestore.imageio import read_occlusion_mask, read_rgb

FAMILIES = {
    "JDSR-GAN (CBDNet-CA → FSRNet-CA)": dict(
        type="CompoundGenerator",
        completion=dict(type="CBDNet", input_size=128, width=4, channel_attention=True),
        sr=dict(type="FSRNet", width=4, num_hourglasses=1, hourglass_depth=2, channel_attention=True),
        completion_at="upsampled",
        blend=False,
    ),
    "FishFSRNet (ParsingNet + FishFSRNet)": dict(
        type="CompoundGenerator",
        prior=dict(type="ParsingNet", num_feat=4, num_block=1),
        sr=dict(type="FishFSRNet", scale=8, num_feat=4),
    ),
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_tiny_model_of_each_family_exports(family, tmp_path):
    model = fr.build_model(FAMILIES[family]).eval()
    difference = export_onnx(model, tmp_path / "m.onnx", input_size=16)
    assert difference < 1e-4, family
    onnx_model = OnnxRestorer(tmp_path / "m.onnx")
    faces = torch.rand(5, 3, 16, 16, generator=torch.Generator().manual_seed(2))  # another batch size
    torch.testing.assert_close(onnx_model.restore(faces), model.restore(faces), atol=1e-4, rtol=0)


def test_the_default_model_exports_and_restores_real_faces(tmp_path, capsys):
    out = tmp_path / "default.onnx"
    assert main(["export", "default", str(out)]) == 0
    printed = capsys.readouterr().out
    assert float(printed.rsplit("max abs difference ", 1)[1]) < 1e-4
    names = ["10003", "10017"]
    faces = np.stack([read_rgb(f"samples/lr/{n}.png") for n in names])
    masks = np.stack([read_occlusion_mask(f"samples/masks/{n}.png") for n in names])
    torch_out = fr.from_pretrained("default").restore(faces, masks)
    onnx_out = OnnxRestorer(out).restore(faces, masks)
    assert np.abs(onnx_out.astype(int) - torch_out.astype(int)).max() <= 1
    # the command line runs the file on its own, from the metadata it carries
    assert (
        main(
            [
                "restore",
                "samples/lr/10003.png",
                "--mask",
                "samples/masks",
                "-o",
                str(tmp_path / "r"),
                "--model",
                str(out),
            ]
        )
        == 0
    )
    assert (tmp_path / "r" / "10003.png").is_file()


def test_what_cannot_export_is_one_line(tmp_path):
    with pytest.raises(
        ValueError, match="FishFSRNet does not export to ONNX: RuntimeError: FishFSRNet needs a parsing map"
    ):
        export_onnx(fr.build_model("FishFSRNet", scale=4, num_feat=4), tmp_path / "x.onnx")
    with pytest.raises(ValueError, match="OcclusionUNet does not restore images"):
        export_onnx(fr.build_model("OcclusionUNet", width=4, depth=1), tmp_path / "x.onnx", input_size=16)
    assert not list(tmp_path.iterdir())
    with pytest.raises(ValueError, match="is not an ONNX file exported by facerestore"):
        (tmp_path / "bad.onnx").write_bytes(b"not onnx")
        OnnxRestorer(tmp_path / "bad.onnx")
