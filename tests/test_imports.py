"""The package's import structure: one-way layers (the import-linter contract in pyproject.toml), every module
importable on its own, a light ``build_model``, and one build path for the Runner and ``build_model``."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

from facerestore import registry

REPO = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_layers_import_only_downward():
    assert lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True) == 0


def test_every_module_imports_on_its_own():
    """Each module (but ``__main__``, which runs the command line) in a fresh interpreter state, forked after the
    third-party libraries are loaded so that the test takes seconds: a cycle that only some import orders survive
    fails here."""
    out = _run(
        """
        import os, pkgutil, sys
        import mmengine.runner, numpy, torch, torchvision  # noqa: F401  (third-party, loaded once before forking)
        root = os.path.join(os.getcwd(), "facerestore")
        modules = pkgutil.walk_packages([root], "facerestore.")
        names = ["facerestore"] + [m.name for m in modules if m.name != "facerestore.__main__"]  # runs the CLI
        failed = []
        for name in names:
            pid = os.fork()
            if pid == 0:
                try:
                    __import__(name)
                except BaseException as err:
                    print(f"{name}: {type(err).__name__}: {err}", file=sys.stderr)
                    os._exit(1)
                os._exit(0)
            if os.waitpid(pid, 0)[1] != 0:
                failed.append(name)
        print(len(names), failed)
        """
    )
    count, failed = out.split(" ", 1)
    assert int(count) > 50 and failed.strip() == "[]", out


def test_building_a_network_does_not_import_the_training_stack():
    loaded = _run(
        """
        import sys
        import facerestore as fr
        fr.build_model("SRResNet")
        fr.from_pretrained("default")
        print(" ".join(sorted(m for m in sys.modules if m.startswith(("facerestore", "mmengine")))))
        """
    ).split()
    assert "facerestore.models.sr.srresnet" in loaded
    heavy = [m for m in loaded if m.startswith(("facerestore.engine", "mmengine.runner", "mmengine.optim"))]
    assert heavy == []


def test_every_registry_builds_through_one_function():
    regs = [registry.MODELS, registry.LOSSES, registry.METRICS, registry.DATASETS, registry.TRANSFORMS, registry.HOOKS]
    assert all(r.build_func is registry.build_from_cfg for r in regs)


def test_the_runner_builds_its_model_through_the_registry(tmp_path):
    """A misspelt argument of the trained model is caught by the registry's argument check (with a close match),
    not by the constructor: the Runner goes through the same build function as ``build_model``."""
    from facerestore.engine.runner import FaceRunner

    model = dict(type="FaceRestorer", generatr=dict(type="CompoundGenerator", sr="SRResNet"), stages=[])
    with pytest.raises(TypeError, match=r"FaceRestorer has no argument 'generatr'; did you mean 'generator'\?"):
        FaceRunner(model=model, work_dir=str(tmp_path))
    with pytest.raises(TypeError, match=r"FaceRestorer has no argument 'generatr'"):
        registry.build_model(model)
