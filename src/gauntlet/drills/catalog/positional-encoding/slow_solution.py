# Slow but correct: every entry is computed on its own in Python loops with math.sin and math.cos, the
# frequency recomputed for each entry, instead of one broadcast angle matrix.
import math

import numpy as np


def _frequency(i, d_model, base):
    return base ** (-(2 * i) / d_model)


def sinusoidal_encoding(n_positions, d_model, base=10000.0):
    pe = np.zeros((n_positions, d_model))
    for p in range(n_positions):
        for i in range(d_model // 2):
            pe[p, 2 * i] = math.sin(p * _frequency(i, d_model, base))
            pe[p, 2 * i + 1] = math.cos(p * _frequency(i, d_model, base))
    return pe


def offset_rotation(k, d_model, base=10000.0):
    m = np.zeros((d_model, d_model))
    for i in range(d_model // 2):
        angle = k * _frequency(i, d_model, base)
        c, s = math.cos(angle), math.sin(angle)
        m[2 * i, 2 * i] = c
        m[2 * i, 2 * i + 1] = s
        m[2 * i + 1, 2 * i] = -s
        m[2 * i + 1, 2 * i + 1] = c
    return m
