import numpy as np


def sinusoidal_encoding(n_positions, d_model, base=10000.0):
    """PE[p, 2i] = sin(p * base**(-2i/d)), PE[p, 2i+1] = cos(p * base**(-2i/d)).

    Args:
        n_positions: number of positions, >= 0 (positions 0 .. n_positions - 1).
        d_model: even width, >= 2.
        base: frequency base (10000 in the Transformer paper).

    Returns:
        float64 array (n_positions, d_model), sine and cosine columns interleaved.
    """
    raise NotImplementedError


def offset_rotation(k, d_model, base=10000.0):
    """The matrix M(k) with PE[p + k] == M(k) @ PE[p] for every position p.

    Args:
        k: position offset (int, any sign).
        d_model: even width, >= 2.
        base: as in sinusoidal_encoding.

    Returns:
        float64 array (d_model, d_model), block-diagonal with one 2x2 rotation per frequency.
    """
    raise NotImplementedError
