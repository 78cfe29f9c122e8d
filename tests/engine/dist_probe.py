"""A hook for tests/engine/test_distributed.py: each process of a multi-process run writes the faces it trained on
and a digest of its generator's parameters into the work dir (imported by the run's config: custom_imports)."""

import hashlib
import json
from pathlib import Path

from mmengine.dist import get_rank
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from facerestore.registry import HOOKS


@HOOKS.register_module()
class DistProbeHook(Hook):
    def before_train(self, runner):
        self.names = {}

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        self.names[runner.iter] = list(data_batch["name"])  # runner.iter: this iteration, counted from 0

    def after_train(self, runner):
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        digest = hashlib.sha256()
        for name, param in sorted(model.generator.named_parameters()):
            digest.update(name.encode() + param.detach().cpu().numpy().tobytes())
        report = {"names": self.names, "parameters": digest.hexdigest(), "iter": runner.iter}
        Path(runner.work_dir, f"probe_rank{get_rank()}_iter{runner.iter}.json").write_text(json.dumps(report))
