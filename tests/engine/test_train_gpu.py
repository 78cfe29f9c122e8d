"""scripts/train_gpu.py, the paper-width GPU training run, at tiny size on the CPU (the tests never need a GPU)."""

import shutil
from pathlib import Path

import pytest
import torch
from helpers import import_script
from safetensors.torch import load_file

import facerestore as fr
from facerestore.engine.runner import load_config
from tests.engine.test_paper_configs import tiny_options

REPO = Path(__file__).parents[2]
CONFIG = REPO / "configs" / "fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"


def _train_gpu():
    return import_script("train_gpu")


def _packed(corpus: Path, folder: Path) -> Path:
    """The layout scripts/pack_corpus.py writes: train/, val/ and landmarks.npz."""
    shutil.copytree(corpus / "train", folder / "train")
    shutil.copytree(corpus / "test", folder / "val")
    shutil.copyfile(corpus / "landmarks.npz", folder / "landmarks.npz")
    return folder


def test_gpu_script_trains_the_paper_config_and_writes_sharded_weights(corpus, tmp_path):
    train_gpu = _train_gpu()
    packed = _packed(corpus, tmp_path / "packed")
    options, iters = tiny_options(load_config(CONFIG))
    out = tmp_path / "out"
    common = ["--corpus", str(packed), "--device", "cpu", "--dtype", "fp32", "--max-shard-size", "20KB"]
    report = train_gpu.main([str(CONFIG), "--out", str(out), *common, "--cfg-options", *options])
    assert report["iters"] == iters and report["samples_per_s"] > 0 and report["last_losses"]
    lr = load_config(CONFIG).optim_wrapper.optimizer.lr  # a few seconds into a 10-minute cosine: hardly lowered
    assert all(0.99 * lr < value < lr for value in report["final_lr"].values()), report["final_lr"]
    shards = sorted((out / "model").glob("model-*.safetensors"))
    assert len(shards) > 1
    for shard in shards:  # the tensors of a shard fit the limit (the file adds its JSON header)
        assert sum(t.nbytes for t in load_file(shard).values()) <= 20_000
        assert {t.dtype for t in load_file(shard).values()} == {torch.float16}
    assert (out / "model" / "model.safetensors.index.json").is_file()
    assert not (out / "model" / "model.safetensors").exists()
    model = fr.from_pretrained(out / "model")
    assert tuple(model.restore(torch.rand(1, 3, 16, 16)).shape) == (1, 3, 128, 128)

    # The time budget ends a run that would otherwise go on: 0.001 min is spent after the first iteration.
    long_run = [*options, "train_cfg.max_iters=1000"]
    budget = train_gpu.main(
        [str(CONFIG), "--out", str(tmp_path / "budget"), *common, "--minutes", "0.001", "--cfg-options", *long_run]
    )
    assert 1 <= budget["iters"] < 1000
    assert all(value == 0.0 for value in budget["final_lr"].values())  # the cosine ends at eta_min (none: 0)


def test_gpu_script_refuses_reduced_precision_without_cuda(corpus, tmp_path):
    train_gpu = _train_gpu()
    packed = _packed(corpus, tmp_path / "packed")
    with pytest.raises(ValueError, match="--dtype bf16 needs a CUDA device"):
        train_gpu.prepare(str(CONFIG), str(packed), 1.0, "cpu", "bf16", {})
