import numpy as np


def _pair(value):
    return (int(value), int(value)) if np.ndim(value) == 0 else (int(value[0]), int(value[1]))


def _windows(x, kernel_size, stride):
    """(N, C, H_out, W_out, kh * kw): every window flattened in row-major order, a view of x."""
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    view = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
    return view.reshape(view.shape[:4] + (kh * kw,)), (kh, kw), (sh, sw)


def max_pool2d(x, kernel_size, stride=None):
    windows, _, _ = _windows(np.asarray(x), kernel_size, stride)
    return windows.max(axis=-1)


def max_pool2d_backward(grad_out, x, kernel_size, stride=None):
    x = np.asarray(x)
    grad_out = np.asarray(grad_out)
    windows, (kh, kw), (sh, sw) = _windows(x, kernel_size, stride)
    first_max = windows.argmax(axis=-1)  # argmax returns the first maximum: the tie rule
    n, c, h_out, w_out = first_max.shape
    rows = np.arange(h_out)[:, None] * sh + first_max // kw
    cols = np.arange(w_out)[None, :] * sw + first_max % kw
    grad_x = np.zeros(x.shape, dtype=grad_out.dtype)
    batch = np.arange(n)[:, None, None, None]
    channel = np.arange(c)[None, :, None, None]
    # np.add.at accumulates when overlapping windows pick the same element (plain indexing would overwrite)
    np.add.at(grad_x, (batch, channel, rows, cols), grad_out)
    return grad_x
