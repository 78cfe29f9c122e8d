# The zoo's `jdsr-x4`: JDSR-GAN ×4 (CBDNet-CA → FSRNet-CA, one joint objective, JDSR-GAN eq. 16–18, WGAN-GP
# critic, procedural face masks) at the reduced width that trains on 2 CPU cores in about 90 minutes on one core
# (docs/model-zoo.md). Same modules, connections and training scheme as the paper config it inherits. Terms:
# - kept: asymmetric noise (eq. 8), noise TV (eq. 9), L1 and smooth on the de-masked face (eq. 10, 12), face
#   prior (eq. 14), L1 and smooth on the SR face, adversarial WGAN-GP (eq. 7), identity (eq. 15) through SFace,
#   which stands in for the never-published CNN_E (JDSR-GAN Table 1);
# - dropped: style and perceptual (eq. 11, 13): they need ImageNet VGG16 weights, which cannot be had offline,
#   and the only other offline image networks are SFace (already the identity term) and the FID Inception
#   (an evaluation metric: training against it would game FID).
# Lighter critic schedule than WGAN-GP's n_critic = 5: one critic step per generator step, on a narrower critic.
_base_ = ["../jdsr/jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"]
max_iters = 2000
_de = dict(
    asymmetric=dict(type="AsymmetricLoss", weight=0.5, alpha=0.3, pred="noise_map", target="noise_gt_up"),
    noise_tv=dict(type="NoiseTVLoss", weight=0.05, pred="noise_map"),
    pixel_lr=dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt_up"),
    smooth_lr=dict(type="SmoothLoss", weight=1, pred="lr_restored"),
)
_fsr = dict(
    face_prior=dict(type="FacePriorLoss", weight=1),
    pixel_sr=dict(type="PixelLoss", weight=1, pred="sr", target="hr_gt"),
    smooth_sr=dict(type="SmoothLoss", weight=0.01, pred="sr"),
    identity=dict(type="IdentityLoss", weight=0.1, network=dict(type="SFace"), distance="cosine"),
    adversarial=dict(type="AdversarialLoss", gan_type="wgan", weight=1e-3),
)
model = dict(
    memory_format="channels_last",
    generator=dict(completion=dict(width=16), sr=dict(width=16, num_hourglasses=1, hourglass_depth=3)),
    discriminator=dict(width=16),
    n_critic=1,
    stages=dict(joint=dict(losses=dict(_delete_=True, **_de, **_fsr))),
)
_adam = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=2e-4, betas=(0.5, 0.99)))
optim_wrapper = dict(generator=_adam, discriminator=_adam)
train_dataloader = dict(batch_size=8, num_workers=1)
val_dataloader = dict(dataset=dict(max_samples=100))
train_cfg = dict(max_iters=max_iters, val_interval=1000)
param_scheduler = dict(T_max=max_iters, eta_min=1e-6)
default_hooks = dict(checkpoint=dict(interval=250, save_best=None, max_keep_ckpts=2), logger=dict(interval=50))
