# The zoo's `fcsr-pconv-fsrnet-x8`: fcsr_cpu_pconv-fsrnet_x4_synthfaces.py at ×8 (PConv completes the 16² LR face),
# with FSRNet's light prior (the PyTorch ports': one bottleneck per hourglass unit at 2·width) for the ×4 rows'
# heavy one (the FCSR-GAN code's: four per unit at 4·width). The ×8 rows are compared only with each other, and the
# heavy prior would put the embedded weights over the zoo's 40 MB (docs/model-zoo.md, "FCSR-GAN compounds"): at
# width 16 it is 0.80 M of FSRNet's 0.89 M parameters.
_base_ = ["./fcsr_cpu_pconv-fsrnet_x4_synthfaces.py"]
scale = 8
model = dict(generator=dict(completion=dict(input_size=128 // scale), sr=dict(prior="light")))
train_dataloader = dict(dataset=dict(scale=scale))
val_dataloader = dict(dataset=dict(scale=scale))
test_dataloader = dict(dataset=dict(scale=scale))
