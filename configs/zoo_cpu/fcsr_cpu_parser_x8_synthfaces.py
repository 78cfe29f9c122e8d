# The frozen parser of the zoo's GFC compounds at ×8 (16² LR faces): fcsr_cpu_parser_x4_synthfaces.py at ×8.
_base_ = ["./fcsr_cpu_parser_x4_synthfaces.py"]
scale = 8
model = dict(generator=dict(sr=dict(scale=scale)))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
