# Data, evaluation and runtime shared by the configs trained on the synthfaces-128 corpus
# (11,000 aligned 128² faces; split: train/00000–09499 train, train/09500–09999 validation, test/10000–10999).
# `facerestore train CONFIG --data-root DIR` points every dataset at another copy of the corpus.
default_scope = "facerestore"
data_root = "../shared/data/synthfaces-128"
scale = 4

# Training occlusions: random rectangles (FCSR-GAN §4.1) up to the 64×64 of the evaluation block.
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type="InfiniteSampler", shuffle=True),
    collate_fn=dict(type="default_collate"),
    dataset=dict(
        type="FaceImageDataset",
        root=data_root + "/train",
        subset=(0, 9500),
        scale=scale,
        mask=dict(type="RandomRectMask", min_size=16, max_size=64),
        seed=0,
    ),
)
# Evaluation protocol (docs/architecture-notes.md §7): centre 64×64 block (1/4 of the HR area, FCSR-GAN Tables 5–6),
# zero-filled, PSNR/SSIM on Y, crop border 0. Checkpoints are selected on held-out train/09500–09699, never on test.
_eval_mask = dict(type="BlockMask", size=64)
val_dataloader = dict(
    batch_size=25,
    num_workers=1,
    sampler=dict(type="DefaultSampler", shuffle=False),
    collate_fn=dict(type="default_collate"),
    dataset=dict(type="FaceImageDataset", root=data_root + "/train", subset=(9500, 9700), scale=scale, mask=_eval_mask),
)
test_dataloader = dict(
    batch_size=25,
    num_workers=1,
    sampler=dict(type="DefaultSampler", shuffle=False),
    collate_fn=dict(type="default_collate"),
    dataset=dict(
        type="FaceImageDataset", root=data_root + "/test", scale=scale, mask=_eval_mask, inpaint_baseline=True
    ),
)
_metrics = [
    dict(type="PSNR", pred="sr", target="hr_gt", y_channel=True, crop_border=0),
    dict(type="SSIM", pred="sr", target="hr_gt", y_channel=True, crop_border=0),
]
# The bicubic upsampling of the occluded input, measured in the same run.
_bicubic = [
    dict(type="PSNR", pred="lr_up", target="hr_gt", y_channel=True, crop_border=0, prefix="bicubic"),
    dict(type="SSIM", pred="lr_up", target="hr_gt", y_channel=True, crop_border=0, prefix="bicubic"),
]
# The classical row: the occluded LR inpainted with the true mask (OpenCV Telea), then the shared bicubic. Blind
# models get no mask; this baseline still gets the true one.
_inpaint_bicubic = [
    dict(type="PSNR", pred="lr_inpaint_up", target="hr_gt", y_channel=True, crop_border=0, prefix="inpaint+bicubic"),
    dict(type="SSIM", pred="lr_inpaint_up", target="hr_gt", y_channel=True, crop_border=0, prefix="inpaint+bicubic"),
]
val_evaluator = _metrics
test_evaluator = _metrics + _bicubic + _inpaint_bicubic

val_cfg = dict(type="ValLoop")
test_cfg = dict(type="TestLoop")
optim_wrapper = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=2e-4, betas=(0.9, 0.99)))
default_hooks = dict(
    timer=dict(type="IterTimerHook"),
    logger=dict(type="LoggerHook", interval=50),
    param_scheduler=dict(type="ParamSchedulerHook"),
    checkpoint=dict(
        type="CheckpointHook",
        by_epoch=False,
        interval=1000,
        max_keep_ckpts=2,
        save_best="PSNR",
        rule="greater",
    ),
)
log_processor = dict(by_epoch=False, window_size=50)
env_cfg = dict(cudnn_benchmark=False, dist_cfg=dict(backend="nccl"))
randomness = dict(seed=0)
log_level = "INFO"
load_from = None
resume = False
