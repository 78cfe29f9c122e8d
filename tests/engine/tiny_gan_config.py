# The tiny PConv + SRResNet config of tiny_config.py trained adversarially (WGAN-GP, a tiny PatchGAN critic,
# n_critic = 2, separate generator and discriminator optimisers).
_base_ = ["./tiny_config.py"]
model = dict(
    discriminator=dict(type="PatchGANDiscriminator", ndf=4, norm="none"),
    gradient_penalty=dict(weight=10.0),
    n_critic=2,
    stages=[
        dict(
            name="joint",
            losses=[
                dict(type="PixelLoss", pred="sr", target="hr_gt"),
                dict(type="AdversarialLoss", gan_type="wgan", weight=1e-3),
            ],
        ),
    ],
)
optim_wrapper = dict(
    _delete_=True,
    constructor="GANOptimWrapperConstructor",
    generator=dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-3, betas=(0.5, 0.999))),
    discriminator=dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-3, betas=(0.5, 0.999))),
)
default_hooks = dict(checkpoint=dict(interval=2))
