# Slow but correct: Python loops over every image, channel, window and window element (scanning each window
# for its first maximum), instead of a sliding-window view with max/argmax over whole arrays.
import numpy as np


def _pair(value):
    if np.ndim(value) == 0:
        return int(value), int(value)
    return int(value[0]), int(value[1])


def _first_max(plane, top, left, kh, kw):
    best, where = None, None
    for u in range(kh):
        for v in range(kw):
            value = plane[top + u][left + v]
            if best is None or value > best:  # strict: the first maximum in row-major order wins ties
                best, where = value, (top + u, left + v)
    return best, where


def max_pool2d(x, kernel_size, stride=None):
    x = np.asarray(x)
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    n, c, h, w = x.shape
    h_out, w_out = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((n, c, h_out, w_out), dtype=x.dtype)
    for i_n in range(n):
        for i_c in range(c):
            plane = x[i_n, i_c].tolist()
            pooled = [[_first_max(plane, i * sh, j * sw, kh, kw)[0] for j in range(w_out)] for i in range(h_out)]
            out[i_n, i_c] = pooled
    return out


def max_pool2d_backward(grad_out, x, kernel_size, stride=None):
    x = np.asarray(x)
    grad_out = np.asarray(grad_out)
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    n, c, h, w = x.shape
    h_out, w_out = (h - kh) // sh + 1, (w - kw) // sw + 1
    grad_x = np.zeros(x.shape, dtype=grad_out.dtype)
    for i_n in range(n):
        for i_c in range(c):
            plane = x[i_n, i_c].tolist()
            upstream = grad_out[i_n, i_c].tolist()
            grad = [[0.0] * w for _ in range(h)]
            for i in range(h_out):
                for j in range(w_out):
                    _, (row, col) = _first_max(plane, i * sh, j * sw, kh, kw)
                    grad[row][col] += upstream[i][j]  # overlapping windows add up
            grad_x[i_n, i_c] = grad
    return grad_x
