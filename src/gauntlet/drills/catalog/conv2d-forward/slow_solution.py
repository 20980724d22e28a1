# Slow but correct: a Python loop over every output position and every filter, each a patch-times-filter
# sum over the batch and channels, instead of one einsum over sliding windows.
import numpy as np


def _pair(value):
    if np.ndim(value) == 0:
        return int(value), int(value)
    return int(value[0]), int(value[1])


def conv2d(x, w, b=None, stride=1, padding=0):
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    n, c, h, width = x.shape
    f, _, kh, kw = w.shape
    padded = np.zeros((n, c, h + 2 * ph, width + 2 * pw))
    padded[:, :, ph:ph + h, pw:pw + width] = x
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (width + 2 * pw - kw) // sw + 1
    out = np.zeros((n, f, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            patch = padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]  # (N, C, KH, KW)
            for k in range(f):
                total = np.sum(patch * w[k], axis=(1, 2, 3))
                if b is not None:
                    total = total + float(b[k])
                out[:, k, i, j] = total
    return out
