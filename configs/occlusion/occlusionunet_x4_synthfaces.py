# The occlusion estimator behind `facerestore restore --mask auto`: OcclusionUNet (facerestore.models.occlusion)
# on the 32² LR face, trained on synthfaces-128 with realistic occluders drawn on the HR face before degradation
# (face masks, sunglasses, scarves, hands, other objects, plain blocks; facerestore.data.occluders), BCE + Dice.
# The photo pipeline runs it on a 32² crop for every model and resizes its mask to the model's LR size.
_base_ = ["../_base_/synthfaces_runtime.py"]
data_root = "../shared/data/synthfaces-128"
scale = 4
max_iters = 2500
# One face in seven is left uncovered, so the estimator also learns to find nothing.
_kinds = dict(face_mask=1, sunglasses=1, scarf=1, hand=1, object=1, block=1, none=1)
_data = dict(mask=dict(_delete_=True, type="RealisticOcclusion", kinds=_kinds), landmarks=data_root + "/landmarks.npz")
model = dict(type="OcclusionTrainer", generator=dict(type="OcclusionUNet", width=16, depth=3))
train_dataloader = dict(batch_size=32, num_workers=1, dataset=_data)  # ~30 min on one core
val_dataloader = dict(dataset=dict(_data, subset=(9500, 9700)))
test_dataloader = dict(dataset=dict(_data, inpaint_baseline=False))
val_evaluator = [dict(type="OcclusionIoU")]
test_evaluator = [dict(type="OcclusionIoU")]
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(type="IterBasedTrainLoop", max_iters=max_iters, val_interval=1000)
param_scheduler = dict(type="CosineAnnealingLR", T_max=max_iters, eta_min=1e-5, by_epoch=False)
default_hooks = dict(checkpoint=dict(save_best="OcclusionIoU"))
