# expect: wrong_answer
# Computes the frequency from the column index j, base^(-j/d), instead of from the pair index,
# base^(-2i/d) for both columns 2i and 2i+1: the sine and cosine of a "pair" then turn at different speeds.
import numpy as np


def sinusoidal_encoding(n_positions, d_model, base=10000.0):
    j = np.arange(d_model)
    angles = np.arange(n_positions)[:, None] / base ** (j[None, :] / d_model)
    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))


def offset_rotation(k, d_model, base=10000.0):
    freqs = base ** (-np.arange(0, d_model, 2) / d_model)
    c, s = np.cos(k * freqs), np.sin(k * freqs)
    m = np.zeros((d_model, d_model))
    even, odd = np.arange(0, d_model, 2), np.arange(1, d_model, 2)
    m[even, even], m[even, odd], m[odd, even], m[odd, odd] = c, s, -s, c
    return m
