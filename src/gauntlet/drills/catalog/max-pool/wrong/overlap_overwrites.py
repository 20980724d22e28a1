# expect: wrong_answer
# Scatters the gradient with plain fancy-index assignment: when overlapping windows share an argmax, the
# later window's gradient overwrites the earlier one instead of adding to it.
import numpy as np


def _windows(x, kernel_size, stride):
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    if stride is None:
        stride = (kh, kw)
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    view = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
    return view.reshape(view.shape[:4] + (kh * kw,)), kw, sh, sw


def max_pool2d(x, kernel_size, stride=None):
    windows, _, _, _ = _windows(np.asarray(x), kernel_size, stride)
    return windows.max(axis=-1)


def max_pool2d_backward(grad_out, x, kernel_size, stride=None):
    x, grad_out = np.asarray(x), np.asarray(grad_out)
    windows, kw, sh, sw = _windows(x, kernel_size, stride)
    first = windows.argmax(axis=-1)
    n, c, h_out, w_out = first.shape
    rows = np.arange(h_out)[:, None] * sh + first // kw
    cols = np.arange(w_out)[None, :] * sw + first % kw
    grad = np.zeros(x.shape, dtype=grad_out.dtype)
    grad[np.arange(n)[:, None, None, None], np.arange(c)[None, :, None, None], rows, cols] = grad_out
    return grad
