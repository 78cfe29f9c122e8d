"""Face-embedding networks: the frozen feature extractors of the identity loss (JDSR-GAN 001 eq. 15)."""
