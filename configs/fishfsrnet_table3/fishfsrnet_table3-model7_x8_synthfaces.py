# FishFSRNet ablation, Table III model 7 at ×8: msrb=False.
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
model = dict(generator=dict(sr=dict(msrb=False)))
