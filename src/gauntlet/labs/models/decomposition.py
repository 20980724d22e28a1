"""Principal component analysis by singular value decomposition.

Shapes: ``X`` (n_samples, n_features); ``components_`` (n_components, n_features), one unit-length
direction per row, ordered by decreasing variance; ``transform(X)`` (n_samples, n_components).
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import Transformer, check_array, check_n_features, require


class PCA(Transformer):
    """Project centred data onto the directions of largest variance.

    The centred data matrix is factorised as ``Xc = U S V^T``; the rows of ``V^T`` are the principal
    directions and ``S^2 / (n - 1)`` the variance along each (``explained_variance_``). The SVD of
    Xc avoids forming Xc^T Xc (which squares the condition number); only for tall data
    (n_samples >= 10 n_features) is the small Gram matrix diagonalised instead, for speed. Each
    direction's sign is fixed so that its largest-magnitude entry is positive (scikit-learn's
    convention), so the output is deterministic.

    ``n_components``: None keeps min(n_samples, n_features); an int keeps that many; a float in
    (0, 1) keeps the fewest components whose cumulative explained-variance ratio reaches it.
    ``whiten=True`` also divides each projected coordinate by its standard deviation.
    """

    def __init__(self, n_components: int | float | None = None, *, whiten: bool = False):
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> PCA:
        X = check_array(X)
        n, p = X.shape
        require(n >= 2, "PCA needs at least two samples")
        self.n_features_in_ = p
        self.mean_ = X.mean(axis=0)
        centred = X - self.mean_
        if n >= 10 * p:
            # tall data: the eigenvectors of the small (p, p) matrix Xc^T Xc are the right singular
            # vectors, its eigenvalues the squared singular values (scikit-learn's "covariance_eigh"
            # choice). Far cheaper than an SVD of Xc, at the cost of squaring the condition number:
            # directions with variance below ~1e-16 of the largest lose their relative precision.
            eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)
            S = np.sqrt(np.maximum(eigenvalues[::-1], 0.0))
            Vt = np.ascontiguousarray(eigenvectors[:, ::-1].T)
        else:
            _, S, Vt = np.linalg.svd(centred, full_matrices=False)
        # sign convention: the largest |entry| of every direction is positive
        signs = np.sign(Vt[np.arange(len(Vt)), np.argmax(np.abs(Vt), axis=1)])
        signs[signs == 0] = 1.0
        Vt *= signs[:, None]
        variance = S**2 / (n - 1)
        total = variance.sum()
        ratio = variance / total if total > 0 else np.zeros_like(variance)
        k = self._n_kept(ratio, len(S))
        self.n_components_ = k
        self.components_ = Vt[:k]
        self.singular_values_ = S[:k]
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        return self

    def _n_kept(self, ratio: np.ndarray, available: int) -> int:
        wanted = self.n_components
        if wanted is None:
            return available
        if isinstance(wanted, float) and 0 < wanted < 1:
            # fewest components with cumulative ratio >= wanted (the float sum may fall a hair short)
            return min(int(np.searchsorted(np.cumsum(ratio), wanted, side="right")) + 1, available)
        require(isinstance(wanted, (int, np.integer)) and 1 <= wanted <= available,
                f"n_components must be None, a fraction in (0, 1) or an int in [1, {available}]")
        return int(wanted)

    def transform(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_components) coordinates along the principal directions."""
        X = check_n_features(self, X)
        projected = (X - self.mean_) @ self.components_.T
        if self.whiten:
            projected /= np.sqrt(self.explained_variance_)
        return projected

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """(n_samples, n_features) reconstruction from coordinates; lossy when components were dropped."""
        Z = np.asarray(Z, dtype=np.float64)
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)
        return Z @ self.components_ + self.mean_
