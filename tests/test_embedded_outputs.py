"""Every embedded zoo model loads unchanged and gives bit-identical outputs to those pinned in
embedded_outputs.json: refactoring the package (its import structure, build path, registries) must not change a
single output value. ``python tests/test_embedded_outputs.py`` pins newly embedded models; a deliberate change of
a model's weights or arithmetic re-pins all with ``--all`` and says so in the CHANGELOG."""

import hashlib
import json
import sys
from pathlib import Path

import pytest
import torch

import facerestore as fr
from facerestore import zoo
from facerestore.models.base import example_faces

PINS = Path(__file__).with_name("embedded_outputs.json")


def _embedded() -> list[str]:
    return sorted(a for a, e in zoo.entries().items() if e["status"] == "embedded")


def output(alias: str) -> torch.Tensor:
    """The model's output on two seeded random faces at its trained size, a block occluded where it takes a
    mask; one thread, so the reduction order is fixed."""
    model = fr.from_pretrained(alias).eval()
    size = zoo.trained_input_size(alias)
    faces, masks = example_faces(size, 2, model.takes_mask, seed=0)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        if getattr(model, "kind", None) == "occlusion":
            with torch.inference_mode():
                return model(faces)
        return model.restore(faces, masks)
    finally:
        torch.set_num_threads(threads)


def fingerprint(out: torch.Tensor) -> dict:
    out = out.detach().float().contiguous()
    return {
        "shape": list(out.shape),
        "sha256": hashlib.sha256(out.numpy().tobytes()).hexdigest(),
        "sum": float(out.double().sum()),
    }


def test_every_embedded_model_is_pinned():
    assert sorted(json.loads(PINS.read_text())) == _embedded()


@pytest.mark.parametrize("alias", _embedded())
def test_embedded_model_output_is_bit_identical_to_its_pin(alias):
    pinned = json.loads(PINS.read_text())[alias]
    got = fingerprint(output(alias))
    assert got["shape"] == pinned["shape"], alias
    assert got["sha256"] == pinned["sha256"], f"{alias}: output sum {got['sum']!r}, pinned {pinned['sum']!r}"


if __name__ == "__main__":
    pins = {} if "--all" in sys.argv[1:] or not PINS.exists() else json.loads(PINS.read_text())
    pins = {alias: pins.get(alias) or fingerprint(output(alias)) for alias in _embedded()}
    PINS.write_text(json.dumps(pins, indent=2) + "\n")
    print(f"pinned {len(pins)} models in {PINS}", file=sys.stderr)
