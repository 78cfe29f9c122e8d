# The zoo's `fcsr-pconv-srresnet-x4`, and the recipe every FCSR-GAN compound of the zoo shares (the other rows
# inherit this file and change the modules): FCSR-GAN's staged schedule (FCSR-GAN §3.2: the FC module alone, then
# the SR module with the FC module fixed, then both) at reduced widths, with the same budget for every row of
# Table 6: 3,000 iterations × batch 8 (completion 1,000, SR 500, joint 1,500), on one CPU core.
# Terms (docs/model-zoo.md, "FCSR-GAN compounds"):
# - kept: L1 on the completed LR face, as PConv's valid/hole weights 1/6 (they stand in for FCSR-GAN eq. 10's
#   pixel term, whose weight 0.1 was set beside the style and perceptual terms), smooth on the composite (eq. 10)
#   at weight 3 (FCSR-GAN weighs it 10× its pixel term; at PConv's 0.1 the LR fill came out as coloured speckle in
#   a 2,000-iteration completion-only comparison of weights 0.1, 1 and 3),
#   L1 and smooth on the SR face and the adversarial term (eq. 11, eq. 4) with a PatchGAN critic, at weight 1e-4
#   (FCSR-GAN: 1e-3 beside its perceptual terms; at 1e-3 here its gradient on the SR face was 0.47x the L1 term's
#   per pixel, with more pixel-to-pixel change, and the filled hole came out as a dotted grid: scripts/
#   loss_gradients.py on a GFC + SRResNet run of this recipe); rows with FSRNet
#   add the face prior (eq. 9), rows with GFC its parsing regulariser;
# - dropped: style and perceptual (eq. 10, 11): they need ImageNet VGG16 weights, which cannot be had offline.
# Widths: PConv U-Net base 32, GFC width 16 with a 512-wide bottleneck, SRResNet 32 × 8, FSRNet width 16 (the
# fcsr_cpu_*fsrnet* configs). GFC at 32/1024 weighed 9.9 MiB in fp16 with SRResNet; at 16/512 2.8 MiB for 0.11 dB
# less (24.2081 against 24.3171), with as clean a fill. PConv at base 16 cost 0.61 dB and filled the hole with
# tinted blocks, so PConv stays at 32 (docs/model-zoo.md, "FCSR-GAN compounds").
_base_ = ["../_base_/fcsr_gan.py"]
scale = 4
completion_iters = 1000
sr_iters = 500
max_iters = 3000
_fc = dict(
    pixel_valid=dict(type="PixelLoss", weight=1, pred="lr_restored", target="lr_gt", region="valid"),
    pixel_hole=dict(type="PixelLoss", weight=6, pred="lr_restored", target="lr_gt", region="hole"),
    smooth_lr=dict(type="SmoothLoss", weight=3, pred="lr_composite"),
)
_sr = dict(
    adversarial=dict(type="AdversarialLoss", gan_type="vanilla", weight=1e-4),
    pixel_sr=dict(type="PixelLoss", weight=1, pred="sr", target="hr_gt"),
    smooth_sr=dict(type="SmoothLoss", weight=0.01, pred="sr"),
)
# The FC module of the GFC rows (width 16, bottleneck 512, size-adapted to the LR face) and GFC's parsing
# regulariser (weight 0.05 as GFC; docs/architecture-notes.md §3.3) on the completed LR face, through a frozen
# 11-class parser trained by fcsr_cpu_parser_x4_synthfaces.py; the fcsr_cpu_gfc-* configs take them from here.
_gfc = dict(_delete_=True, type="GFC", input_size=128 // scale, width=16, bottleneck=512)
_parsing = dict(
    type="ParsingLoss",
    weight=0.05,
    pred="lr_composite",
    target="lr_gt",
    mask="mask",
    network=dict(type="ParsingNet", out_channels=11, num_feat=32, num_block=4),
    weights="benchmarks/weights/fcsr_cpu_parser_x4/model.safetensors",
)
model = dict(
    memory_format="channels_last",
    generator=dict(
        completion=dict(type="PConvUNet", input_size=128 // scale, base_channels=32),
        sr=dict(type="SRResNet", scale=scale, num_feat=32, num_block=8),
    ),
    discriminator=dict(ndf=16),
    stages=dict(
        _delete_=True,
        completion=dict(iters=completion_iters, parts=["completion"], losses=_fc),
        sr=dict(iters=sr_iters, parts=["sr"], losses=_sr),
        joint=dict(losses=dict(**_fc, **_sr)),
    ),
)
_adam = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=2e-4, betas=(0.5, 0.999)))
optim_wrapper = dict(generator=_adam, discriminator=_adam)
train_dataloader = dict(batch_size=8, num_workers=0, persistent_workers=False, dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale, max_samples=100))
test_dataloader = dict(dataset=dict(scale=scale))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters, eta_min=1e-6)
default_hooks = dict(checkpoint=dict(interval=250, save_best=None, max_keep_ckpts=2), logger=dict(interval=50))
