# The zoo's `jdsr-x4`, second leg: joint training continued from the first leg's final model
# (jdsr_cpu_x4_synthfaces.py) with a fresh optimiser, critic and cosine cycle, the identity term at a tenth of
# its first-leg weight. After the first leg the filled mask region carried horizontal stripes; on that model the
# identity term's gradient on the SR face is about 7× the L1 term's per pixel (scripts/loss_gradients.py), it is
# concentrated on the nose and mouth, where the mask is, and it varies more from row to row than along a row:
# SFace is being fooled with a stripe pattern instead of being matched with a face.
_base_ = ["./jdsr_cpu_x4_synthfaces.py"]
load_from = "work_dirs/jdsr_cpu_x4_synthfaces/model"
max_iters = 700
model = dict(stages=dict(joint=dict(losses=dict(identity=dict(weight=0.01)))))
_adam = dict(type="OptimWrapper", optimizer=dict(type="Adam", lr=1e-4, betas=(0.5, 0.99)))
optim_wrapper = dict(generator=_adam, discriminator=_adam)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
