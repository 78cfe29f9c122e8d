# The zoo's `jdsr-x4`, second leg: the first leg's weights (jdsr_cpu_x4_synthfaces.py, kept as
# benchmarks/weights/jdsr_cpu_x4, Table II's equal-budget ×4 row) trained on with `jdsr-x8`'s second-leg recipe
# (jdsr_cpu_x8_synthfaces_leg2.py: `jdsr-x8`'s terms, identity at 0.002, and smooth terms on the occluded region)
# at ×4 with the heavy prior, a fresh optimiser and critic and a second cosine cycle.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg2.py"]
load_from = "benchmarks/weights/jdsr_cpu_x4"
scale = 4
model = dict(generator=dict(sr=dict(prior="heavy")))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
