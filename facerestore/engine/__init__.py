"""Training glue for the mmengine Runner (imported lazily: ``import facerestore`` does not load it)."""

from .distributed import GradientSyncWrapper
from .hooks import TimeBudgetHook, WeightsOnlyCheckpointHook
from .occlusion import OcclusionTrainer
from .optim import GANOptimWrapperConstructor
from .restorer import FaceRestorer, Stage

__all__ = [
    "FaceRestorer",
    "GradientSyncWrapper",
    "GANOptimWrapperConstructor",
    "OcclusionTrainer",
    "Stage",
    "TimeBudgetHook",
    "WeightsOnlyCheckpointHook",
]
