# Slow but correct: ties are grouped with a Python dict over every point and the fitted values are
# looked up point by point in Python, instead of np.unique, np.bincount and fancy indexing.
import numpy as np


def isotonic_fit(x, y, sample_weight=None):
    xs = [float(v) for v in x]
    ys = [float(v) for v in y]
    ws = [1.0] * len(xs) if sample_weight is None else [float(v) for v in sample_weight]
    weighted_sum = {}
    weight_sum = {}
    for xi, yi, wi in zip(xs, ys, ws):
        weighted_sum[xi] = weighted_sum.get(xi, 0.0) + wi * yi
        weight_sum[xi] = weight_sum.get(xi, 0.0) + wi

    blocks = []  # each block: [weighted mean, total weight, the x values it covers]
    for xi in sorted(weight_sum):
        blocks.append([weighted_sum[xi] / weight_sum[xi], weight_sum[xi], [xi]])
        while len(blocks) > 1 and blocks[-1][0] < blocks[-2][0]:  # a violator: pool it with the block below
            top = blocks.pop()
            below = blocks[-1]
            total = below[1] + top[1]
            below[0] = (below[0] * below[1] + top[0] * top[1]) / total
            below[1] = total
            below[2].extend(top[2])
    fitted = {}
    for mean, _, covered in blocks:
        for xi in covered:
            fitted[xi] = mean
    return np.array([fitted[xi] for xi in xs], dtype=np.float64)
