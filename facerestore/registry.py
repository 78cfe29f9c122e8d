"""The registries of facerestore and the helpers that build from them.

One scope, ``facerestore``. Each registry whose kind the mmengine Runner builds (models, metrics, datasets,
transforms, hooks) is a direct child of mmengine's root registry of that kind, so a Runner started with
``default_scope='facerestore'`` finds our entries; losses are built only by our own code and have no parent.

Every registry builds through :func:`build_from_cfg` (its ``build_func``), so ``MODELS.build(cfg)``,
:func:`build_model` and the training Runner (``FaceRunner.build_model``) are one checked path.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
from collections.abc import Mapping
from typing import Any

from mmengine import registry as mm

SCOPE = "facerestore"
#: Imported when a model name is not among the models: the training wrappers (FaceRestorer, OcclusionTrainer)
#: need mmengine's model and optimiser stack, which building a network (``build_model('SRResNet')``) must not load.
TRAINING_LOCATION = "facerestore.engine"


def build_from_cfg(cfg: str | Mapping[str, Any], registry: mm.Registry, default_args: Mapping | None = None):
    """Build ``cfg`` (a registry name, or a dict with ``type``) from ``registry``: the ``build_func`` of every
    facerestore registry. The name and the argument names are checked first (close matches in the error), and a
    constructor's error names the module and its plain arguments."""
    if isinstance(cfg, str):
        cfg = {"type": cfg}
    if hasattr(cfg, "to_dict"):  # an mmengine ConfigDict: modules record plain configs
        cfg = cfg.to_dict()
    if not isinstance(cfg, Mapping) or "type" not in cfg:
        raise TypeError(f"a {registry.name} config must be a name or a dict with a 'type' key, got {cfg!r}")
    kwargs = {**(default_args or {}), **{k: v for k, v in cfg.items() if k != "type"}}
    name = cfg["type"]
    if not isinstance(name, str):
        raise TypeError(f"'type' must be a registry name string, got {name!r}")
    cls = lookup(registry, name)
    check_arguments(cls, kwargs, what=name)
    try:
        return cls(**kwargs)
    except (TypeError, ValueError, RuntimeError) as err:
        if type(err) not in (TypeError, ValueError, RuntimeError):  # subclasses may take other arguments
            raise
        # Name the module and its plain arguments, so a bad value deep in a config is found from the message.
        plain = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if isinstance(v, int | float | str | bool))
        raise type(err)(f"{name}({plain}): {str(err).strip().splitlines()[0] if str(err).strip() else ''}") from None


def _registry(name: str, parent: mm.Registry | None, location: str) -> mm.Registry:
    return mm.Registry(name, parent=parent, scope=SCOPE, locations=[location], build_func=build_from_cfg)


MODELS = _registry("model", mm.MODELS, "facerestore.models")
LOSSES = _registry("loss", None, "facerestore.losses")
METRICS = _registry("metric", mm.METRICS, "facerestore.metrics")
DATASETS = _registry("dataset", mm.DATASETS, "facerestore.data")
TRANSFORMS = _registry("transform", mm.TRANSFORMS, "facerestore.data")
HOOKS = _registry("hook", mm.HOOKS, TRAINING_LOCATION)
MODEL_WRAPPERS = _registry("model_wrapper", mm.MODEL_WRAPPERS, TRAINING_LOCATION)
OPTIM_WRAPPER_CONSTRUCTORS = _registry(
    "optimizer wrapper constructor", mm.OPTIM_WRAPPER_CONSTRUCTORS, TRAINING_LOCATION
)


def build_model(cfg: str | Mapping[str, Any], **overrides):
    """Build any registered model from a registry name (plus keyword overrides) or a config dict.

    >>> build_model("SRResNet", scale=4)
    >>> build_model(dict(type="CompoundGenerator", completion="PConvUNet", sr=dict(type="SRResNet", scale=4)))
    """
    cfg = {"type": cfg} if isinstance(cfg, str) else cfg.to_dict() if hasattr(cfg, "to_dict") else dict(cfg)
    return MODELS.build({**cfg, **overrides})


#: The kinds a registered model can declare, in the order ``list_models`` shows them.
MODEL_KINDS = ("completion", "sr", "prior", "occlusion", "discriminator", "identity", "compound")


def register_model(kind: str, tiny_config: Mapping[str, Any] | None = None):
    """Class decorator: register a model in ``MODELS`` under its class name.

    ``kind`` is one of :data:`MODEL_KINDS`; ``tiny_config`` holds the constructor arguments of a
    tiny-width instance, which the test suite builds to check forward, backward and save/load.
    """
    if kind not in MODEL_KINDS:
        raise ValueError(f"unknown model kind {kind!r}; expected one of {MODEL_KINDS}")

    def wrap(cls):
        cls.kind = kind
        cls.tiny_config = dict(tiny_config or {})
        MODELS.register_module(module=cls)
        return cls

    return wrap


def close_matches(name: str, choices) -> str:
    matches = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.5)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        matches = [lowered[m] for m in difflib.get_close_matches(name.lower(), list(lowered), n=3, cutoff=0.5)]
    return f"; did you mean {', '.join(repr(m) for m in matches)}?" if matches else ""


def lookup(registry: mm.Registry, name: str):
    """Return the class registered as ``name``, or raise a ``KeyError`` that names it and close matches."""
    registry.import_from_location()
    cls = registry.module_dict.get(name)
    if cls is None and registry is MODELS:
        importlib.import_module(TRAINING_LOCATION)
        cls = registry.module_dict.get(name)
    if cls is None:
        known = sorted(registry.module_dict)
        raise KeyError(
            f"unknown {registry.name} {name!r}{close_matches(name, known)} "
            f"(registered in facerestore's {registry.name} registry: {', '.join(known)})"
        )
    return cls


def accepted_arguments(cls) -> list[str] | None:
    """The keywords ``cls`` (or a function) takes, following a constructor's ``**kwargs`` into the constructors of
    its bases (a metric that adds one argument forwards the rest); None when something takes any keyword."""
    inits = [vars(k)["__init__"] for k in cls.__mro__ if "__init__" in vars(k)] if inspect.isclass(cls) else [cls]
    accepted = []
    for init in inits:
        params = [p for p in inspect.signature(init).parameters.values() if p.name != "self"]
        accepted += [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        if not any(p.kind is p.VAR_KEYWORD for p in params):
            return accepted
    return None


def check_arguments(cls, kwargs: Mapping[str, Any], what: str | None = None) -> None:
    """Raise a ``TypeError`` naming each keyword ``cls`` does not take, with close matches."""
    accepted = accepted_arguments(cls)
    if accepted is None:
        return
    for key in kwargs:
        if key not in accepted:
            raise TypeError(
                f"{what or cls.__name__} has no argument {key!r}{close_matches(key, accepted)} "
                f"(it takes: {', '.join(accepted) or 'nothing'})"
            )


def registry_for_type(name: str) -> mm.Registry | None:
    """The facerestore registry that holds ``name``, if any."""
    for registry in (MODELS, LOSSES, METRICS, DATASETS, TRANSFORMS, HOOKS):
        registry.import_from_location()
        if name in registry.module_dict:
            return registry
    return None


def model_kinds() -> dict[str, list[str]]:
    """Every registered model name, grouped by kind (see :data:`MODEL_KINDS`)."""
    MODELS.import_from_location()
    return {
        k: sorted(n for n, cls in MODELS.module_dict.items() if getattr(cls, "kind", None) == k) for k in MODEL_KINDS
    }
