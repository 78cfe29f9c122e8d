# The sequential twin of jdsr_mini-joint_x4_synthfaces.py (JDSR-GAN's "CBD+" baselines): the same networks,
# data, batch and seed; each module trained on its own task for as many updates as it gets in the joint run.
# CBDNet-CA de-masks upsampled masked faces for 1200 iterations (L_de), then FSRNet-CA learns clean LR → HR for
# 1200 (L_fsr) with CBDNet skipped. At test time they run in sequence, exactly as the joint model does.
_base_ = ["./jdsr_mini-joint_x4_synthfaces.py"]
max_iters = 2400
model = dict(
    stages=dict(
        joint=None,
        denoise=dict(iters=1200, parts=["completion"], losses={{_base_._de}}),
        sr=dict(parts=["sr"], skip=["completion"], inputs=dict(lr="lr_gt", mask=None), losses={{_base_._fsr}}),
    )
)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
