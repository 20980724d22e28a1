# expect: wrong_answer
# im2col with mismatched flattening orders: each patch is flattened as (KH, KW, C) but the weights as
# (C, KH, KW), so with more than one input channel every weight multiplies the wrong input value.
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (wd + 2 * pw - kw) // sw + 1
    x_pad = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    cols = np.empty((n, h_out, w_out, kh * kw * c))
    for i in range(h_out):
        for j in range(w_out):
            patch = x_pad[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw]  # (N, C, KH, KW)
            cols[:, i, j] = patch.transpose(0, 2, 3, 1).reshape(n, kh * kw * c)
    out = (cols @ w.reshape(f, -1).T).transpose(0, 3, 1, 2)
    if b is not None:
        out = out + np.asarray(b)[None, :, None, None]
    return out
