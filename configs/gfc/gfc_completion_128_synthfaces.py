# GFC on its own task (Li et al. 2017; docs/architecture-notes.md §3.3): complete 128² faces with a random 64×64
# hole, the generator at the published widths, its global and local discriminators and the parsing regulariser.
# L1 reconstruction; adversarial (global D on the whole face, local D on the 64² window around the hole) and
# parsing terms weighted 300, 300 and 0.05 as the reference. The reference's Caffe reconstruction loss sums over
# the 3·128² values of a face where ours averages them, so both adversarial weights are divided by 3·128² to keep
# the reference's balance (our reading; the paper does not say how its losses are normalised).
# Needs weights for the frozen 11-class parser (model.stages.completion.losses.parsing.weights; docs/joint-gans.md).
_base_ = ["../_base_/synthfaces_runtime.py"]
scale = 1
_adv = 300 / (3 * 128 * 128)
model = dict(
    type="FaceRestorer",
    generator=dict(type="CompoundGenerator", completion=dict(type="GFC", input_size=128), sr=None),
    discriminator=dict(global_d=dict(type="GFCGlobalDiscriminator"), local_d=dict(type="GFCLocalDiscriminator")),
    stages=dict(
        completion=dict(
            losses=dict(
                pixel=dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt"),
                adv_global=dict(
                    type="AdversarialLoss",
                    gan_type="vanilla",
                    weight=_adv,
                    pred="lr_composite",
                    target="lr_gt",
                    discriminator="global_d",
                ),
                adv_local=dict(
                    type="AdversarialLoss",
                    gan_type="vanilla",
                    weight=_adv,
                    pred="lr_composite",
                    target="lr_gt",
                    discriminator="local_d",
                    crop=64,
                    mask="mask",
                ),
                parsing=dict(
                    type="ParsingLoss",
                    weight=0.05,
                    pred="lr_composite",
                    target="lr_gt",
                    mask="mask",
                    network=dict(type="ParsingNet", out_channels=11),
                ),
            )
        )
    ),
)
# The reference's Adam settings: G lr 1e-4, β (0.9, 0.999); D lr 2e-4, β (0.5, 0.999); batch 2.
optim_wrapper = dict(
    _delete_=True,
    constructor="GANOptimWrapperConstructor",
    generator=dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-4, betas=(0.9, 0.999))),
    discriminator=dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=2e-4, betas=(0.5, 0.999))),
)
_hole = dict(_delete_=True, type="RandomRectMask", min_size=64, max_size=64)  # GFC's random 64×64 square
train_dataloader = dict(batch_size=2, dataset=dict(scale=scale, mask=_hole))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
train_cfg = dict(type="IterBasedTrainLoop", max_iters=200_000, val_interval=5000)
param_scheduler = None
