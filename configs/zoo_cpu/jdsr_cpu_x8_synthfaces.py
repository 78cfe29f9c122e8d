# The zoo's `jdsr-x8`: the `jdsr-x4` recipe (jdsr_cpu_x4_synthfaces.py) at ×8, with FSRNet-CA's light prior (the
# PyTorch ports': one bottleneck per hourglass unit at 2 × width), as the FCSR ×8 rows: the networks run on the
# upsampled 128² face, so at `jdsr-x4`'s heavy prior this alias would weigh 2.3 MB in fp16, more than the 40 MB
# budget of embedded weights has left; with the light prior 0.9 MB (docs/model-zoo.md).
# Three terms beyond `jdsr-x4`'s, for what its known defects record (docs/model-zoo.md): its prior branch did
# not learn its task, hence the parsing part of the face prior as cross-entropy (the FCSR-GAN code's criterion,
# as the FCSR FSRNet rows) and FSRNet-CA's coarse face with its own L1 term (FSRNet; the FCSR-GAN code);
# CBDNet-CA hardly removed the mask, hence an L1 term on the de-masked face restricted to the occluded region
# (the true mask is a training target only: the model stays blind). And the identity term at 0.002 rather than
# 0.1: at 0.1 its gradient on the SR face was 7.6× the L1 term's on `jdsr-x4`'s first leg (11× at iteration 500
# of this recipe), larger than any gradient an L1 term can give a pixel, and it pushed row-to-row changes
# (horizontal stripes) more than column-to-column ones (`python scripts/loss_gradients.py
# configs/zoo_cpu/jdsr_cpu_x4_synthfaces.py --checkpoint benchmarks/weights/jdsr_cpu_x4`).
_base_ = ["./jdsr_cpu_x4_synthfaces.py"]
scale = 8
model = dict(
    generator=dict(sr=dict(prior="light")),
    stages=dict(
        joint=dict(
            losses=dict(
                face_prior=dict(parsing_criterion="ce"),
                pixel_coarse=dict(type="PixelLoss", weight=1, pred="sr_coarse", target="hr_gt"),
                pixel_hole=dict(type="PixelLoss", weight=6, pred="lr_restored", target="lr_gt_up", region="hole"),
                identity=dict(weight=0.002),
            )
        )
    ),
)
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
