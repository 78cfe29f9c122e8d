"""Does a face mask's own texture show through the restored face? For the first N test faces of CONFIG's test split,
each drawn once with a patterned mask (dots or checks) and once with a plain one (``FaceMaskOcclusion(patterned=1)``
and ``patterned=0``, same faces), this prints per method, inside the occluded region shrunk by 4 px (so the mask's
outline, which any fill meets, does not count):

- ``hole PSNR``: PSNR on Y over the occluded pixels (the whole-face PSNR of the tables dilutes them);
- ``texture``: the mean absolute high-pass of Y (Y minus its Gaussian blur, σ = 1.5 px) over the occluded pixels,
  divided by the ground truth's. Skin under a mask has little fine detail; a mask pattern that survives adds
  some, so a method that lets checks or stripes through scores higher on patterned masks than on plain ones;
- ``leak``: the correlation, over the occluded pixels, of that high-pass with the high-pass of the input (the LR
  face upsampled bicubically): how much of the mask's own pattern the method copies into its output. The ground
  truth's is about 0 (the mask is independent of the face under it); a method that copies the mask scores up to 1;
- ``checker``: over the whole face, the power of Y at the checkerboard frequency (the pattern (−1)^(x+y), the trace
  of a 3×3 stride-2 transposed convolution such as FSRNet's light prior's), divided by the ground truth's: a fine
  grid over the output scores well above 1.

``inpaint+bicubic`` (OpenCV Telea with the true mask) is measured in the same run. WEIGHTS: aliases, model
directories or training checkpoints (.pth) of CONFIG, labelled by ``LABEL=WEIGHTS``. ``--grid`` also writes 8
patterned faces (input, inpaint+bicubic, each method, ground truth); ``--contrast C`` draws only patterns whose two
colours differ in luma by at least C (``FaceMaskOcclusion(contrast=C)``).

    python scripts/mask_texture.py configs/zoo_cpu/jdsr_cpu_x4_synthfaces.py \
        "leg 2=benchmarks/weights/jdsr_cpu_x4_leg2" "jdsr-x4=jdsr-x4" --faces 200 --grid texture-x4.png
"""

import argparse

import torch
from fsrnet_ablation import load_model  # a sibling script: python puts scripts/ on the path
from torch.nn.functional import max_pool2d
from torch.utils.data import default_collate
from torchvision.transforms.functional import gaussian_blur

from facerestore.engine.runner import load_config
from facerestore.imageio import image_grid, to_uint8, write_image
from facerestore.imaging import inpaint_bicubic
from facerestore.metrics.psnr_ssim import rgb_to_y
from facerestore.registry import DATASETS


def high_pass(img: torch.Tensor) -> torch.Tensor:
    """Y of N×3×H×W RGB in [0, 1] minus its Gaussian blur (σ = 1.5 px), 0–255 scale."""
    y = rgb_to_y(img.clamp(0, 1))
    return y - gaussian_blur(y, [7, 7], [1.5, 1.5])


def hole_scores(pred: torch.Tensor, gt: torch.Tensor, seen: torch.Tensor, hole: torch.Tensor) -> tuple[float, ...]:
    """(hole PSNR, texture, leak) of the whole set for N×3×H×W images in [0, 1] (``seen``: the input at the
    output's size) and an N×1×H×W hole mask (1 = occluded), inside the hole shrunk by 4 px."""
    hole = 1 - max_pool2d(1 - hole.to(torch.float64), 9, stride=1, padding=4)  # 4 px inside the outline
    mse = ((rgb_to_y(pred.clamp(0, 1)) - rgb_to_y(gt)) ** 2 * hole).sum() / hole.sum()
    out, truth, given = (high_pass(img) * hole for img in (pred, gt, seen))
    leak = (out * given).sum() / (out.pow(2).sum() * given.pow(2).sum()).sqrt()
    return float(10 * torch.log10(255.0**2 / mse)), float(out.abs().sum() / truth.abs().sum()), float(leak)


def checker_power(img: torch.Tensor) -> float:
    """Mean power of Y (0–255) at the checkerboard frequency, (Σ Y·(−1)^(x+y))² / (H·W), of N×3×H×W RGB in [0, 1]."""
    y = rgb_to_y(img.clamp(0, 1)).to(torch.float64)
    h, w = y.shape[-2:]
    sign = 1 - 2 * ((torch.arange(h)[:, None] + torch.arange(w)[None]) % 2)
    return float(((y * sign).sum(dim=(-2, -1)) ** 2).mean() / (h * w))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config")
    parser.add_argument("methods", nargs="+", metavar="LABEL=WEIGHTS")
    parser.add_argument("--faces", type=int, default=200)
    parser.add_argument("--grid")
    parser.add_argument("--contrast", type=float, default=0, help="FaceMaskOcclusion contrast of the patterned masks")
    args = parser.parse_args()
    cfg = load_config(args.config)
    models = {}
    for method in args.methods:
        label, sep, weights = method.partition("=")
        if not sep:
            parser.error(f"method {method!r} is not LABEL=WEIGHTS")
        models[label] = load_model(cfg, weights)
    print(
        f"config {args.config}, first {args.faces} test faces, patterned masks of contrast ≥ {args.contrast:g}, "
        "scores 4 px inside the occluded region"
    )
    print("| masks | method | hole PSNR | texture | leak | checker |\n|---|---|---|---|---|---|")
    for patterned in (1.0, 0.0):
        spec = {**cfg.test_dataloader.dataset, "max_samples": args.faces}
        spec["mask"] = {**spec["mask"], "patterned": patterned, "contrast": args.contrast}
        batch = default_collate(list(DATASETS.build(spec)))
        hole = 1 - batch["mask_hr"]
        outputs = {"inpaint+bicubic": inpaint_bicubic(batch["lr"], batch["mask"], batch["hr_gt"].shape[-1])}
        with torch.no_grad():
            for label, model in models.items():
                outputs[label] = torch.cat(
                    [
                        model(lr, mask if model.takes_mask else None)["sr"]
                        for lr, mask in zip(batch["lr"].split(25), batch["mask"].split(25))
                    ]
                )
        masks, truth_checker = ("patterned" if patterned else "plain"), checker_power(batch["hr_gt"])
        for label, out in {"ground truth": batch["hr_gt"], **outputs}.items():
            psnr, texture, leak = hole_scores(out, batch["hr_gt"], batch["lr_up"], hole)
            checker = checker_power(out) / truth_checker
            print(f"| {masks} | {label} | {psnr:.2f} | {texture:.3f} | {leak:.3f} | {checker:.2f} |")
        if args.grid and patterned:
            columns = [batch["lr_up"], *outputs.values(), batch["hr_gt"]]
            picked = range(0, args.faces, max(1, args.faces // 8))[:8]
            rows = [[to_uint8(c[i : i + 1].clamp(0, 1))[0] for c in columns] for i in picked]
            write_image(args.grid, image_grid(rows, labels=["input", *outputs, "gt"]))
            print(f"wrote {args.grid}")


if __name__ == "__main__":
    main()
