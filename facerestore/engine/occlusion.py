"""Training an occlusion estimator (:mod:`facerestore.models.occlusion`) with the mmengine Runner."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from mmengine.model import BaseModel

from ..registry import MODELS, build_model


@MODELS.register_module()
class OcclusionTrainer(BaseModel):
    """Trains ``generator`` (an occlusion estimator) to find the covered pixels of the LR face: binary
    cross-entropy plus ``dice_weight`` × soft Dice (Milletari et al., 2016) between its logits and the dataset's
    LR occlusion, ``1 − mask`` (an LR pixel counts as covered when any HR pixel under it is: the min-pooled
    mask). ``val_step``/``test_step`` add ``occlusion`` (probabilities) and ``occlusion_gt`` to the batch for
    :class:`facerestore.metrics.OcclusionIoU`. The Runner saves ``generator`` as the trained model.
    """

    def __init__(self, generator: dict, dice_weight: float = 1.0, data_preprocessor=None, init_cfg=None):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.generator = build_model(generator)
        if self.generator.kind != "occlusion":
            raise TypeError(f"OcclusionTrainer trains occlusion estimators, got {type(self.generator).__name__}")
        self.dice_weight = dice_weight

    def losses(self, logits: torch.Tensor, covered: torch.Tensor) -> dict[str, torch.Tensor]:
        bce = F.binary_cross_entropy_with_logits(logits, covered)
        prob = torch.sigmoid(logits)
        overlap = (prob * covered).sum((1, 2, 3))
        dice = 1 - (2 * overlap + 1) / (prob.sum((1, 2, 3)) + covered.sum((1, 2, 3)) + 1)
        return {"bce": bce, "dice": self.dice_weight * dice.mean()}

    def train_step(self, data, optim_wrapper):
        data = self.data_preprocessor(data, True)
        with optim_wrapper.optim_context(self):
            losses = self.losses(self.generator(data["lr"]), 1 - data["mask"])
        total = sum(losses.values())
        optim_wrapper.update_params(total)
        return {"loss": total.detach(), **{k: v.detach() for k, v in losses.items()}}

    def val_step(self, data):
        data = self.data_preprocessor(data, False)
        with torch.no_grad():
            prob = torch.sigmoid(self.generator(data["lr"]))
        if not torch.isfinite(prob).all():
            raise ValueError("the occlusion estimator produced NaN: its weights are damaged or diverged")
        merged = {**data, "occlusion": prob, "occlusion_gt": 1 - data["mask"]}
        return [{k: v.cpu() if isinstance(v, torch.Tensor) else v for k, v in merged.items()}]

    test_step = val_step

    def forward(self, inputs, data_samples=None, mode="tensor"):
        return self.generator(inputs)
