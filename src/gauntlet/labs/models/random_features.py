"""Random-features regression: a fixed random ReLU layer, then least squares on its outputs.

``RandomReLUFeatures(p)`` maps ``X`` (n_samples, n_features) to (n_samples, p) features
``max(0, X W + b) / sqrt(p)`` with W ~ N(0, 1/n_features) and b ~ N(0, bias_scale^2) drawn once at
``fit``; dividing by sqrt(p) keeps the features' inner products on one scale whatever p is.
``ridge_svd(F, y, alphas)`` solves ridge regression for several penalties from one SVD of F; a
penalty of 0 gives the minimum-norm least-squares solution (F's pseudo-inverse applied to y), which
is what plain least squares returns when there are more features than rows.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import Transformer, check_array, check_n_features, make_rng, require


class RandomReLUFeatures(Transformer):
    """A random, untrained ReLU layer of ``n_features`` units (see the module docstring).

    Learned at ``fit`` (from the seed, not the data): ``weights_`` (n_features_in, n_features) and
    ``bias_`` (n_features,).
    """

    def __init__(self, n_features: int = 100, *, bias_scale: float = 0.5, random_state: int | None = None):
        self.n_features = n_features
        self.bias_scale = bias_scale
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> RandomReLUFeatures:
        require(self.n_features >= 1, "n_features must be >= 1")
        X = check_array(X)
        rng = make_rng(self.random_state)
        self.n_features_in_ = X.shape[1]
        self.weights_ = rng.standard_normal((X.shape[1], self.n_features)) / np.sqrt(X.shape[1])
        self.bias_ = self.bias_scale * rng.standard_normal(self.n_features)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_features) ReLU features, scaled by 1/sqrt(n_features)."""
        X = check_n_features(self, X)
        return np.maximum(X @ self.weights_ + self.bias_, 0.0) / np.sqrt(self.n_features)


def nonzero_singular_values(s: np.ndarray, shape: tuple[int, ...], rcond: float | None = None) -> np.ndarray:
    """Mask of the singular values ``s`` (largest first) of a matrix of ``shape`` that count as nonzero:
    above ``rcond`` times the largest (default: machine epsilon times the larger dimension, as
    numpy.linalg.lstsq). Their number is the matrix's numerical rank."""
    if len(s) == 0 or s[0] <= 0:
        return np.zeros(len(s), dtype=bool)
    return s > (np.finfo(np.float64).eps * max(shape) if rcond is None else rcond) * s[0]


def ridge_svd(F: np.ndarray, y: np.ndarray, alphas: np.ndarray, *,
              rcond: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients minimising ||y - F w||^2 + alpha ||w||^2 for each alpha, and F's singular values.

    With F = U diag(s) V^T, w(alpha) = V diag(s / (s^2 + alpha)) U^T y. For alpha = 0 the singular
    values below ``rcond`` times the largest are treated as zero (default: machine epsilon times the
    larger dimension, as numpy.linalg.lstsq), which gives the minimum-norm least-squares solution.
    Returns (coefficients (len(alphas), p), s).
    No intercept: centre y (or add a constant feature) first if one is needed.
    """
    F = check_array(F, "F")
    y = np.asarray(y, dtype=np.float64)
    require(y.shape == (len(F),), f"y must have shape ({len(F)},), got {y.shape}")
    alphas = np.asarray(alphas, dtype=np.float64)
    require(bool(np.all(alphas >= 0)), "alphas must be >= 0")
    U, s, Vt = np.linalg.svd(F, full_matrices=False)
    kept = nonzero_singular_values(s, F.shape, rcond)
    projected = U.T @ y
    coefficients = np.empty((len(alphas), F.shape[1]))
    for i, alpha in enumerate(alphas):
        if alpha > 0:
            gain = s / (s**2 + alpha)
        else:
            with np.errstate(divide="ignore"):
                gain = np.where(kept, 1.0 / s, 0.0)
        coefficients[i] = Vt.T @ (gain * projected)
    return coefficients, s
