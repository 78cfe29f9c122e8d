"""Loss plugins, registered in ``facerestore.registry.LOSSES``; each reads named keys of the data dict."""

from .adversarial import AdversarialLoss, GradientPenalty
from .base import BaseLoss
from .identity import IdentityLoss
from .noise import AsymmetricLoss, NoiseTVLoss
from .perceptual import PerceptualLoss, StyleLoss, VGG16Features, gram_matrix
from .pixel import PixelLoss
from .prior import FacePriorLoss, ParsingLoss
from .smooth import SmoothLoss
from .total import TotalLoss

__all__ = [
    "AdversarialLoss",
    "AsymmetricLoss",
    "BaseLoss",
    "FacePriorLoss",
    "GradientPenalty",
    "IdentityLoss",
    "NoiseTVLoss",
    "ParsingLoss",
    "PerceptualLoss",
    "PixelLoss",
    "SmoothLoss",
    "StyleLoss",
    "TotalLoss",
    "VGG16Features",
    "gram_matrix",
]
