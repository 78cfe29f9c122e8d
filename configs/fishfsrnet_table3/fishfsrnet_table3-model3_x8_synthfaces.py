# FishFSRNet ablation, Table III model 3 at ×8: parsing_branch=False, msrb=False.
_base_ = ["../fishfsrnet_parsingnet-fishfsrnet_x8_synthfaces.py"]
model = dict(generator=dict(sr=dict(parsing_branch=False, msrb=False)))
