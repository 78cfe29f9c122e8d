"""Write docs/model-zoo.md, the README's zoo table and one Hub model card per alias (zoo/cards/ALIAS.md) from the
zoo entries.

The cards are what ``facerestore push --alias ALIAS`` uploads as README.md (facerestore.zoo.model_card);
tests check that the table and every card are current.
"""

from pathlib import Path

from facerestore.imageio import atomic_write_text
from facerestore.zoo import entries, model_card, protocol_text, record_text, zoo_dir

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "model-zoo.md"
README = REPO / "README.md"
CARDS = REPO / "zoo" / "cards"
GRIDS = REPO / "docs" / "images" / "zoo"
BUDGET_MB = 40  # all embedded weights together, in the wheel
README_MARKERS = ("<!-- zoo table: python scripts/zoo_table.py -->\n", "<!-- end of zoo table -->\n")


def render_readme(text: str) -> str:
    """``text`` (the README) with the short zoo table between its markers rewritten."""
    begin, end = README_MARKERS
    if begin not in text or end not in text:
        raise ValueError(f"README.md lacks the zoo table markers {begin.strip()} … {end.strip()}")
    rows = ["| alias | status | description | first result |", "|---|---|---|---|"]
    for alias, e in entries().items():
        first = e.get("results") or [{}]
        metrics = ", ".join(f"{k} {v:.2f}" for k, v in first[0].get("metrics", {}).items() if "/" not in k)
        rows.append(f"| `{alias}` | {e['status']} | {e['description'].split(';')[0]} | {metrics or '–'} |")
    head, rest = text.split(begin, 1)
    return head + begin + "\n".join(rows) + "\n" + end + rest.split(end, 1)[1]


NAMING = """## Naming

An alias is `<method>-x<scale>`, plus `-paper` for the paper's exact configuration:

- `jdsr-x4`, `fishfsrnet-x8`, ...: the best trained weights we have for that method and scale: the same
  modules, connections and training scheme as the paper. Where the paper's widths cannot be trained on the
  project's machines (2 CPU cores; a GPU only now and then), this is a **reduced-width** model, and its entry
  says so (`width: reduced`) with its widths, parameters, multiply–adds, iterations, batch, wall time, data
  and which loss terms were used or dropped and why (below, and in `facerestore info ALIAS`).
- `jdsr-x4-paper`, ...: the paper's exact configuration (`width: paper`), `unpublished` until someone trains it
  on a GPU (`scripts/train_gpu.py`). When a paper-width model is trained and beats the reduced one under the
  same protocol, the plain alias moves to it; the reduced weights stay addressable as a model directory.
- `default`: what `facerestore restore` uses without `--model`.
- `occlusion`: the occlusion estimator behind `facerestore restore --mask auto` (docs/photos.md); a design of
  this project (`width: own`), not a paper's.

timm's `name.tag` (`resnet50.a1_in1k`) names *weights* of one architecture; here a reduced width is another
architecture (other tensor shapes), so it gets its own entry beside the paper's rather than a tag.
"""


FCSR = """## FCSR-GAN compounds

The four ×4 rows of FCSR-GAN Table 6 and its two ×8 rows (`fcsr-{pconv,gfc}-{srresnet,fsrnet}-x4`,
`fcsr-{pconv,gfc}-fsrnet-x8`) share one CPU recipe, `configs/zoo_cpu/fcsr_cpu_pconv-srresnet_x4_synthfaces.py`,
which the other rows inherit, changing only the modules:

- **Schedule and budget.** FCSR-GAN's stages (§3.2): the FC module alone (1,000 iterations), the SR module with
  the FC module fixed (500), then both (1,500), at batch 8: 3,000 iterations × 8 faces for every row, so that the
  table compares architectures at equal iterations × batch. Equal iterations rather than equal wall time: an
  FSRNet row costs about four times an SRResNet row per iteration here, and equal wall time would give the
  SRResNet rows four times the faces.
- **Terms.** Style and perceptual are dropped (no ImageNet VGG16 weights offline). The pixel terms on the LR
  completion take PConv's valid/hole weights 1/6; smooth on the composite is weighted 3 (FCSR-GAN weighs it 10×
  its pixel term; at PConv's 0.1 the LR fill was coloured speckle in a completion-only comparison of 0.1, 1 and
  3); the adversarial term (PatchGAN, vanilla) is weighted 1e-4, not the paper's 1e-3, which sits beside the
  perceptual terms: at 1e-3 its gradient on the SR face was 0.47× the L1 term's per pixel
  (`scripts/loss_gradients.py`) and it drew a dotted grid in the filled hole. FSRNet rows add the face prior
  (eq. 9), GFC rows GFC's parsing regulariser (0.05) through a frozen 11-class LR parser trained here
  (`configs/zoo_cpu/fcsr_cpu_parser_x{4,8}_synthfaces.py`, weights in `benchmarks/weights/`).
- **Widths.** PConv U-Net base 32, GFC width 16 with a 512-wide bottleneck, SRResNet 32 × 8, FSRNet width 16
  with one hourglass: the narrowest completion widths that kept a clean fill, so that the six rows fit the 40 MB
  of embedded weights beside the other aliases. GFC at 32/1024 (9.9 MB with SRResNet) scored 0.11 dB more than
  at 16/512 (2.8 MB); PConv at base 16 lost 0.61 dB and tinted its fill in blocks (docs/benchmarks.md). The ×4
  FSRNet rows keep the FCSR-GAN code's heavy prior (four bottlenecks per hourglass unit at 4 × width); the ×8 rows
  take the PyTorch ports' light prior (one per unit at 2 × width): at width 16 the heavy prior is 0.80 M of
  FSRNet's 0.89 M parameters (the light one makes FSRNet 0.18 M), and with it the six rows and the JDSR aliases
  would not fit the 40 MB; the light-prior ×8 rows trained in 53–54 min, the heavy-prior ×4 FSRNet rows in
  87–89 min, same 3,000 × 8 budget and 128² output (the entries' wall times). The ×8 rows are
  compared only with each other. Their fill is a smooth blur, with faint horizontal bands in some faces.
- **FSRNet's coarse face** gets its own L1 term (`pixel_coarse`, weight 1), as in FSRNet and the FCSR-GAN code;
  without it the coarse output of `jdsr-x4` and of a first PConv + FSRNet run became saturated feature maps.
- **FSRNet rows' learning rate.** The FSRNet rows train their generator at lr 4e-4 (critic 2e-4, SRResNet rows
  2e-4 for both), same budget: at 2e-4 PConv + FSRNet ×4 scored 23.9678 / 0.6783, SSIM below inpaint+bicubic;
  at 4e-4 24.5507 / 0.6999 with a smoother fill. GFC + FSRNet ×4 at 4e-4 (24.0462 / 0.6872) still misses
  inpaint+bicubic's SSIM, and so does it with FSRNet's light prior (23.8689 / 0.6816), which also cost
  PConv + FSRNet ×4 0.08 dB, so the ×4 rows keep the heavy prior (docs/benchmarks.md, "FCSR-GAN Table 6 rows").
- **`fcsr-gfc-fsrnet-x4` has a second leg.** Its first leg is the Table 6 row (3,000 × 8, like every compound
  there; `benchmarks/weights/fcsr_cpu_gfc-fsrnet_x4`). The alias continues its joint stage for 1,200 more
  iterations × 8 from those weights (`configs/zoo_cpu/fcsr_cpu_gfc-fsrnet_x4_synthfaces_leg2.py`: fresh optimiser
  and critic, lr 2e-4 with a second cosine cycle), 66 min on one core: 24.3415 / 0.7027 against 24.0462 / 0.6872
  after the first leg, now above inpaint+bicubic in both. It has seen 4,200 × 8 faces, the other FCSR aliases
  3,000 × 8, so it is not compared with them as an equal-budget row; Table 6 keeps the first leg.
- **Sequential baselines** (FCSR-GAN Fig. 7: completion then SR, SR then completion) are trained at the joint
  PConv + SRResNet ×4's widths and 3,000 × 8 budget (`configs/zoo_cpu/fcsr_cpu_baseline{1,2}_*`) and kept as
  benchmark rows (`benchmarks/weights/fcsr_cpu_baseline{1,2}_x4`), not aliases: they are comparisons, not
  models to restore with.
- **The default model** stays `default`, a compact PConv + SRResNet ×4 trained 5,000 iterations × 16 faces
  without adversarial term: on the whole test split (centre 64 block) it scores 25.3427 / 0.7509 against
  `fcsr-pconv-srresnet-x4`'s 24.6458 / 0.7243 (the FCSR rows trained so far, at 24,000 faces against the
  default's 80,000, do not beat it); the default moves to an FCSR row only when one beats it under the default
  protocol.
"""


JDSR = """## JDSR-GAN

`jdsr-x4` and `jdsr-x8` are CBDNet-CA → FSRNet-CA trained jointly on procedural face masks, blind (no mask input),
at width 16 on one CPU core each, in four legs (`jdsr-x8` ten): 2,000 iterations × 8 faces
(`configs/zoo_cpu/jdsr_cpu_x{4,8}_synthfaces.py`), then 1,500 more from those weights with a fresh optimiser and
critic (`…_leg2.py`), then 1,500 more on masks patterned three times in five (`…_leg3.py`); `jdsr-x4` then 1,200
more with `jdsr-x8`'s later recipe (`…_leg4.py`: the hardest masks only and the L1 terms on both faces' occluded
regions); `jdsr-x8` then 1,000 more on masks patterned four times in five (`…_leg4.py`), 1,500 more on
high-contrast patterns with an L1 term on the output's occluded region (`…_leg5.py`), 1,000 more of the same
(`…_leg6.py`), 1,500 more with the de-masked face's occluded-region L1 term doubled (`…_leg7.py`), 1,600 more on
the hardest masks only with the output's occluded-region L1 term doubled (`…_leg8.py`), 2,000 more with it doubled
again (`…_leg9.py`) and 1,000 more with the SR face's smooth term at 0.2 (`…_leg10.py`). Both beat inpaint+bicubic
(which is given the true mask) in PSNR and SSIM on the whole test split. Plain and patterned masks now come back as
smooth skin at both scales; at ×8, where high-contrast checks reach the eyes at 16², a faint shadow under the eyes
is left of the smudge that legs 5 to 8 drew there, and a faint 1-px checkerboard of FSRNet-CA's light prior covers
the whole output; both are visible only magnified (each entry's `known_defects`). The recipe moved one cause at a
time, each found by looking inside the model:

- **`jdsr-x4`'s first leg** (the paper's terms that can be had offline, identity 0.1) filled plain masks with
  horizontal stripes. Its identity term (SFace) pushed the SR face 7.6× harder per pixel than the L1 term, more
  from row to row than along rows (`python scripts/loss_gradients.py configs/zoo_cpu/jdsr_cpu_x4_synthfaces.py
  --checkpoint benchmarks/weights/jdsr_cpu_x4`), and its prior branch had not learnt parsing or landmarks.
- **`jdsr-x8`'s first leg** therefore weighs identity 0.002 (0.26× the L1 term's gradient at iteration 500), makes
  the parsing term a cross-entropy (the FCSR-GAN code's), gives FSRNet-CA's coarse face its own L1 term and the
  de-masked face an L1 term of weight 6 on the occluded region (the true mask is a training target only). Plain
  masks then came back skin-toned but with a fine banded texture.
- **Where the bands came from**: `python scripts/fsrnet_ablation.py configs/zoo_cpu/jdsr_cpu_x8_synthfaces.py
  benchmarks/weights/jdsr_cpu_x8 OUT.png` shows CBDNet-CA's de-masked face beside FSRNet-CA's outputs. CBDNet-CA
  recolours a plain mask to skin but keeps the mask's own texture, its fold lines and stripes, and FSRNet-CA
  sharpens that texture into bands.
- **The second leg** (both scales, from each first leg's weights, `jdsr-x8`'s terms) adds the smooth term of
  eq. 12 restricted to the occluded region, weight 1 on the de-masked face and 0.5 on the SR face: this
  project's own terms, since no detail of the face under a mask can be recovered there anyway. Plain masks then
  come back smooth and skin-toned, blurred where mouth and nose would be. Checks are muted on some faces and remain
  colour blotches on others: CBDNet-CA at width 16 recolours a pattern but does not remove it.
- **The third leg** (both scales, from each second leg's weights, the same terms) draws the training masks
  patterned (dots or checks) three times in five instead of one in five (`FaceMaskOcclusion(patterned=0.6)`;
  evaluation keeps one in five). `python scripts/mask_texture.py` measures how much of a mask's own pattern comes
  through, inside the occluded region of the first 200 test faces, each drawn once with a patterned and once with a
  plain mask: its "leak" is the correlation of the output's fine detail with the mask's (about 0 for the ground
  truth). On patterned masks it fell from 0.177 to 0.100 at ×4 and from 0.146 to 0.136 at ×8, and the region's
  PSNR rose by 0.81 dB and 0.45 dB. At ×4 the checks were gone but for faint cell shadows under high-contrast ones;
  at ×8, where a 16² input blurs most patterns to a plain colour anyway, the high-contrast checks that survive the
  downsampling still came back as dark and light blotches. A fourth ×8 leg (1,000 × 8, four patterned masks in
  five) took the leak to 0.115 and the region's PSNR up 0.21 dB more, but those blotches remained.
- **The fifth ×8 leg** (1,500 × 8) draws seven masks in ten patterned with two colours at least 60 apart in luma
  (`FaceMaskOcclusion(contrast=60)`, new) and adds L1 5 on the SR face's occluded region, so that FSRNet-CA learns
  to fill what CBDNet-CA leaves (its de-masked face still holds the checks, recoloured). Leak 0.086, the region's
  PSNR up 0.48 dB, the blotches on the mask gone. The same leg without the new term, run beside it, removed less
  (leak 0.099, 0.28 dB lower). On patterns at least 80 apart in luma (`--contrast 80`) the leak fell from 0.156 to
  0.056. A sixth leg (1,000 × 8, the same recipe, both cores) took the region's PSNR up 0.18 dB more and the leak
  to 0.083 (0.055 on high-contrast patterns). The checker column of `scripts/mask_texture.py`, the output's power
  at the 1-px checkerboard frequency over the ground truth's, tracks the light prior's grid: 92× after the first
  leg, 13× after the fourth, 16× after the sixth (`jdsr-x4`, whose heavy prior upsamples by nearest neighbour, has
  none).
- **The seventh ×8 leg** (1,500 × 8 from the sixth, four patterned masks in five) doubles the L1 term on the
  de-masked face's occluded region, to 12, since the eye-line smudge comes from CBDNet-CA, whose de-masked face
  still holds the checks. It raised the region's PSNR 0.12 dB and the whole face's 0.08 dB and weakened the light
  prior's grid (checker 13.7×), but the leak rose a little (0.083 to 0.090 on patterned masks) and the smudge on
  the grid's fifth face remains. Beside it ran the same leg with CBDNet-CA widened from 16 to 24 (1,750 × 8,
  `…_leg7_w24.py`), started from the sixth leg so that it computed exactly what that did (`load_from_widen`: the
  new channels are read with weight zero until training moves them). As trained, in fp32, it scored 23.3900 /
  0.6476 on the whole test split against the kept leg's 23.3293 / 0.6459, with the same region PSNR (21.47 and
  21.45 dB), the same leak (0.090) and the same smudge: its de-masked face still holds the checks. 0.06 dB was not
  worth 0.69 MB more of embedded weights, so the alias keeps width 16 (the wider model is not kept; its config
  trains it again).
- **The eighth ×8 leg** (1,600 × 8 from the seventh, both cores) trains on the hardest masks only, patterned nine
  times in ten with lumas at least 80 apart, and doubles the L1 term on the SR face's occluded region, to 10, since
  FSRNet-CA is what draws the leftover checks as a smudge. Whole test split 23.4182 / 0.6477 (seventh leg 23.3276 /
  0.6458). Inside the occluded region the PSNR rose 0.14 dB and the leak fell back to 0.082 on patterned masks
  (0.126 on plain ones, 0.047 on patterns at least 80 apart in luma, from 0.061); the smudge on the grid's fifth
  face is fainter, but a dark mark under the left eye is still there.
- **The ninth ×8 leg** (2,000 × 8 from the eighth, one core) doubles the L1 term on the SR face's occluded region
  again, to 20. Whole test split 23.4776 / 0.6494; inside the occluded region the PSNR rose 0.17 dB and the leak
  fell to 0.078 on patterned masks (0.044 on patterns at least 80 apart in luma); on the grid's fifth face the
  smudge is down to a faint shadow under the eyes. The same leg with the de-masked face's occluded-region L1 also
  doubled, to 24 (`…_leg9_holes.py`), run beside a first run of this leg (cut off by a machine restart; the kept
  leg re-ran the same config), was stopped at iteration 1,000 of 2,000: its faces kept the dark mark under the eye
  that the other run's had lost by then.
- **The tenth ×8 leg** (1,000 × 8 from the ninth, both cores) raises the smooth term of eq. 17 on the SR face from
  0.01 to 0.2, against the light prior's 1-px checkerboard (an alternation of neighbours is what total variation
  penalises most). The checker column fell from 14.00× to 8.15× the ground truth's power, the region's PSNR rose
  0.04 dB and the leak fell to 0.074 on patterned masks; whole test split 23.5177 / 0.6505 (ninth leg 23.4776 /
  0.6494).
- **`jdsr-x4`'s fourth leg** (1,200 × 8 from its third, one core) takes over what worked at ×8: the hardest masks
  only (patterned nine times in ten, lumas at least 80 apart), the de-masked face's occluded-region L1 at 12 and
  L1 10 on the SR face's occluded region. Whole test split 24.5986 / 0.7160 (third leg 24.4467 / 0.7136); on
  patterned masks the leak fell from 0.100 to 0.011 and the region's PSNR rose 0.58 dB; the faint shadows of
  high-contrast check cells are gone. docs/images/jdsr-x{4,8}-patterned.png show eight test faces with patterned
  masks, the previous leg beside the alias (`python scripts/mask_texture.py configs/zoo_cpu/jdsr_cpu_x4_synthfaces.py
  leg3=benchmarks/weights/jdsr_cpu_x4_leg3 jdsr-x4=jdsr-x4 --faces 200 --grid docs/images/jdsr-x4-patterned.png`,
  and at ×8 `leg9=benchmarks/weights/jdsr_cpu_x8_leg9 jdsr-x8=jdsr-x8` with `jdsr_cpu_x8_synthfaces.py`).
- **Next**: the 1-px checkerboard of `jdsr-x8`'s light prior (still 8× the ground truth's power at that frequency)
  is what is left to remove; the paper's widths on a lent GPU are the other way on: `scripts/gpu_jdsr_x4.sh` is ready
  (tried end to end on the CPU); no GPU has been lent so far.

The earlier legs are kept as `benchmarks/weights/jdsr_cpu_x{4,8}`, `…_leg2`, `jdsr_cpu_x4_leg3` and
`jdsr_cpu_x8_leg{3,4,5,6,7,8,9}`: the first legs are Table II's joint rows at the sequential baseline's budget; every
kept leg up to the third is a row of Table II (docs/benchmarks.md); the later legs and the aliases are measured on
the whole test split.
"""


def _embedded_size() -> tuple[int, int]:
    """(files, bytes) of every embedded alias's weights and config."""
    files = [
        zoo_dir() / e["directory"] / name
        for e in entries().values()
        if e["status"] == "embedded"
        for name in e["files"]
    ]
    return len(files), sum(f.stat().st_size for f in files)


def render() -> str:
    zoo = entries()
    count, size = _embedded_size()
    lines = [
        "# Model zoo",
        "",
        "Generated from `zoo/*.json` by `python scripts/zoo_table.py`; `facerestore info ALIAS` shows a whole entry,",
        "`zoo/cards/ALIAS.md` its Hub model card. Every number was measured by the command beside it, on the weights",
        "as shipped. An unpublished alias has no weights yet: train it with its command, and see [hub.md](hub.md) for",
        "loading, downloading and publishing.",
        "",
        NAMING,
        FCSR,
        JDSR,
        f"Embedded weights (fp16 safetensors in the wheel, sha256-pinned in each entry): {count} files, "
        f"{size / 1e6:.1f} MB in all, of a {BUDGET_MB} MB budget.",
        "",
        "| alias | status | width | Hub | input | description | training |",
        "|---|---|---|---|---|---|---|",
    ]
    results = []
    for alias, e in zoo.items():
        t = e.get("training", {})
        hub = f"`{e['hub_id']}`" + (f" @ `{e['revision'][:12]}`" if e.get("revision") else "") if e["hub_id"] else "-"
        lines.append(
            f"| `{alias}` | {e['status']} | {e['width']} | {hub} | {e.get('input', '')} | {e['description']} | "
            f"`{t.get('command', e.get('train_command', ''))}` |"
        )
        for r in e.get("results", []):
            metrics = ", ".join(f"{k} {v:.4f}" for k, v in r["metrics"].items())
            results.append(f"| `{alias}` | {r['protocol']} | {metrics} | `{r['command']}` |")
    lines += ["", "## Protocols", "", "What each alias is (or will be) evaluated under.", ""]
    lines += ["| alias | protocol | config |", "|---|---|---|"]
    lines += [f"| `{a}` | {protocol_text(e['protocol'])} | `{e['config_file']}` |" for a, e in zoo.items()]
    lines += ["", "## Results", "", "| alias | protocol | metrics | command |", "|---|---|---|---|", *results]
    lines += ["", "## Trained models", ""]
    lines += [
        "Each embedded alias: how it was trained, and test faces spread over the split (every 125th): input, the",
        "classical row (`inpaint+bicubic` with the true mask where faces are occluded, `bicubic` where not), the",
        "model, ground truth (`python scripts/zoo_grids.py`).",
        "",
    ]
    for alias, e in zoo.items():
        if e["status"] != "embedded":
            continue
        lines += [f"### `{alias}`", "", "| | |", "|---|---|"]
        for key, value in e.get("training", {}).items():
            lines.append(f"| {key} | {record_text(value, '<br>')} |")
        lines.append("")
        if (GRIDS / f"{alias}.png").is_file():
            lines += [f"![{alias} on test faces](images/zoo/{alias}.png)", ""]
    lines += ["## Licences", ""]
    lines += [f"- `{a}`: code {e['licence']['code']}; weights {e['licence']['weights']}" for a, e in zoo.items()]
    return "\n".join(lines) + "\n"


def render_cards() -> dict[str, str]:
    """``{file name: text}`` of every model card."""
    return {f"{alias}.md": model_card(e) for alias, e in entries().items()}


def main() -> None:
    atomic_write_text(DOC, render())
    readme = render_readme(README.read_text())
    atomic_write_text(README, readme)
    cards = render_cards()
    for name, text in cards.items():
        atomic_write_text(CARDS / name, text)
    for stale in sorted(set(p.name for p in CARDS.glob("*.md")) - set(cards)):
        (CARDS / stale).unlink()
    print(f"wrote {DOC}, the zoo table of {README} and {len(cards)} model cards in {CARDS}")


if __name__ == "__main__":
    main()
