# expect: wrong_answer
# Measures the cosine's progress as step / T instead of (step - W) / (T - W): the decay starts before the
# warm-up has finished, the rate jumps down at step W and never reaches base_lr.
import numpy as np


def cosine_schedule(steps, base_lr, warmup_steps, total_steps, min_lr=0.0):
    steps = np.asarray(steps, dtype=float)
    lr = np.full(steps.shape, float(min_lr))
    warm = steps < warmup_steps
    lr[warm] = base_lr * steps[warm] / warmup_steps
    decay = (steps >= warmup_steps) & (steps < total_steps)
    lr[decay] = min_lr + (base_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * steps[decay] / total_steps))
    return lr
