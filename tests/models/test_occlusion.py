"""The occlusion estimator: it learns to find covered pixels, its mask means 1 = known, and IoU scores it."""

import torch

import facerestore as fr
from facerestore.engine.occlusion import OcclusionTrainer
from facerestore.metrics import OcclusionIoU


def _faces_with_blocks(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Smooth random faces with a flat grey block drawn at a random place; the known mask (1 = known)."""
    faces = torch.nn.functional.interpolate(torch.rand(n, 3, 4, 4, generator=generator), size=16, mode="bilinear")
    known = torch.ones(n, 1, 16, 16)
    for i in range(n):
        y, x = torch.randint(0, 9, (2,), generator=generator).tolist()
        faces[i, :, y : y + 7, x : x + 7] = 0.5
        known[i, :, y : y + 7, x : x + 7] = 0
    return faces, known


def test_the_estimator_learns_to_find_a_drawn_block():
    torch.manual_seed(0)
    trainer = OcclusionTrainer(dict(type="OcclusionUNet", width=8, depth=2))
    optimizer = torch.optim.Adam(trainer.parameters(), lr=3e-3)
    rng = torch.Generator().manual_seed(0)
    faces, known = _faces_with_blocks(64, rng)
    metric = OcclusionIoU()

    def iou() -> float:
        estimate = trainer.generator.estimate(faces)
        return metric.score(1 - estimate, 1 - known).mean().item()

    before = iou()
    for _ in range(300):
        losses = trainer.losses(trainer.generator(faces), 1 - known)
        optimizer.zero_grad()
        sum(losses.values()).backward()
        optimizer.step()
    assert before < 0.5 < 0.8 < iou()


def test_iou_of_known_overlaps():
    pred = torch.zeros(3, 1, 4, 4)
    true = torch.zeros(3, 1, 4, 4)
    pred[0, :, :2] = 1  # 8 pixels estimated, 4 of them true, union 12
    true[0, :, 1:3, :] = 1
    true[1, :, 0, 0] = 1  # a missed pixel: IoU 0
    iou = OcclusionIoU().score(pred, true)  # face 2: nothing covered, nothing estimated: 1
    assert torch.allclose(iou, torch.tensor([1 / 3, 0.0, 1.0], dtype=torch.float64))


def test_the_estimate_is_a_known_pixel_mask():
    model = fr.build_model("OcclusionUNet", width=4, depth=2).eval()
    with torch.no_grad():
        model.head.bias.fill_(-20.0)  # every pixel surely known
    assert torch.equal(model.estimate(torch.rand(2, 3, 16, 16)), torch.ones(2, 1, 16, 16))
    with torch.no_grad():
        model.head.bias.fill_(20.0)
    assert torch.equal(model.estimate(torch.rand(2, 3, 16, 16)), torch.zeros(2, 1, 16, 16))
