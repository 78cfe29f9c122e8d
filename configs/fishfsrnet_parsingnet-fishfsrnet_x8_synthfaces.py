# FishFSRNet ×8 with its ParsingNet, the paper's two-step schedule (FishFSRNet §IV-B): ParsingNet alone with the
# L1 of eq. 2 against the skin map derived from landmarks, then FishFSRNet with L1 on the maps ParsingNet
# estimates (frozen). Adam 1e-4, β = (0.9, 0.99), batch 8 (docs/architecture-notes.md §4.6). No occlusion: FishFSRNet
# is a face SR method.
_base_ = ["./_base_/synthfaces_runtime.py"]
scale = 8
data_root = "../shared/data/synthfaces-128"
_priors = dict(parsing_lr="skin")
_data = dict(
    scale=scale, mask=dict(_delete_=True, type="NoMask"), landmarks=data_root + "/landmarks.npz", priors=_priors
)
model = dict(
    type="FaceRestorer",
    generator=dict(
        type="CompoundGenerator",
        prior=dict(type="ParsingNet", out_channels=1),
        sr=dict(type="FishFSRNet", scale=scale, parsing_channels=1),
    ),
    stages=[
        dict(
            name="parsing",
            iters=100_000,
            parts=["prior"],
            losses=[dict(type="PixelLoss", pred="prior_parsing_lr", target="parsing_lr")],
        ),
        dict(name="sr", parts=["sr"], losses=[dict(type="PixelLoss", pred="sr", target="hr_gt")]),
    ],
)
train_dataloader = dict(batch_size=8, dataset=_data)
val_dataloader = dict(dataset=_data)
test_dataloader = dict(dataset=_data)
optim_wrapper = dict(optimizer=dict(type="Adam", lr=1e-4, betas=(0.9, 0.99)))
train_cfg = dict(type="IterBasedTrainLoop", max_iters=400_000, val_interval=5000)
