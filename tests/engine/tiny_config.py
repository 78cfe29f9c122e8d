# A tiny two-stage PConv + SRResNet ×8 training config for the tests (16² LR), on a folder of 128² faces.
default_scope = "facerestore"
data_root = "DATA_ROOT"
_dataset = dict(type="FaceImageDataset", root=data_root, scale=8, mask=dict(type="BlockMask", size=64))
_loader = dict(
    batch_size=4,
    num_workers=0,
    sampler=dict(type="DefaultSampler", shuffle=False),
    collate_fn=dict(type="default_collate"),
    dataset=_dataset,
)
train_dataloader = dict(
    _loader,
    sampler=dict(type="InfiniteSampler", shuffle=True),
    dataset=dict(_dataset, mask=dict(type="RandomRectMask", min_size=16, max_size=64)),
)
val_dataloader = _loader
test_dataloader = _loader
_metrics = [dict(type="PSNR", pred="sr", target="hr_gt"), dict(type="SSIM", pred="sr", target="hr_gt")]
val_evaluator = _metrics
test_evaluator = _metrics + [dict(type="PSNR", pred="lr_up", target="hr_gt", prefix="bicubic")]
_fc = [
    dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt", region="valid"),
    dict(type="PixelLoss", weight=6, pred="lr_restored", target="lr_gt", region="hole"),
    dict(type="SmoothLoss", weight=0.1, pred="lr_composite"),
]
model = dict(
    type="FaceRestorer",
    generator=dict(
        type="CompoundGenerator",
        completion=dict(type="PConvUNet", input_size=16, base_channels=4),
        sr=dict(type="SRResNet", scale=8, num_feat=8, num_block=1),
    ),
    stages=[
        dict(name="completion", iters=3, parts=["completion"], losses=_fc),
        dict(name="joint", losses=_fc + [dict(type="PixelLoss", pred="sr", target="hr_gt")]),
    ],
)
train_cfg = dict(type="IterBasedTrainLoop", max_iters=6, val_interval=3)
val_cfg = dict(type="ValLoop")
test_cfg = dict(type="TestLoop")
optim_wrapper = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-3))
default_hooks = dict(
    logger=dict(type="LoggerHook", interval=1),
    checkpoint=dict(type="CheckpointHook", by_epoch=False, interval=3),
)
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
