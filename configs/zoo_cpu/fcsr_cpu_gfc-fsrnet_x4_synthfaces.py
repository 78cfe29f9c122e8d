# The zoo's `fcsr-gfc-fsrnet-x4`: the FCSR-GAN CPU recipe with FSRNet as the SR module and its face prior
# (fcsr_cpu_pconv-fsrnet_x4_synthfaces.py), and GFC as the FC module with its parsing regulariser on the completion
# and joint stages (as fcsr_cpu_gfc-srresnet_x4_synthfaces.py).
_base_ = ["./fcsr_cpu_pconv-fsrnet_x4_synthfaces.py"]
_gfc_losses = dict(parsing={{_base_._parsing}})
model = dict(
    generator=dict(completion={{_base_._gfc}}),
    stages=dict(completion=dict(losses=_gfc_losses), joint=dict(losses=_gfc_losses)),
)
