# The zoo's `fcsr-gfc-fsrnet-x8`: fcsr_cpu_gfc-fsrnet_x4_synthfaces.py at ×8 (GFC completes the 16² LR face; its
# parsing regulariser uses the ×8 parser of fcsr_cpu_parser_x8_synthfaces.py), with FSRNet's light prior as
# fcsr_cpu_pconv-fsrnet_x8_synthfaces.py.
_base_ = ["./fcsr_cpu_gfc-fsrnet_x4_synthfaces.py"]
scale = 8
_parsing = dict(weights="benchmarks/weights/fcsr_cpu_parser_x8/model.safetensors")
model = dict(
    generator=dict(completion=dict(input_size=128 // scale), sr=dict(prior="light")),
    stages=dict(completion=dict(losses=dict(parsing=_parsing)), joint=dict(losses=dict(parsing=_parsing))),
)
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
