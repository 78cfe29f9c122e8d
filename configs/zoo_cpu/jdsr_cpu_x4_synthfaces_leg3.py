# The zoo's `jdsr-x4`, third leg: `jdsr-x8`'s third leg (jdsr_cpu_x8_synthfaces_leg3.py: three patterned training
# masks in five) from the ×4 second leg's weights (jdsr_cpu_x4_synthfaces_leg2.py, kept as
# benchmarks/weights/jdsr_cpu_x4_leg2).
_base_ = ["./jdsr_cpu_x4_synthfaces_leg2.py"]
load_from = "benchmarks/weights/jdsr_cpu_x4_leg2"
train_dataloader = dict(dataset=dict(mask=dict(patterned=0.6)))
