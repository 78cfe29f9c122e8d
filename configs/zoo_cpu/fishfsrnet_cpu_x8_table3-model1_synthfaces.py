# FishFSRNet Table III model 1 at the zoo's CPU width and budget: fishfsrnet_cpu_x8_synthfaces.py without the
# attention branches, the parsing branch and MSRB (FishFSRNet §IV-D: plain concatenation), the same iterations × batch,
# data and seed, for the comparison "full model vs model 1 at equal budget" (docs/model-zoo.md). The ParsingNet
# step still runs, so both runs see the same schedule; model 1 does not use its map.
_base_ = ["./fishfsrnet_cpu_x8_synthfaces.py"]
model = dict(
    generator=dict(sr=dict(spatial_attention=False, channel_attention=False, parsing_branch=False, msrb=False))
)
