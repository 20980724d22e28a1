# expect: wrong_answer
# Ramps with (step + 1) / W, so step 0 already has a non-zero rate and step W - 1 runs at the full base_lr.
import numpy as np


def cosine_schedule(steps, base_lr, warmup_steps, total_steps, min_lr=0.0):
    steps = np.asarray(steps, dtype=float)
    lr = np.full(steps.shape, float(min_lr))
    warm = steps < warmup_steps
    lr[warm] = base_lr * (steps[warm] + 1) / warmup_steps
    decay = (steps >= warmup_steps) & (steps < total_steps)
    progress = (steps[decay] - warmup_steps) / (total_steps - warmup_steps)
    lr[decay] = min_lr + (base_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * progress))
    return lr
