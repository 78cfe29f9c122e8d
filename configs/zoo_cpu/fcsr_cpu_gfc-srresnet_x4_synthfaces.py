# The zoo's `fcsr-gfc-srresnet-x4`: the FCSR-GAN CPU recipe (fcsr_cpu_pconv-srresnet_x4_synthfaces.py) with GFC as
# the FC module and GFC's parsing regulariser on the completion and joint stages.
_base_ = ["./fcsr_cpu_pconv-srresnet_x4_synthfaces.py"]
_gfc_losses = dict(parsing={{_base_._parsing}})
model = dict(
    generator=dict(completion={{_base_._gfc}}),
    stages=dict(completion=dict(losses=_gfc_losses), joint=dict(losses=_gfc_losses)),
)
