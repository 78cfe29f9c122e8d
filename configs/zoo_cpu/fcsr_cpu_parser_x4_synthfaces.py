# The frozen parser of GFC's parsing regulariser (Li et al. 2017; docs/architecture-notes.md §3.3) for the zoo's GFC
# compounds at ×4: a ParsingNet that labels the 11 parsing classes of a clean 32² LR face (docs/architecture-notes.md
# §6). No face-parsing weights can be had offline, so it is trained here on the corpus's landmark parsing maps, the
# way FishFSRNet's step 1 trains its ParsingNet (FishFSRNet eq. 2: L1 on one-hot maps), inside a FishFSRNet compound
# whose SR module is never trained. Its ParsingNet is then saved on its own (docs/model-zoo.md, "FCSR-GAN
# compounds"); that file is what the GFC configs load.
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x4_synthfaces.py"]
max_iters = 600
_data = dict(priors=dict(_delete_=True, parsing_lr="onehot"))
model = dict(
    generator=dict(
        prior=dict(out_channels=11, num_feat=32, num_block=4),
        sr=dict(num_feat=8, parsing_channels=11),
    ),
    stages=[
        dict(
            name="parsing",
            parts=["prior"],
            losses=[dict(type="PixelLoss", pred="prior_parsing_lr", target="parsing_lr")],
        )
    ],
)
train_dataloader = dict(batch_size=16, num_workers=0, persistent_workers=False, dataset=_data)
val_dataloader = dict(dataset=dict(max_samples=25, **_data))
test_dataloader = dict(dataset=_data)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(type="CosineAnnealingLR", T_max=max_iters, eta_min=1e-6, by_epoch=False)
default_hooks = dict(checkpoint=dict(interval=200, save_best=None, max_keep_ckpts=1), logger=dict(interval=50))
