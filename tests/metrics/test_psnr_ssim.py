import math

import numpy as np
import pytest
import torch
from helpers import import_basicsr_metrics

from facerestore.metrics import MSSIM, PSNR, SSIM, psnr, rgb_to_y, ssim
from facerestore.registry import METRICS


def _pairs():
    """(name, a, b): uint8 H×W×3 RGB image pairs, random and smooth, of several sizes (some not square)."""
    rng = np.random.default_rng(0)
    for h, w in [(24, 24), (33, 40), (64, 64)]:
        yield (
            f"random{h}x{w}",
            rng.integers(0, 256, (h, w, 3), np.uint8),
            rng.integers(0, 256, (h, w, 3), np.uint8),
        )
        yy, xx = np.mgrid[:h, :w]
        smooth = np.stack([xx / w, yy / h, (xx + yy) / (h + w)], axis=-1) * 200 + 20
        noisy = smooth + rng.integers(-3, 4, smooth.shape)
        yield f"smooth{h}x{w}", smooth.astype(np.uint8), noisy.astype(np.uint8)


PAIRS = list(_pairs())


def _tensor(rgb: np.ndarray) -> torch.Tensor:
    """1×3×H×W float64 in [0, 1] (float64, so the comparison tests the metric and not input rounding)."""
    return torch.from_numpy(rgb).permute(2, 0, 1)[None].to(torch.float64) / 255


@pytest.fixture(scope="module")
def basicsr():
    return import_basicsr_metrics()


@pytest.mark.parametrize("crop_border", [0, 4])
@pytest.mark.parametrize("name, a, b", PAIRS, ids=[p[0] for p in PAIRS])
def test_rgb_parity_with_basicsr(basicsr, name, a, b, crop_border):
    """y_channel=False: equal to BasicSR fed the same images as BGR uint8, within 1e-6."""
    ours_psnr = psnr(_tensor(a), _tensor(b), crop_border, y_channel=False).item()
    ours_ssim = ssim(_tensor(a), _tensor(b), crop_border, y_channel=False).item()
    bgr_a, bgr_b = a[..., ::-1].copy(), b[..., ::-1].copy()
    assert abs(ours_psnr - basicsr.calculate_psnr(bgr_a, bgr_b, crop_border, test_y_channel=False)) <= 1e-6
    assert abs(ours_ssim - basicsr.calculate_ssim(bgr_a, bgr_b, crop_border, test_y_channel=False)) <= 1e-6


@pytest.mark.parametrize("crop_border", [0, 4])
@pytest.mark.parametrize("name, a, b", PAIRS, ids=[p[0] for p in PAIRS])
def test_y_parity_with_basicsr(basicsr, name, a, b, crop_border):
    """y_channel=True: BasicSR's own end-to-end Y path (``test_y_channel=True``) on the same images, 1e-6."""
    ours_psnr = psnr(_tensor(a), _tensor(b), crop_border).item()
    ours_ssim = ssim(_tensor(a), _tensor(b), crop_border).item()
    bgr_a, bgr_b = a[..., ::-1].copy(), b[..., ::-1].copy()
    assert abs(ours_psnr - basicsr.calculate_psnr(bgr_a, bgr_b, crop_border, test_y_channel=True)) <= 1e-6
    assert abs(ours_ssim - basicsr.calculate_ssim(bgr_a, bgr_b, crop_border, test_y_channel=True)) <= 1e-6


def test_batched_values_are_per_image():
    a = torch.stack([_tensor(x)[0] for _, x, _ in PAIRS[:2]])
    b = torch.stack([_tensor(y)[0] for _, _, y in PAIRS[:2]])
    for fn in (psnr, ssim):
        batched = fn(a, b)
        assert batched.shape == (2,) and batched.dtype == torch.float64
        torch.testing.assert_close(batched, torch.cat([fn(a[i : i + 1], b[i : i + 1]) for i in range(2)]))


def test_known_values():
    white, black = torch.ones(1, 3, 2, 2), torch.zeros(1, 3, 2, 2)
    assert rgb_to_y(white).flatten().tolist() == pytest.approx([235.0] * 4)
    assert rgb_to_y(black).flatten().tolist() == pytest.approx([16.0] * 4)
    x = torch.full((2, 3, 16, 16), 0.5, dtype=torch.float64)
    # every value off by 1/255: MSE = 1 on the 0-255 scale, PSNR = 20·log10(255)
    assert psnr(x, x + 1 / 255, y_channel=False).tolist() == pytest.approx([20 * math.log10(255)] * 2)
    assert psnr(x, x).tolist() == [math.inf, math.inf]
    assert ssim(x, x).tolist() == pytest.approx([1.0, 1.0])


def test_bad_inputs():
    x = torch.rand(1, 3, 16, 16)
    with pytest.raises(ValueError, match=r"\(1, 3, 16, 16\) and \(1, 3, 8, 8\)"):
        psnr(x, torch.rand(1, 3, 8, 8))
    with pytest.raises(ValueError, match="at least 11×11 pixels after cropping, got 8×8"):
        ssim(x, x, crop_border=4)
    with pytest.raises(ValueError, match="crop_border=8 leaves nothing"):
        psnr(x, x, crop_border=8)
    with pytest.raises(ValueError, match="N×3×H×W"):
        psnr(torch.rand(1, 1, 16, 16), torch.rand(1, 1, 16, 16))


def _samples(pairs):
    return [
        {
            "sr": torch.cat([_tensor(a) for _, a, _ in pairs]),
            "hr_gt": torch.cat([_tensor(b) for _, _, b in pairs]),
        }
    ]


def test_mmengine_metrics_mean_over_images():
    same_size = [p for p in PAIRS if p[1].shape == (24, 24, 3)]
    assert len(same_size) == 2
    metrics = [METRICS.build(dict(type=t, crop_border=2)) for t in ("PSNR", "SSIM", "MSSIM")]
    assert [type(m) for m in metrics] == [PSNR, SSIM, MSSIM]
    for m in metrics:
        m.process({}, _samples(same_size[:1]))
        m.process({}, _samples(same_size[1:]))
        assert len(m.results) == 2
    a, b = _samples(same_size)[0].values()
    expected = {
        "PSNR": psnr(a, b, 2).mean().item(),
        "SSIM": ssim(a, b, 2).mean().item(),
        "MSSIM": ssim(a, b, 2, y_channel=False).mean().item(),
    }
    for m in metrics:
        assert m.evaluate(2) == pytest.approx({m.name: expected[m.name]})


def test_metric_names_and_keys():
    m = PSNR(pred="lr_composite", target="lr_gt", name="PSNR_lr", prefix="val", y_channel=False)
    x = torch.rand(2, 3, 16, 16)
    m.process({}, [{"lr_composite": x, "lr_gt": x.clamp(0.1, 0.9)}])
    assert list(m.evaluate(2)) == ["val/PSNR_lr"]
    with pytest.raises(KeyError, match=r"reads data\['lr_gt'\], which is missing; keys present: \['lr_composite'\]"):
        m.process({}, [{"lr_composite": x}])
    with pytest.raises(ValueError, match=r"pred 'sr' has shape \(2, 3, 16, 16\) but target 'hr_gt' has shape"):
        SSIM().process({}, [{"sr": x, "hr_gt": torch.rand(2, 3, 32, 32)}])


def test_metrics_score_predictions_clamped_to_the_image_range():
    """A raw output overshooting [0, 1] scores as the saved image would: clamped."""
    target = torch.rand(2, 3, 16, 16)
    over = target.clone()
    over[..., :4, :4] = 1.5
    metric = PSNR()
    metric.process(None, [{"sr": over, "hr_gt": target}])
    metric.process(None, [{"sr": over.clamp(0, 1), "hr_gt": target}])
    assert metric.results[0] == metric.results[2] and metric.results[1] == metric.results[3]
