# The zoo's `fishfsrnet-x8`: FishFSRNet ×8 (FishFSRNet §III) with its ParsingNet, the paper's two-step schedule
# (§IV-B: ParsingNet alone on the landmark skin map, eq. 2, then FishFSRNet with L1 on the frozen ParsingNet's
# maps), at the reduced width that trains in about an hour on one CPU core (docs/model-zoo.md). Same modules,
# connections and losses as the paper config it inherits; only widths, batch, iterations and learning-rate
# schedule differ, and the layout is channels-last (measured faster: docs/model-zoo.md, training speed).
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
parsing_iters = 300
max_iters = parsing_iters + 1400
model = dict(
    memory_format="channels_last",
    generator=dict(prior=dict(num_feat=32, num_block=4), sr=dict(num_feat=16)),
    stages=[  # a list replaces the base's whole list
        dict(
            name="parsing",
            iters=parsing_iters,
            parts=["prior"],
            losses=[dict(type="PixelLoss", pred="prior_parsing_lr", target="parsing_lr")],
        ),
        dict(name="sr", parts=["sr"], losses=[dict(type="PixelLoss", pred="sr", target="hr_gt")]),
    ],
)
train_dataloader = dict(batch_size=8, num_workers=0, persistent_workers=False)
optim_wrapper = dict(optimizer=dict(lr=4e-4))
# Constant during the ParsingNet step, then a cosine decay over the FishFSRNet step.
param_scheduler = dict(
    type="CosineAnnealingLR",
    T_max=max_iters - parsing_iters,
    eta_min=1e-6,
    by_epoch=False,
    begin=parsing_iters,
    end=max_iters,
)
val_dataloader = dict(dataset=dict(max_samples=100))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
default_hooks = dict(checkpoint=dict(interval=100, save_best=None, max_keep_ckpts=2), logger=dict(interval=50))
