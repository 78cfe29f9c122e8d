# FishFSRNet ablation, Table III model 8 at ×8: the full model.
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
model = dict(generator=dict(sr=dict()))
