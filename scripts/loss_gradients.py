"""Which loss term pushes which pixels: each term's weighted gradient on one output of a trained generator.

    python scripts/loss_gradients.py CONFIG --checkpoint MODEL_DIR [--key sr] [--stage NAME] [--faces 4]
        [--data-root DIR] [--out grads.png]

Runs the generator on the first FACES test faces of the config's protocol, then for every loss term of the stage
(default: the last) that reads KEY, prints its value, the mean |weighted gradient| per pixel of KEY, that as a
multiple of the pixel (L1) term's, and how much the gradient changes from row to row (dy) against along a row
(dx): a term whose dy far exceeds dx is pushing horizontal stripes. Adversarial terms are measured when CHECKPOINT
is a training checkpoint (iter_N.pth), which holds the critic beside the generator; a model directory does not.
OUT shows each term's gradient, scaled per face (grey = 0).
"""

import argparse
from pathlib import Path

import torch
from torch.utils.data import default_collate

from facerestore.engine.runner import load_config, load_generator_weights, read_checkpoint
from facerestore.imageio import image_grid, to_uint8, write_image
from facerestore.registry import DATASETS, MODELS


def term_gradients(cfg, checkpoint: str, key: str, stage: str | None, faces: int) -> dict[str, tuple]:
    """name → (weighted value, weighted gradient on ``key``) for the stage's terms that read ``key``."""
    restorer = MODELS.build(cfg.model).eval()
    with_critic = Path(checkpoint).is_file()
    if with_critic:
        state = read_checkpoint(Path(checkpoint))
        restorer.load_state_dict(state.get("state_dict", state))
    else:
        load_generator_weights(restorer.generator, checkpoint)
    chosen = next((s for s in restorer.stages if s.name == stage), None) if stage else restorer.stages[-1]
    if chosen is None:
        raise SystemExit(f"--stage {stage!r}: the config's stages are {[s.name for s in restorer.stages]}")
    dataset = DATASETS.build({**cfg.test_dataloader.dataset, "max_samples": faces})
    batch = default_collate([dataset[i] for i in range(faces)])
    with torch.no_grad():
        data = restorer._generate(restorer._preprocess(batch, False), chosen)
    output = data[key].detach().requires_grad_(True)
    data = {**data, key: output}
    values = {term.name: term.weight * term(data) for term in chosen.loss.losses if term.pred == key}
    if with_critic:
        judged = {term.name for term in chosen.adversarial if term.pred == key}
        values |= {k: v for k, v in restorer.adversarial_terms(chosen, data).items() if k in judged}
    return {name: (value.item(), torch.autograd.grad(value, output)[0]) for name, value in values.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("--checkpoint", required=True, help="a model directory or training checkpoint")
    parser.add_argument("--key", default="sr", help="the generator output to differentiate (default sr)")
    parser.add_argument("--stage", help="the training stage whose terms to read (default: the last)")
    parser.add_argument("--faces", type=int, default=4)
    parser.add_argument("--data-root")
    parser.add_argument("--out", help="write the gradients as a picture")
    args = parser.parse_args()
    cfg = load_config(args.config, data_root=args.data_root)
    found = term_gradients(cfg, args.checkpoint, args.key, args.stage, args.faces)
    pixel = next((g.abs().mean() for name, (_, g) in found.items() if name.startswith("pixel")), None)
    print(f"{args.config} on {args.checkpoint}: gradients on {args.key!r}, {args.faces} test faces")
    print(f"{'term':<24}{'value':>10}{'|grad|/px':>12}{'× pixel':>9}{'dy':>11}{'dx':>11}")
    for name, (value, grad) in found.items():
        size = grad.abs().mean()
        dy = (grad[..., 1:, :] - grad[..., :-1, :]).abs().mean()
        dx = (grad[..., :, 1:] - grad[..., :, :-1]).abs().mean()
        ratio = f"{float(size / pixel):9.2f}" if pixel is not None else f"{'-':>9}"
        print(f"{name:<24}{value:10.4f}{float(size):12.2e}{ratio}{float(dy):11.2e}{float(dx):11.2e}")
    if args.out:
        pictures = {
            name: to_uint8(0.5 + 0.5 * g / g.abs().amax(dim=(1, 2, 3), keepdim=True).clamp_min(1e-12))
            for name, (_, g) in found.items()
        }
        write_image(
            args.out, image_grid([[p[i] for p in pictures.values()] for i in range(args.faces)], list(pictures))
        )


if __name__ == "__main__":
    main()
