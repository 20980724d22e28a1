import numpy as np


def _frequencies(d_model, base):
    return base ** (-np.arange(0, d_model, 2, dtype=np.float64) / d_model)  # ω_i = base^(-2i/d)


def sinusoidal_encoding(n_positions, d_model, base=10000.0):
    angles = np.arange(n_positions, dtype=np.float64)[:, None] * _frequencies(d_model, base)[None, :]
    pe = np.empty((n_positions, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


def offset_rotation(k, d_model, base=10000.0):
    angles = k * _frequencies(d_model, base)
    c, s = np.cos(angles), np.sin(angles)
    m = np.zeros((d_model, d_model))
    even, odd = np.arange(0, d_model, 2), np.arange(1, d_model, 2)
    # new sin =  cos(kω) sin + sin(kω) cos ;  new cos = -sin(kω) sin + cos(kω) cos
    m[even, even], m[even, odd] = c, s
    m[odd, even], m[odd, odd] = -s, c
    return m
