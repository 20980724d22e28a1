# expect: wrong_answer
# Cosine in the even columns and sine in the odd ones: position 0 becomes [1, 0, 1, 0, ...].
import numpy as np


def sinusoidal_encoding(n_positions, d_model, base=10000.0):
    angles = np.arange(n_positions)[:, None] * base ** (-np.arange(0, d_model, 2) / d_model)[None, :]
    pe = np.empty((n_positions, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.cos(angles), np.sin(angles)
    return pe


def offset_rotation(k, d_model, base=10000.0):
    freqs = base ** (-np.arange(0, d_model, 2) / d_model)
    c, s = np.cos(k * freqs), np.sin(k * freqs)
    m = np.zeros((d_model, d_model))
    even, odd = np.arange(0, d_model, 2), np.arange(1, d_model, 2)
    m[even, even], m[even, odd], m[odd, even], m[odd, odd] = c, -s, s, c
    return m
