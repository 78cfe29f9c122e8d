"""Face-embedding networks: the frozen feature extractors of the identity loss (JDSR-GAN (preprint) eq. 15)."""
