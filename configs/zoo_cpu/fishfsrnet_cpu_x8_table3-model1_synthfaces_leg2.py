# FishFSRNet Table III model 1, second leg: the `fishfsrnet-x8` second leg (fishfsrnet_cpu_x8_synthfaces_leg2.py)
# for model 1, continued from its first leg (fishfsrnet_cpu_x8_table3-model1_synthfaces.py), so that model 1 and
# the full model see the same iterations, batch and schedules.
_base_ = ["./fishfsrnet_cpu_x8_synthfaces_leg2.py"]
load_from = "work_dirs/fishfsrnet_cpu_x8_table3-model1_synthfaces/model"
model = dict(
    generator=dict(sr=dict(spatial_attention=False, channel_attention=False, parsing_branch=False, msrb=False))
)
