# A variant of `jdsr-x8`'s fifth leg (jdsr_cpu_x8_synthfaces_leg5.py, same masks and budget) with one more term:
# L1 5 on the SR face restricted to the occluded region (the true mask is a training target only: the model stays
# blind), so that the occluded region of the output itself, not only of the de-masked face, weighs 6 in L1.
_base_ = ["./jdsr_cpu_x8_synthfaces_leg5.py"]
model = dict(
    stages=dict(
        joint=dict(
            losses=dict(pixel_hole_sr=dict(type="PixelLoss", weight=5, pred="sr", target="hr_gt", region="hole"))
        )
    )
)
