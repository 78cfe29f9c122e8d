"""Occlusion estimators: which pixels of a face are hidden by something else."""
