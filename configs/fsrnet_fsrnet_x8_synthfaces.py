# FSRNet alone (the SR module of JDSR-GAN and FCSR-GAN), ×8, heavy prior, 68 landmarks + 11 parsing
# classes derived from the corpus's landmarks. Losses as FSRNet: MSE on the coarse and the final face, and the
# face-prior loss (JDSR eq. 14: μ·MSE(heatmaps) + ν·parsing). No occlusion: FSRNet alone is face SR.
_base_ = ["./_base_/synthfaces_runtime.py"]
scale = 8
data_root = "../shared/data/synthfaces-128"
_priors = dict(heatmap_size=64, parsing_size=64)
_data = dict(
    scale=scale, mask=dict(_delete_=True, type="NoMask"), landmarks=data_root + "/landmarks.npz", priors=_priors
)
model = dict(
    type="FaceRestorer",
    generator=dict(type="CompoundGenerator", sr=dict(type="FSRNet", num_landmarks=68, num_parsing=11)),
    stages=[
        dict(
            name="fsrnet",
            losses=[
                dict(type="PixelLoss", criterion="l2", pred="sr_coarse", target="hr_gt"),
                dict(type="PixelLoss", criterion="l2", pred="sr", target="hr_gt"),
                dict(type="FacePriorLoss", parsing_criterion="mse"),
            ],
        ),
    ],
)
train_dataloader = dict(batch_size=14, dataset=_data)
val_dataloader = dict(dataset=_data)
test_dataloader = dict(dataset=_data)
optim_wrapper = dict(optimizer=dict(_delete_=True, type="RMSprop", lr=2.5e-4))
train_cfg = dict(type="IterBasedTrainLoop", max_iters=200_000, val_interval=5000)
