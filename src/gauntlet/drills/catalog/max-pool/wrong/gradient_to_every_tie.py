# expect: wrong_answer
# Builds the backward mask as (window == window max): when several elements tie for the maximum, each of
# them receives the full gradient, so the gradient's total grows.
import numpy as np


def _setup(kernel_size, stride):
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    if stride is None:
        stride = (kh, kw)
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    return kh, kw, sh, sw


def max_pool2d(x, kernel_size, stride=None):
    x = np.asarray(x)
    kh, kw, sh, sw = _setup(kernel_size, stride)
    n, c, h, w = x.shape
    h_out, w_out = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.empty((n, c, h_out, w_out), dtype=x.dtype)
    for i in range(h_out):
        for j in range(w_out):
            out[:, :, i, j] = x[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw].max(axis=(2, 3))
    return out


def max_pool2d_backward(grad_out, x, kernel_size, stride=None):
    x, grad_out = np.asarray(x), np.asarray(grad_out)
    kh, kw, sh, sw = _setup(kernel_size, stride)
    out = max_pool2d(x, kernel_size, stride)
    grad = np.zeros(x.shape, dtype=grad_out.dtype)
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            window = x[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw]
            mask = window == out[:, :, i, j][:, :, None, None]
            grad[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw] += mask * grad_out[:, :, i, j][:, :, None, None]
    return grad
