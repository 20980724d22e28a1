# expect: wrong_answer
# Tracks the argmax with ">=" while scanning the window, so ties go to the LAST maximal element instead
# of the first (PyTorch keeps the first).
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
    n, c, _, _ = x.shape
    h_out, w_out = grad_out.shape[2:]
    grad = np.zeros(x.shape, dtype=grad_out.dtype)
    for i in range(h_out):
        for j in range(w_out):
            best = np.full((n, c), -np.inf)
            at_r, at_c = np.zeros((n, c), dtype=int), np.zeros((n, c), dtype=int)
            for u in range(kh):
                for v in range(kw):
                    value = x[:, :, i * sh + u, j * sw + v]
                    better = value >= best
                    best = np.where(better, value, best)
                    at_r, at_c = np.where(better, i * sh + u, at_r), np.where(better, j * sw + v, at_c)
            for a in range(n):
                for b in range(c):
                    grad[a, b, at_r[a, b], at_c[a, b]] += grad_out[a, b, i, j]
    return grad
