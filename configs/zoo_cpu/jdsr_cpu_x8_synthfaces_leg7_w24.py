# `jdsr-x8`'s seventh leg (jdsr_cpu_x8_synthfaces_leg7.py) with CBDNet-CA widened from 16 to 24, for 1,750 × 8:
# what the width adds to the de-masking network. It starts from the sixth leg's weights computing exactly what they
# did (load_from_widen: the new channels are read with weight zero until training moves them). Run side by side with
# the seventh leg, one core each; not kept: +0.06 dB on the whole test split for 0.69 MB more of fp16 weights and
# the same dark smudge on the grid's fifth face (docs/model-zoo.md, JDSR-GAN).
_base_ = ["./jdsr_cpu_x8_synthfaces_leg7.py"]
load_from_widen = True
max_iters = 1750
model = dict(generator=dict(completion=dict(width=24)))
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
