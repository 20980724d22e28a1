# expect: wrong_answer
# Starts every window's running maximum at 0 instead of at the first element: a window of negative values
# reports 0 (and its gradient is lost).
import numpy as np


def max_pool2d(x, kernel_size, stride=None):
    out, _ = _pool(np.asarray(x), kernel_size, stride)
    return out


def max_pool2d_backward(grad_out, x, kernel_size, stride=None):
    x, grad_out = np.asarray(x), np.asarray(grad_out)
    _, where = _pool(x, kernel_size, stride)
    grad = np.zeros(x.shape, dtype=grad_out.dtype)
    for idx, (r, c) in where.items():
        if r >= 0:
            grad[idx[0], idx[1], r, c] += grad_out[idx]
    return grad


def _pool(x, kernel_size, stride):
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    if stride is None:
        stride = (kh, kw)
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    n, c, h, w = x.shape
    h_out, w_out = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((n, c, h_out, w_out), dtype=x.dtype)
    where = {}
    for i_n, i_c, i, j in np.ndindex(n, c, h_out, w_out):
        best, at = 0.0, (-1, -1)
        for u in range(kh):
            for v in range(kw):
                if x[i_n, i_c, i * sh + u, j * sw + v] > best:
                    best, at = x[i_n, i_c, i * sh + u, j * sw + v], (i * sh + u, j * sw + v)
        out[i_n, i_c, i, j] = best
        where[(i_n, i_c, i, j)] = at
    return out, where
