# FishFSRNet ablation, Table III model 5 at ×8: channel_attention=False, msrb=False.
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
model = dict(generator=dict(sr=dict(channel_attention=False, msrb=False)))
