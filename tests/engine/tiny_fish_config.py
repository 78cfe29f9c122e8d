# A tiny FishFSRNet ×8 two-step config for the tests (FishFSRNet §IV-B): ParsingNet alone, then FishFSRNet on its maps.
default_scope = "facerestore"
data_root = "DATA_ROOT"
_dataset = dict(
    type="FaceImageDataset",
    root=data_root,
    scale=8,
    mask=dict(type="NoMask"),
    landmarks=data_root + "/landmarks.npz",
    priors=dict(parsing_lr="skin"),
)
_loader = dict(
    batch_size=4,
    num_workers=0,
    sampler=dict(type="DefaultSampler", shuffle=False),
    collate_fn=dict(type="default_collate"),
    dataset=_dataset,
)
train_dataloader = dict(_loader, sampler=dict(type="InfiniteSampler", shuffle=True))
val_dataloader = _loader
test_dataloader = _loader
val_evaluator = [dict(type="PSNR", pred="sr", target="hr_gt")]
test_evaluator = val_evaluator
model = dict(
    type="FaceRestorer",
    generator=dict(
        type="CompoundGenerator",
        prior=dict(type="ParsingNet", num_feat=4, num_block=1),
        sr=dict(type="FishFSRNet", scale=8, num_feat=4),
    ),
    stages=[
        dict(
            name="parsing",
            iters=2,
            parts=["prior"],
            losses=[dict(type="PixelLoss", pred="prior_parsing_lr", target="parsing_lr")],
        ),
        dict(name="sr", parts=["sr"], losses=[dict(type="PixelLoss", pred="sr", target="hr_gt")]),
    ],
)
train_cfg = dict(type="IterBasedTrainLoop", max_iters=4, val_interval=4)
val_cfg = dict(type="ValLoop")
test_cfg = dict(type="TestLoop")
optim_wrapper = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-3))
default_hooks = dict(logger=dict(type="LoggerHook", interval=1))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
