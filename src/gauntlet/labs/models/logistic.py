"""Logistic regression (binary and multinomial softmax) by Newton's method or gradient descent.

Shapes: ``X`` (n_samples, n_features), ``y`` (n_samples,) labels. Learned: ``classes_``
(n_classes,), ``coef_`` (1, n_features) for two classes or (n_classes, n_features) for more,
``intercept_`` (1,) or (n_classes,), matching scikit-learn's attributes.
"""

from __future__ import annotations

import warnings

import numpy as np

from gauntlet.labs.models.base import (
    Classifier,
    ConvergenceWarning,
    check_n_features,
    check_X_y,
    encode_labels,
    one_hot,
    require,
)

SOLVERS = ("newton", "gd")


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)), computed without overflow for large |z|."""
    out = np.empty_like(z, dtype=np.float64)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    exp_z = np.exp(z[~positive])
    out[~positive] = exp_z / (1.0 + exp_z)
    return out


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of (n_samples, n_classes) scores; subtracting the row max avoids overflow."""
    shifted = z - z.max(axis=1, keepdims=True)
    exp_z = np.exp(shifted)
    return exp_z / exp_z.sum(axis=1, keepdims=True)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class LogisticRegression(Classifier):
    """Minimise ``C * sum_i cross_entropy_i + 0.5 ||W||^2`` (intercepts not penalised).

    That is scikit-learn's convention: ``C`` is an inverse regularisation strength, multiplying the
    *summed* (not averaged) log loss; ``C=inf`` means no penalty. Two classes use the sigmoid
    (one weight vector); more use the softmax over one weight vector per class. With softmax the
    intercepts are only defined up to a shared constant: they are returned summing to zero.

    ``solver``:

    - ``"newton"``: Newton's method (iteratively reweighted least squares) with a backtracking
      line search. Quadratic convergence, a few iterations; each costs a Hessian solve of size
      (n_features + 1) * n_classes, fine for the tens of features labs use.
    - ``"gd"``: full-batch gradient descent on the objective divided by ``C * n`` (the mean log
      loss plus ``||W||^2 / (2 C n)``) with step ``learning_rate``.

    Stops when the largest gradient entry of that averaged objective is below ``tol``, or after
    ``max_iter`` iterations (``n_iter_``). ``loss_history_`` holds the averaged objective per
    iteration.

    A ``ConvergenceWarning`` says when the result is not the promised optimum: ``max_iter`` ran out
    first, or ``C=inf`` on training data the fitted model classifies perfectly (linearly separable
    classes), where the unpenalised loss has no minimum: it keeps falling as the weights grow, so
    the weights returned are only as large as the iterations made them. Use a finite C.
    """

    def __init__(
        self,
        C: float = 1.0,
        *,
        fit_intercept: bool = True,
        solver: str = "newton",
        max_iter: int = 100,
        tol: float = 1e-8,
        learning_rate: float = 0.1,
    ):
        self.C = C
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol
        self.learning_rate = learning_rate

    # --- the objective, on the flattened parameters ---------------------------------------------
    def _unpack(self, theta: np.ndarray, p: int, k: int) -> tuple[np.ndarray, np.ndarray]:
        W = theta.reshape(p + int(self.fit_intercept), k)
        return W[:p], (W[p] if self.fit_intercept else np.zeros(k))

    def _objective(self, theta: np.ndarray, X: np.ndarray, Y: np.ndarray,
                   share: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """Averaged objective, its gradient and the class probabilities at ``theta``.

        ``share`` (n,) is each sample's weight over the total weight (1/n each without weights).
        """
        n, p = X.shape
        k = Y.shape[1]
        W, b = self._unpack(theta, p, k)
        scores = X @ W + b
        penalty_scale = self._penalty_scale()
        if k == 1:
            # binary: log(1 + exp(z)) - y z, written to stay finite for large |z|
            z = scores[:, 0]
            data_loss = float(share @ (np.logaddexp(0.0, z) - Y[:, 0] * z))
            probabilities = sigmoid(z)[:, None]
        else:
            log_p = _log_softmax(scores)
            data_loss = float(-(share @ np.sum(Y * log_p, axis=1)))
            probabilities = np.exp(log_p)
        error = (probabilities - Y) * share[:, None]
        grad_W = X.T @ error + penalty_scale * W
        loss = data_loss + 0.5 * penalty_scale * float(np.sum(W * W))
        grads = [grad_W]
        if self.fit_intercept:
            grads.append(error.sum(axis=0)[None, :])
        return loss, np.vstack(grads).ravel(), probabilities

    def _penalty_scale(self) -> float:
        """1 / (C * total weight): the objective is divided by C * total weight to average it."""
        return 0.0 if np.isinf(self.C) else 1.0 / (self.C * self._total_weight)

    def _hessian(self, X1: np.ndarray, probabilities: np.ndarray, p: int, share: np.ndarray) -> np.ndarray:
        """Hessian of the averaged objective w.r.t. the flattened (p [+1], k) parameters."""
        n = len(X1)
        k = probabilities.shape[1]
        penalty_scale = self._penalty_scale()
        if k == 1:
            s = probabilities[:, 0] * (1 - probabilities[:, 0]) * share
            H = (X1.T * s) @ X1
        else:
            # d^2 / dW_a dW_c of mean cross-entropy = X^T diag(p_a (delta_ac - p_c)) X / n:
            # a block diagonal of X^T diag(p_a) X minus (X * p)^T (X * p), one product for all pairs
            d = X1.shape[1]
            root = np.sqrt(share)[:, None, None]
            scaled = (X1[:, :, None] * probabilities[:, None, :] * root).reshape(n, d * k)  # column (j, a)
            H = -(scaled.T @ scaled)
            H4 = H.reshape(d, k, d, k)
            weighted_X = X1 * np.sqrt(share)[:, None]
            for a in range(k):
                H4[:, a, :, a] += scaled[:, a::k].T @ weighted_X
        penalised = np.zeros(H.shape[0])
        penalised.reshape(X1.shape[1], k)[:p] = penalty_scale
        H[np.diag_indices_from(H)] += penalised
        return H

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> LogisticRegression:
        """Fit on ``X`` (n, p) and labels ``y`` (n,); ``sample_weight`` (n,) >= 0 counts each row's loss
        that many times (C multiplies the weighted sum, as in scikit-learn)."""
        require(self.solver in SOLVERS, f"solver must be one of {SOLVERS}, got {self.solver!r}")
        require(self.C > 0, "C must be > 0 (use C=float('inf') for no penalty)")
        X, y = check_X_y(X, y)
        self.classes_, codes = encode_labels(y)
        require(len(self.classes_) >= 2, "logistic regression needs at least two classes in y")
        n, p = X.shape
        self.n_features_in_ = p
        weights = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        require(weights.shape == (n,) and bool(np.all(weights >= 0)) and weights.sum() > 0,
                f"sample_weight must be {n} non-negative numbers, not all zero")
        self._total_weight = float(weights.sum())
        share = weights / self._total_weight
        Y = codes[:, None].astype(np.float64) if len(self.classes_) == 2 else one_hot(codes, len(self.classes_))
        k = Y.shape[1]
        X1 = np.column_stack([X, np.ones(n)]) if self.fit_intercept else X
        theta = np.zeros(X1.shape[1] * k)
        history: list[float] = []
        iteration = 0
        converged = False
        for iteration in range(1, self.max_iter + 1):
            loss, grad, probabilities = self._objective(theta, X, Y, share)
            history.append(loss)
            if np.max(np.abs(grad)) < self.tol:
                iteration -= 1
                converged = True
                break
            if self.solver == "gd":
                theta = theta - self.learning_rate * grad
                continue
            H = self._hessian(X1, probabilities, p, share)
            # lstsq: the softmax intercepts have a flat direction (adding one constant to all);
            # the minimum-norm step never moves along it, so they keep summing to zero
            step = np.linalg.lstsq(H, grad, rcond=None)[0] if k > 1 else np.linalg.solve(H, grad)
            size = 1.0
            while size > 1e-10:
                candidate = theta - size * step
                if self._objective(candidate, X, Y, share)[0] <= loss + 1e-4 * size * float(grad @ -step):
                    break
                size /= 2
            theta = candidate
        self.n_iter_ = iteration
        self.loss_history_ = np.asarray(history)
        W, b = self._unpack(theta, p, k)
        self.coef_ = W.T.copy()
        self.intercept_ = np.atleast_1d(np.asarray(b, dtype=np.float64)).copy()
        if not converged:
            warnings.warn(f"logistic regression did not converge in max_iter={self.max_iter} iterations (largest "
                          f"gradient entry {np.max(np.abs(grad)):.2g} > tol={self.tol:g}); raise max_iter, or scale "
                          f"the features", ConvergenceWarning, stacklevel=2)
        if np.isinf(self.C) and np.all(self.predict(X)[weights > 0] == y[weights > 0]):
            warnings.warn(f"C=inf on linearly separable classes: the unpenalised log loss has no minimum (it keeps "
                          f"falling as the weights grow), so these weights (norm {np.linalg.norm(W):.3g}) are only "
                          f"as large as {iteration} iterations made them; use a finite C", ConvergenceWarning,
                          stacklevel=2)
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Scores ``X @ coef_.T + intercept_``: (n_samples,) log-odds for binary, else (n_samples, n_classes)."""
        X = check_n_features(self, X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_classes) class probabilities, columns ordered like ``classes_``."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            positive = sigmoid(scores)
            return np.column_stack([1 - positive, positive])
        return softmax(scores)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n_samples,) most probable class label."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
