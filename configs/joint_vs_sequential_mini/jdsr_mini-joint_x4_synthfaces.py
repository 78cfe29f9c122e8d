# JDSR-GAN's central claim in miniature (JDSR-GAN Table II): CBDNet-CA → FSRNet-CA ×4 at width 8 (one hourglass of
# depth 3), procedural face masks, trained jointly on L_de + L_fsr (eq. 16–18) without the terms that need
# pretrained networks or a critic (style, perceptual, identity, adversarial): the noise terms, L1 and smooth on
# the de-masked 128² face, the face prior, L1 and smooth on the SR face, with the paper's weights. 1200
# iterations, batch 4, seed 0. Its sequential twin (CBD+ baseline) is jdsr_mini-sequential_x4_synthfaces.py.
_base_ = ["../jdsr/jdsr_cbdnet-ca-fsrnet-ca_x4_synthfaces.py"]
max_iters = 1200
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
)
model = dict(
    generator=dict(completion=dict(width=8), sr=dict(width=8, num_hourglasses=1, hourglass_depth=3)),
    discriminator=None,
    gradient_penalty=None,
    n_critic=1,
    stages=dict(joint=dict(losses=dict(_delete_=True, **_de, **_fsr))),
)
optim_wrapper = dict(_delete_=True, type="OptimWrapper", optimizer=dict(type="Adam", lr=2e-4, betas=(0.9, 0.99)))
train_dataloader = dict(batch_size=4)
# test/10000–10199, the CPU protocol of docs/architecture-notes.md §7
test_dataloader = dict(dataset=dict(max_samples=200))
val_dataloader = dict(dataset=dict(max_samples=100))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = None  # constant learning rate, so every stage of both runs learns at the same rate
default_hooks = dict(checkpoint=dict(interval=600, save_best=None), logger=dict(interval=50))
