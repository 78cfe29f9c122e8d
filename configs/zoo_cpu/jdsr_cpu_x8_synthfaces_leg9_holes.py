# A variant of the ninth leg of `jdsr-x8` (jdsr_cpu_x8_synthfaces_leg9.py), trained side by side with it: the L1
# term on the de-masked face's occluded region at 24 instead of 12 as well, so CBDNet-CA hands FSRNet-CA fewer of
# the checks it draws as a smudge.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg9.py"]
model = dict(stages=dict(joint=dict(losses=dict(pixel_hole=dict(weight=24)))))
