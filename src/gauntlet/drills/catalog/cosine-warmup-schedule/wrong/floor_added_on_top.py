# expect: wrong_answer
# Adds min_lr to a cosine that decays base_lr to 0: the schedule starts at base_lr + min_lr instead of
# base_lr, and jumps at the end of the warm-up.
import numpy as np


def cosine_schedule(steps, base_lr, warmup_steps, total_steps, min_lr=0.0):
    steps = np.asarray(steps, dtype=float)
    lr = np.full(steps.shape, float(min_lr))
    warm = steps < warmup_steps
    lr[warm] = base_lr * steps[warm] / warmup_steps
    decay = (steps >= warmup_steps) & (steps < total_steps)
    progress = (steps[decay] - warmup_steps) / (total_steps - warmup_steps)
    lr[decay] = min_lr + base_lr * 0.5 * (1 + np.cos(np.pi * progress))
    return lr
