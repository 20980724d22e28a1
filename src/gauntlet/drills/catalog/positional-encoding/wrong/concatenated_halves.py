# expect: wrong_answer
# Puts all the sines in the first half of the columns and all the cosines in the second half (the layout of
# some codebases), instead of interleaving sin and cos of each frequency.
import numpy as np


def sinusoidal_encoding(n_positions, d_model, base=10000.0):
    freqs = base ** (-np.arange(0, d_model, 2) / d_model)
    angles = np.arange(n_positions)[:, None] * freqs[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)


def offset_rotation(k, d_model, base=10000.0):
    half = d_model // 2
    angles = k * base ** (-np.arange(0, d_model, 2) / d_model)
    m = np.zeros((d_model, d_model))
    idx = np.arange(half)
    m[idx, idx], m[idx, idx + half] = np.cos(angles), np.sin(angles)
    m[idx + half, idx], m[idx + half, idx + half] = -np.sin(angles), np.cos(angles)
    return m
