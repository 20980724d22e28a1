import numpy as np


def cosine_schedule(steps, base_lr, warmup_steps, total_steps, min_lr=0.0):
    steps = np.asarray(steps, dtype=np.float64)
    lr = np.full(steps.shape, float(min_lr))  # step >= total_steps stays here
    warm = steps < warmup_steps
    lr[warm] = base_lr * steps[warm] / warmup_steps
    decay = (steps >= warmup_steps) & (steps < total_steps)
    progress = (steps[decay] - warmup_steps) / (total_steps - warmup_steps)
    lr[decay] = min_lr + (base_lr - min_lr) * 0.5 * (1.0 + np.cos(np.pi * progress))
    return lr
