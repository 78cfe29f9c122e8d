# FCSR-GAN with FSRNet as the SR module (FCSR-GAN Table 6): FSRNet's prior branch predicts 68 landmark heatmaps and
# 11 parsing classes at 64² from the coarse face, so L_sr gains the face-prior loss λ² L_fp (eq. 9, λ² = 1;
# ν = 0.1 on the parsing term, cross-entropy as the FCSR-GAN code). Priors are drawn from the corpus's landmarks.
_base_ = ["./fcsr_gan.py"]
data_root = "../shared/data/synthfaces-128"
_fp = dict(type="FacePriorLoss", weight=1, parsing_criterion="ce")
model = dict(
    generator=dict(sr=dict(type="FSRNet", num_landmarks=68, num_parsing=11)),
    stages=dict(sr=dict(losses=dict(face_prior=_fp)), joint=dict(losses=dict(face_prior=_fp))),
)
_data = dict(landmarks=data_root + "/landmarks.npz", priors=dict(heatmap_size=64, parsing_size=64))
train_dataloader = dict(dataset=_data)
val_dataloader = dict(dataset=_data)
test_dataloader = dict(dataset=_data)
