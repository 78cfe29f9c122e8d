# The zoo's `jdsr-x8`: the `jdsr-x4` recipe (jdsr_cpu_x4_synthfaces.py) at ×8, with FSRNet-CA's light prior (the
# PyTorch ports': one bottleneck per hourglass unit at 2 × width), as the FCSR ×8 rows: the networks run on the
# upsampled 128² face, so at `jdsr-x4`'s heavy prior this alias would weigh 2.3 MB in fp16, more than the 40 MB
# budget of embedded weights has left; with the light prior 0.9 MB (docs/model-zoo.md).
_base_ = ["./jdsr_cpu_x4_synthfaces.py"]
scale = 8
model = dict(generator=dict(sr=dict(prior="light")))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
