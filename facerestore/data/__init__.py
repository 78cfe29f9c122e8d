"""Face datasets, occlusion masks, the shared degradation and the face generator.

Importing this package registers the mask generators (``TRANSFORMS``) and ``FaceImageDataset`` (``DATASETS``).
"""

from facerestore.data.dataset import FaceImageDataset, degrade
from facerestore.data.facemask import FaceMaskOcclusion
from facerestore.data.masks import BlockMask, GridMask, NoMask, RandomRectMask, build_mask
from facerestore.data.occluders import RealisticOcclusion
from facerestore.data.synth import synthesize

__all__ = [
    "BlockMask",
    "FaceMaskOcclusion",
    "FaceImageDataset",
    "GridMask",
    "NoMask",
    "RandomRectMask",
    "RealisticOcclusion",
    "build_mask",
    "degrade",
    "synthesize",
]
