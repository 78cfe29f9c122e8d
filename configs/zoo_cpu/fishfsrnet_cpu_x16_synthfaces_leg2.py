# The zoo's `fishfsrnet-x16`, second leg: FishFSRNet training continued from the first leg's final checkpoint
# (fishfsrnet_cpu_x16_synthfaces.py) with a fresh optimiser and a second cosine cycle (a warm restart), ParsingNet
# frozen as it was in the first leg's FishFSRNet step. The two legs together are one training of the same
# schedule shape as the paper's (ParsingNet, then FishFSRNet with it); they are split so each fits a session.
_base_ = ["./fishfsrnet_cpu_x16_synthfaces.py"]
load_from = "work_dirs/fishfsrnet_cpu_x16_synthfaces/model"
max_iters = 800
model = dict(
    stages=[dict(name="sr", parts=["sr"], losses=[dict(type="PixelLoss", pred="sr", target="hr_gt")])],
)
optim_wrapper = dict(optimizer=dict(lr=2e-4))
param_scheduler = dict(_delete_=True, type="CosineAnnealingLR", T_max=max_iters, eta_min=1e-6, by_epoch=False)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
