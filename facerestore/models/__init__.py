"""Every model family; importing this package registers them all in ``facerestore.registry.MODELS``."""

from . import compound  # noqa: F401
from .completion import cbdnet, gfc, pconv  # noqa: F401
from .discriminators import critics  # noqa: F401
from .discriminators import gfc as gfc_discriminators  # noqa: F401
from .identity import jdsr as jdsr_identity  # noqa: F401
from .identity import sface  # noqa: F401
from .occlusion import unet as occlusion_unet  # noqa: F401
from .priors import parsingnet  # noqa: F401
from .sr import fishfsrnet, fsrnet, srresnet  # noqa: F401
