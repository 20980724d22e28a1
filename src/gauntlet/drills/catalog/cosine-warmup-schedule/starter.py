import numpy as np


def cosine_schedule(steps, base_lr, warmup_steps, total_steps, min_lr=0.0):
    """Linear warm-up from 0 to base_lr over warmup_steps, then a half cosine from base_lr to min_lr over the
    remaining total_steps - warmup_steps steps, then min_lr.

    Args:
        steps: int array (n,), step numbers >= 0 (0-based).
        base_lr: peak learning rate.
        warmup_steps: W, 0 <= W <= total_steps.
        total_steps: T >= 1.
        min_lr: floor, 0 <= min_lr <= base_lr.

    Returns:
        float64 array (n,).
    """
    raise NotImplementedError
