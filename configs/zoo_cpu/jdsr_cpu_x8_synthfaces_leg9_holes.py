# A variant of the ninth leg of `jdsr-x8` (jdsr_cpu_x8_synthfaces_leg9.py), trained side by side with it: the L1
# term on the de-masked face's occluded region at 24 instead of 12 as well, so CBDNet-CA hands FSRNet-CA fewer of
# the checks it draws as a smudge. Stopped at iteration 1,000 of 2,000: at iterations 750 and 1,000 its SR faces
# kept the dark mark under an eye that the kept ninth leg's had lost (the grid's fifth face, docs/model-zoo.md).
_base_ = ["./jdsr_cpu_x8_synthfaces_leg9.py"]
model = dict(stages=dict(joint=dict(losses=dict(pixel_hole=dict(weight=24)))))
