# Slow but correct: a Python loop with an if/elif per step and math.cos on one number at a time, instead
# of boolean masks over the whole array.
import math

import numpy as np


def cosine_schedule(steps, base_lr, warmup_steps, total_steps, min_lr=0.0):
    rates = []
    for step in steps:
        step = float(step)
        if step < warmup_steps:
            rates.append(base_lr * step / warmup_steps)
        elif step < total_steps:
            progress = (step - warmup_steps) / (total_steps - warmup_steps)
            rates.append(min_lr + (base_lr - min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress)))
        else:
            rates.append(float(min_lr))
    return np.array(rates, dtype=np.float64)
