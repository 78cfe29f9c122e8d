# FishFSRNet ablation, Table III model 1 at ×8:
# spatial_attention=False, channel_attention=False, parsing_branch=False, msrb=False.
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
model = dict(
    generator=dict(sr=dict(spatial_attention=False, channel_attention=False, parsing_branch=False, msrb=False))
)
