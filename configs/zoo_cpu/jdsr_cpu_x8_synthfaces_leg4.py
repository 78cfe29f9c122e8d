# The zoo's `jdsr-x8`, fourth leg: the third leg's weights (jdsr_cpu_x8_synthfaces_leg3.py, kept as
# benchmarks/weights/jdsr_cpu_x8_leg3) trained on with the same recipe for 1,000 × 8 more, a fresh optimiser and
# critic, on training masks patterned four times in five. After the third leg high-contrast checks still showed
# through on some faces at ×8 (docs/model-zoo.md, JDSR-GAN), while at ×4 the same leg removed them.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg3.py"]
load_from = "benchmarks/weights/jdsr_cpu_x8_leg3"
max_iters = 1000
train_dataloader = dict(dataset=dict(mask=dict(patterned=0.8)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
