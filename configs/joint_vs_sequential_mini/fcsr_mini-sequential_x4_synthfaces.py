# The sequential twin of fcsr_mini-joint_x4_synthfaces.py (FCSR-GAN Fig. 7, "FC + SR"): the same networks, data, batch
# and seed, each module trained on its own task for as many updates as it gets in the joint run: PConv completes
# occluded LR faces for 1500 iterations, then SRResNet learns clean LR → HR for 1000 with PConv frozen and
# skipped. At test time they run in sequence, exactly as the joint model does.
_base_ = ["./fcsr_mini-joint_x4_synthfaces.py"]
max_iters = 2500
model = dict(
    stages=[  # a list replaces the base's whole list
        dict(name="completion", iters=1500, parts=["completion"], losses={{_base_._fc_losses}}),
        dict(
            name="sr",
            parts=["sr"],
            skip=["completion"],
            inputs=dict(lr="lr_gt", mask=None),
            losses={{_base_._sr_losses}},
        ),
    ]
)
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
