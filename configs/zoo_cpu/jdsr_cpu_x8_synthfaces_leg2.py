# The zoo's `jdsr-x8`, second leg: the first leg's weights (jdsr_cpu_x8_synthfaces.py, kept as
# benchmarks/weights/jdsr_cpu_x8, Table II's equal-budget ×8 row) trained on with a fresh optimiser and critic and a
# second cosine cycle (a warm restart), with two more terms. The first leg's de-masked face keeps the mask's own
# texture (its folds and stripes, recoloured to skin; checks recoloured but not removed) and FSRNet-CA sharpens
# that texture into horizontal bands (docs/model-zoo.md, JDSR-GAN). So the smooth term of eq. 12 is added again,
# restricted to the occluded region (the true mask is a training target only: the model stays blind), on the
# de-masked face and on the SR face, where no detail of the face under the mask can be recovered anyway.
_base_ = ["./jdsr_cpu_x8_synthfaces.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8"
max_iters = 1500
model = dict(
    stages=dict(
        joint=dict(
            losses=dict(
                smooth_hole_lr=dict(type="SmoothLoss", weight=1, pred="lr_restored", region="hole"),
                smooth_hole_sr=dict(type="SmoothLoss", weight=0.5, pred="sr", region="hole"),
            )
        )
    ),
)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
