# FishFSRNet ×8 in miniature for a CPU comparison (FishFSRNet Fig. 14: with vs without the parsing map): width 16,
# batch 4, 150 ParsingNet iterations then 450 FishFSRNet iterations, seed 0. Minutes on 2 cores, not the paper.
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
model = dict(
    generator=dict(prior=dict(num_feat=16, num_block=4), sr=dict(num_feat=16)),
    stages=[  # a list replaces the base's whole list
        dict(
            name="parsing",
            iters=150,
            parts=["prior"],
            losses=[dict(type="PixelLoss", pred="prior_parsing_lr", target="parsing_lr")],
        ),
        dict(name="sr", parts=["sr"], losses=[dict(type="PixelLoss", pred="sr", target="hr_gt")]),
    ],
)
train_dataloader = dict(batch_size=4)
# test/10000–10199, the CPU protocol of docs/architecture-notes.md §7
test_dataloader = dict(dataset=dict(max_samples=200))
val_dataloader = dict(dataset=dict(max_samples=100))
train_cfg = dict(max_iters=600, val_interval=600)
default_hooks = dict(checkpoint=dict(interval=600, save_best=None), logger=dict(interval=25))
