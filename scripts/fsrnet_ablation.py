"""Which input of FSRNet's decoder paints the occluded region? A grid of 8 test faces for a model whose SR module is
FSRNet (JDSR-GAN eq. 5–6: ``I_SR = Decoder([Encoder(I_C), I_P])``), decoded as trained, with the prior maps ``I_P``
zeroed, and with the encoder features replaced by their batch mean, beside the completion module's output (the
de-masked face FSRNet starts from); then the landmark heatmaps (their maximum) and the parsing argmax the prior branch
predicts. WEIGHTS: an alias, a model directory or a training checkpoint (.pth).

    python scripts/fsrnet_ablation.py configs/zoo_cpu/jdsr_cpu_x4_synthfaces.py benchmarks/weights/jdsr_cpu_x4 \
        docs/images/jdsr-x4-ablation.png            # `jdsr-x4`'s first leg
"""

import sys

import torch
from torch.utils.data import default_collate

import facerestore as fr
from facerestore.engine.runner import load_config, load_generator_weights
from facerestore.imageio import image_grid, to_uint8, write_image
from facerestore.imaging import bicubic_resize
from facerestore.registry import DATASETS, build_model


def load_model(cfg, weights: str) -> torch.nn.Module:
    """The generator in eval mode from an alias, a model directory or a training checkpoint (.pth) of ``cfg``."""
    if weights.endswith(".pth"):
        model = build_model(cfg.model.generator)
        load_generator_weights(model, weights)
    else:
        model = fr.from_pretrained(weights)
    return model.eval()


def main(config: str, weights: str, out: str) -> None:
    cfg = load_config(config)
    dataset = DATASETS.build({**cfg.test_dataloader.dataset, "max_samples": None})
    batch = default_collate([dataset[i * 125] for i in range(8)])
    model = load_model(cfg, weights)
    fsrnet = model.sr
    with torch.no_grad():
        restored = model(batch["lr"], batch["mask"] if model.takes_mask else None)["lr_restored"]
        x = bicubic_resize(restored, fsrnet.hr_size)
        coarse = fsrnet.coarse(x)
        features, heatmaps, parsing = fsrnet.prior(coarse)
        prior = features if fsrnet.light else torch.cat([heatmaps, parsing], 1)
        encoded = fsrnet.encoder(coarse)

        def decode(enc: torch.Tensor, pri: torch.Tensor) -> torch.Tensor:
            return fsrnet.decoder(torch.cat([enc, pri], 1))

        columns = {
            "input": batch["lr_up"],
            "de-masked": x,
            "coarse": coarse,
            "sr": decode(encoded, prior),
            "prior 0": decode(encoded, torch.zeros_like(prior)),
            "encoder mean": decode(encoded.mean(0, keepdim=True).expand_as(encoded).contiguous(), prior),
            "gt": batch["hr_gt"],
        }
        maps = {
            "heatmaps": bicubic_resize(heatmaps.amax(1, keepdim=True), fsrnet.hr_size),
            "parsing": bicubic_resize(parsing.argmax(1, keepdim=True).float() / (parsing.shape[1] - 1), fsrnet.hr_size),
        }
    pictures = [to_uint8(c.clamp(0, 1)) for c in columns.values()]
    pictures += [to_uint8(m.clamp(0, 1).expand(-1, 3, -1, -1)) for m in maps.values()]
    rows = [[p[i] for p in pictures] for i in range(len(batch["lr"]))]
    write_image(out, image_grid(rows, labels=[*columns, *maps]))
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
