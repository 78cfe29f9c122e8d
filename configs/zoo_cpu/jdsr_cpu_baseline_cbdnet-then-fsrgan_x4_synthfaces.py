# JDSR-GAN Table II's "CBD+" sequential baseline at the zoo's CPU width, the twin of jdsr_cpu_x4_synthfaces.py:
# the same networks (without channel attention, as CBDNet and FSRGAN), data, batch and seed; each module trained
# on its own task for as many updates as it gets in the joint run (equal budget per module): CBDNet de-masks
# upsampled masked faces (L_de terms), then FSRNet learns clean LR → HR (L_fsr terms, the same critic) with
# CBDNet skipped. At test time they run in sequence, as the joint model does.
_base_ = ["./jdsr_cpu_x4_synthfaces.py"]
joint_iters = 2000  # jdsr_cpu_x4_synthfaces.py max_iters
max_iters = 2 * joint_iters
model = dict(
    generator=dict(completion=dict(channel_attention=False), sr=dict(channel_attention=False)),
    stages=dict(
        joint=None,
        denoise=dict(iters=joint_iters, parts=["completion"], losses={{_base_._de}}),
        sr=dict(parts=["sr"], skip=["completion"], inputs=dict(lr="lr_gt", mask=None), losses={{_base_._fsr}}),
    ),
)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
param_scheduler = dict(T_max=max_iters)
