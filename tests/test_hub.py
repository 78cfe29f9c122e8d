"""The Hugging Face Hub routes, offline: alias, ``hf-hub:org/name[@rev]`` and directory loading, sha256 checks
that evict a damaged file, ``facerestore download`` and ``facerestore push``.

Everything runs against a Hugging Face cache laid out in tmp_path as huggingface_hub lays it out
(``models--org--name/{blobs,snapshots/<rev>,refs/<branch>}``, snapshot files linking to content-named blobs),
with ``HF_HUB_OFFLINE=1``. Only the upload itself needs the Hub: the push tests record HfApi's calls instead.
"""

import hashlib
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from huggingface_hub import HfApi

import facerestore as fr
from facerestore import zoo
from facerestore.cli import main
from facerestore.hub import file_sha256

REPO = Path(__file__).resolve().parents[1]
REVISION = "0123456789abcdef0123456789abcdef01234567"


def fill_cache(cache: Path, repo_id: str, revision: str, directory: Path, branch: str = "main") -> Path:
    """Put ``directory`` into a Hugging Face cache as ``repo_id`` at commit ``revision``; the snapshot folder."""
    repo = cache / f"models--{repo_id.replace('/', '--')}"
    snapshot = repo / "snapshots" / revision
    snapshot.mkdir(parents=True)
    (repo / "blobs").mkdir(exist_ok=True)
    for file in sorted(directory.iterdir()):
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        shutil.copyfile(file, repo / "blobs" / digest)
        (snapshot / file.name).symlink_to(Path("..", "..", "blobs", digest))
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / branch).write_text(revision)
    return snapshot


def tiny(seed: int) -> fr.FaceModule:
    torch.manual_seed(seed)
    return fr.build_model(
        "CompoundGenerator",
        completion=dict(type="PConvUNet", input_size=16, base_channels=4),
        sr=dict(type="SRResNet", scale=8, num_feat=4, num_block=1),
    ).eval()


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A zoo whose alias ``tiny`` is published as facerestore/tiny at REVISION, in a pre-filled cache."""
    model = tiny(0)
    source = fr.save_pretrained(model, tmp_path / "source")
    cache = tmp_path / "hub"
    snapshot = fill_cache(cache, "facerestore/tiny", REVISION, source)
    template = {k: v for k, v in zoo.entry("default").items() if k not in ("directory", "config", "weights_dtype")}
    entry = {
        **template,
        "alias": "tiny",
        "description": "a tiny model",
        "status": "published",
        "hub_id": "facerestore/tiny",
        "revision": REVISION,
        "files": ["config.json", "model.safetensors"],
        "sha256": {n: file_sha256(source / n) for n in ("config.json", "model.safetensors")},
        "train_command": "facerestore train configs/tiny.py",
        "results": [],
    }
    folder = tmp_path / "zoo"
    folder.mkdir()
    (folder / "tiny.json").write_text(json.dumps(entry))
    monkeypatch.setattr(zoo, "zoo_dir", lambda: folder)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return SimpleNamespace(model=model, source=source, cache=cache, snapshot=snapshot)


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_alias_hub_spec_and_directory_load_the_same_model(published):
    x, mask = torch.rand(1, 3, 16, 16), torch.ones(1, 1, 16, 16)
    expected = published.model(x, mask)["sr"]
    specs = ["tiny", "hf-hub:facerestore/tiny", f"hf-hub:facerestore/tiny@{REVISION}", published.snapshot]
    for spec in [*specs, published.source]:
        loaded = fr.from_pretrained(spec, cache_dir=published.cache)
        assert torch.equal(loaded(x, mask)["sr"], expected), spec
    assert zoo.fetch("tiny", cache_dir=published.cache) == published.snapshot
    # cache_dir is honoured: another cache does not hold it, and HF_HUB_OFFLINE keeps the Hub out of it.
    with pytest.raises(FileNotFoundError, match="not in the Hugging Face cache .*HF_HUB_OFFLINE is set.*download tiny"):
        fr.from_pretrained("tiny", cache_dir=published.cache.parent / "empty")


def test_a_damaged_download_is_deleted_and_the_error_says_how_to_fetch_it_again(published):
    link = published.snapshot / "model.safetensors"
    blob = link.resolve()
    assert link.is_symlink() and blob.parent.name == "blobs"
    data = bytearray(blob.read_bytes())
    data[-1] ^= 0xFF  # one flipped bit in the last tensor: still a readable safetensors file
    blob.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"model.safetensors of tiny .*the download is damaged and was deleted"):
        fr.from_pretrained("tiny", cache_dir=published.cache)
    assert not link.exists() and not link.is_symlink() and not blob.exists()
    assert (published.snapshot / "config.json").resolve().is_file()  # the intact file stays
    with pytest.raises(FileNotFoundError, match="has no model.safetensors .*fetch it again, online, with: facerestore"):
        fr.from_pretrained("tiny", cache_dir=published.cache)


def test_a_hub_spec_is_checked_where_the_zoo_pins_its_commit(published, tmp_path):
    other = tiny(1)
    fill_cache(published.cache, "facerestore/tiny", "f" * 40, fr.save_pretrained(other, tmp_path / "dev"), "dev")
    x, mask = torch.rand(1, 3, 16, 16), torch.ones(1, 1, 16, 16)
    # A commit the zoo does not pin loads as it is (here the dev branch) ...
    assert torch.equal(
        fr.from_pretrained("hf-hub:facerestore/tiny@dev", published.cache)(x, mask)["sr"], other(x, mask)["sr"]
    )
    # ... the pinned one (main) is checked against the entry's sha256.
    (published.snapshot / "config.json").resolve().write_text("{}")
    with pytest.raises(ValueError, match="config.json of facerestore/tiny@0123.*download hf-hub:facerestore/tiny"):
        fr.from_pretrained("hf-hub:facerestore/tiny", cache_dir=published.cache)
    assert not (published.snapshot / "config.json").exists()


@pytest.mark.parametrize(
    "spec, error, message",
    [
        ("hf-hub:noslash", ValueError, "is not a Hub model: write hf-hub:org/name"),
        ("hf-hub:org/name@", ValueError, "is not a Hub model"),
        ("org/name", FileNotFoundError, "does not exist .*written hf-hub:org/name"),
        ("jdsr_x4", KeyError, "did you mean 'jdsr-x4'"),
    ],
)
def test_bad_names_say_what_was_meant(spec, error, message):
    with pytest.raises(error, match=message):
        fr.from_pretrained(spec)


def test_download_prints_the_cached_snapshot_offline(published, capsys):
    for spec in ("tiny", "hf-hub:facerestore/tiny"):
        code, out, _ = _run(capsys, "download", spec, "--cache-dir", published.cache)
        assert code == 0 and out.strip() == str(published.snapshot), spec
    code, out, err = _run(capsys, "download", "tiny", "--cache-dir", published.cache.parent / "empty")
    assert code == 2 and not out and len(err.strip().splitlines()) == 1
    assert "not in the Hugging Face cache" in err and "HF_HUB_OFFLINE is set" in err


def test_download_of_unpublished_embedded_and_local_models(tmp_path, capsys):
    code, out, err = _run(capsys, "download", "jdsr-x4-paper")
    assert code == 2 and not out and len(err.strip().splitlines()) == 1
    assert "no published weights yet" in err
    assert "train it with: facerestore train configs/jdsr/jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py" in err
    code, out, _ = _run(capsys, "download", "default")
    assert code == 0 and out.strip() == str(zoo.zoo_dir() / "default-pconv-srresnet-x4")
    code, _, err = _run(capsys, "download", tmp_path)
    assert code == 2 and "nothing to download" in err


@pytest.fixture
def hub_calls(monkeypatch):
    """HfApi's upload methods replaced by recorders: the one part of the Hub support that cannot run offline."""
    calls = []
    commit = SimpleNamespace(commit_url="https://huggingface.co/org/name/commit/" + "a" * 40, oid="a" * 40)
    for name, result in (("create_repo", None), ("create_branch", None), ("create_commit", commit)):

        def method(self, *args, _name=name, _result=result, **kwargs):
            calls.append((_name, args, kwargs))
            return _result

        monkeypatch.setattr(HfApi, name, method)
    return calls


def test_push_uploads_config_weights_and_the_alias_card(hub_calls, tmp_path, capsys):
    """``facerestore push DIR org/name --alias A --revision B``: HfApi's upload is recorded, not sent (offline)."""
    directory = fr.save_pretrained(tiny(0), tmp_path / "model")
    alias = "fcsr-pconv-srresnet-x4-paper"
    code, out, err = _run(capsys, "push", directory, f"facerestore/{alias}", "--alias", alias, "--revision", "v1")
    assert code == 0, err
    assert [c[0] for c in hub_calls] == ["create_repo", "create_branch", "create_commit"]
    (_, args, kwargs), (_, _, branch), (_, commit_args, commit) = hub_calls
    assert args == (f"facerestore/{alias}",) and kwargs["exist_ok"] is True and kwargs["repo_type"] == "model"
    assert branch["branch"] == "v1" and commit["revision"] == "v1" and commit_args == (f"facerestore/{alias}",)
    names = ("config.json", "model.safetensors", "README.md")
    assert {op.path_in_repo: op.path_or_fileobj for op in commit["operations"]} == {
        n: str(directory / n) for n in names
    }
    # The card is the zoo's card for that alias, and the output says what to pin in its entry.
    assert (directory / "README.md").read_text() == (REPO / "zoo" / "cards" / f"{alias}.md").read_text()
    pin = json.loads(out.splitlines()[-1].split(".json: ", 1)[1])
    assert pin["status"] == "published" and pin["revision"] == "a" * 40
    assert pin["sha256"] == {n: file_sha256(directory / n) for n in names[:2]}


def test_push_without_an_alias_writes_a_card_from_the_config(hub_calls, tmp_path):
    directory = fr.save_pretrained(tiny(0), tmp_path / "model")
    pushed = fr.push_to_hub(directory, "someone/tiny")
    assert pushed["commit"] == "a" * 40 and set(pushed["sha256"]) == {"config.json", "model.safetensors"}
    assert [c[0] for c in hub_calls] == ["create_repo", "create_commit"]  # main: no branch to create
    card = (directory / "README.md").read_text()
    front, body = card.split("---\n")[1:3]
    assert "license: other\n" in front and "library_name: facerestore\n" in front and "- facerestore\n" in front
    assert body.startswith("\n# someone/tiny\n\nA facerestore CompoundGenerator (completion PConvUNet, sr SRResNet)")
    assert 'fr.from_pretrained("hf-hub:someone/tiny")' in body and "model.restore(faces, masks)" in body
    assert "N×16×16×3" in body and "weights: not stated" in body


@pytest.mark.parametrize(
    "make, repo_id, extra, message",
    [
        (lambda d: None, "org/name", [], "model directory .* does not exist"),
        (lambda d: (fr.save_pretrained(tiny(0), d) / "model.safetensors").unlink(), "org/name", [], "weights file"),
        (lambda d: fr.save_pretrained(tiny(0), d), "noslash", [], "is not a Hub repository: write org/name"),
        (lambda d: fr.save_pretrained(tiny(0), d), "org/name", ["--alias", "jdsr_x4"], "did you mean 'jdsr-x4'"),
        (lambda d: fr.save_pretrained(tiny(0), d), "org/name", ["--alias", "default"], "not the model of zoo entry"),
    ],
)
def test_push_checks_the_directory_before_any_upload(make, repo_id, extra, message, hub_calls, tmp_path, capsys):
    directory = tmp_path / "model"
    make(directory)
    code, out, err = _run(capsys, "push", directory, repo_id, *extra)
    assert code == 2 and not out and len(err.strip().splitlines()) == 1 and err.startswith("facerestore: error:")
    assert re.search(message, err), err
    assert hub_calls == []


def test_sharded_weights_round_trip_and_replace_each_other(tmp_path):
    """Weights in shards (the Hugging Face index layout) load bit-exactly; saving the other layout into the
    same directory removes the old files, so a directory never holds two sets of weights."""
    model = tiny(0)
    folder = fr.save_pretrained(model, tmp_path / "m", max_shard_size="1KB")
    shards = sorted(p.name for p in folder.glob("model-*.safetensors"))
    assert len(shards) > 1 and (folder / "model.safetensors.index.json").is_file()
    index = json.loads((folder / "model.safetensors.index.json").read_text())
    assert sorted(set(index["weight_map"].values())) == shards
    loaded = fr.from_pretrained(folder)
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), loaded.state_dict().values()))

    fr.save_pretrained(model, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["config.json", "model.safetensors"]
    fr.save_pretrained(model, folder, max_shard_size="1KB")
    assert not (folder / "model.safetensors").exists()

    index["weight_map"][next(iter(index["weight_map"]))] = "../elsewhere.safetensors"
    (folder / "model.safetensors.index.json").write_text(json.dumps(index))
    with pytest.raises(ValueError, match="names a shard outside its folder"):
        fr.from_pretrained(folder)
