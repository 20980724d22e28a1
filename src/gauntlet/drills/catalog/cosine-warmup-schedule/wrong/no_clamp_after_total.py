# expect: wrong_answer
# Lets the cosine run past the end (progress > 1), as transformers' own schedule does: a job that trains a
# little longer than planned sees its learning rate climb back up.
import numpy as np


def cosine_schedule(steps, base_lr, warmup_steps, total_steps, min_lr=0.0):
    steps = np.asarray(steps, dtype=float)
    lr = np.empty(steps.shape)
    warm = steps < warmup_steps
    lr[warm] = base_lr * steps[warm] / warmup_steps
    rest = ~warm
    progress = (steps[rest] - warmup_steps) / max(1, total_steps - warmup_steps)
    lr[rest] = min_lr + (base_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * progress))
    return lr
