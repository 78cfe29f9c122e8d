# `jdsr-x4-paper` as a lent GPU can train it (scripts/train_gpu.py, docs/model-zoo.md): JDSR-GAN ×4 at the paper's
# widths (CBDNet-CA 64, FSRNet-CA 64 with two depth-4 hourglasses, critic 64; batch 16) with the terms that can be
# had offline, which are the JDSR aliases' terms (jdsr_cpu_x8_synthfaces_leg2.py: SFace for CNN_E, no VGG terms,
# smooth terms on the occluded region, one critic step per generator step) at ×4 with the heavy prior, in one run
# from random initialisation. The learning rates follow a cosine over the time budget rather than over
# iterations (TimeBudgetHook), since the budget, not max_iters, ends the run.
_base_ = ["../zoo_cpu/jdsr_cpu_x8_synthfaces_leg2.py"]
load_from = None
scale = 4
model = dict(
    generator=dict(completion=dict(width=64), sr=dict(prior="heavy", width=64, num_hourglasses=2, hourglass_depth=4)),
    discriminator=dict(width=64),
)
train_dataloader = dict(batch_size=16, num_workers=6, persistent_workers=True, dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
train_cfg = dict(max_iters=200_000, val_interval=2000)
default_hooks = dict(checkpoint=dict(interval=2000), logger=dict(interval=100))
