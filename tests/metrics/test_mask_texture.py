"""scripts/mask_texture.py's scores inside the occluded region, on images whose answers are known."""

import math

import pytest
import torch
from helpers import import_script
from torchvision.transforms.functional import gaussian_blur

mask_texture = import_script("mask_texture")
hole_scores, checker_power = mask_texture.hole_scores, mask_texture.checker_power


@pytest.fixture
def faces():
    g = torch.Generator().manual_seed(0)
    gt = 0.9 * torch.rand(4, 3, 32, 32, generator=g)
    checks = (torch.arange(32)[:, None] // 2 + torch.arange(32)[None] // 2) % 2  # a mask pattern
    seen = gt.clone()
    hole = torch.zeros(4, 1, 32, 32)
    hole[..., 8:24, 4:28] = 1
    seen[..., 8:24, 4:28] = (0.3 + 0.4 * checks[8:24, 4:28]).float()
    return gt, seen, hole


def test_ground_truth_scores_texture_one_and_no_leak(faces):
    gt, seen, hole = faces
    psnr, texture, leak = hole_scores(gt, gt, seen, hole)
    assert psnr == math.inf and texture == pytest.approx(1.0) and abs(leak) < 0.1


def test_copying_the_mask_leaks_and_a_blur_has_less_texture(faces):
    gt, seen, hole = faces
    assert hole_scores(seen, gt, seen, hole)[2] == pytest.approx(1.0)
    psnr, texture, leak = hole_scores(gaussian_blur(gt, [7, 7], [2.0, 2.0]), gt, seen, hole)
    assert texture < 0.5 and abs(leak) < 0.1 and 0 < psnr < math.inf
    changed = gt.clone()
    changed[..., 8:24, 4:28] += 0.1  # a 0.1 offset inside the hole only: 21.9 on Y
    assert hole_scores(changed, gt, seen, hole)[0] == pytest.approx(20 * math.log10(255 / 21.9), abs=0.01)


def test_checker_power_sees_a_fine_grid_and_nothing_else(faces):
    gt = faces[0]
    grid = (torch.arange(32)[:, None] + torch.arange(32)[None]) % 2  # (−1)^(x+y) as 0/1
    gridded = (gt + 0.05 * grid).clamp(0, 1)
    coarse = (gt + 0.05 * ((torch.arange(32)[:, None] // 2 + torch.arange(32)[None] // 2) % 2)).clamp(0, 1)
    assert checker_power(gridded) > 10 * checker_power(gt)
    assert checker_power(coarse) < 2 * checker_power(gt)  # 2-px checks are not the 1-px grid
