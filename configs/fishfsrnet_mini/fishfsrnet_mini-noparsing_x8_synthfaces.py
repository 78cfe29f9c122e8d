# The same miniature run without FishFSRNet's parsing branch (FishFSRNet Fig. 14, Table III model 7 vs 8 direction):
# every setting as fishfsrnet_mini-parsing_x8_synthfaces.py except `parsing_branch=False`.
_base_ = ["./fishfsrnet_mini-parsing_x8_synthfaces.py"]
model = dict(generator=dict(sr=dict(parsing_branch=False)))
