# The zoo's `fishfsrnet-x4`: the `fishfsrnet-x8` recipe (fishfsrnet_cpu_x8_synthfaces.py) at ×4, started from the
# trained `fishfsrnet-x8` (zoo/fishfsrnet-x8): every tensor whose name and shape fit (all but the ×4 body's extra
# fusions), as EDSR (§3.3) starts ×3 and ×4 from ×2. Both steps still run: ParsingNet re-learns the skin map at
# the 32² LR size, then FishFSRNet trains with it. Earlier runs (1,700 SR iterations at lr 3e-4 from ×8; 3,000
# from random initialisation) reached +0.84 / +0.85 dB over bicubic; these 3,000 SR iterations at the ×8 recipe's
# lr 4e-4 (cosine), about 111 minutes on one core, pass the zoo's +1.0 dB (docs/model-zoo.md).
_base_ = ["./fishfsrnet_cpu_x8_synthfaces.py"]
load_from = "zoo/fishfsrnet-x8"
load_from_strict = False
scale = 4
parsing_iters = 300  # as the stages list it inherits
max_iters = parsing_iters + 3000
model = dict(generator=dict(sr=dict(scale=scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
optim_wrapper = dict(optimizer=dict(lr=4e-4))
param_scheduler = dict(T_max=max_iters - parsing_iters, end=max_iters)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
