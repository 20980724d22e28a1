"""Linear regression four ways (normal equation, batch / stochastic / mini-batch gradient descent),
ridge (closed form) and lasso (coordinate descent).

Shapes: ``X`` (n_samples, n_features), ``y`` (n_samples,); learned ``coef_`` (n_features,) and
``intercept_`` (float), so ``predict(X) = X @ coef_ + intercept_`` in units of y.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import Regressor, check_n_features, check_X_y, make_rng, require

SOLVERS = ("normal", "batch", "sgd", "minibatch")


class _LinearPredictor(Regressor):
    coef_: np.ndarray
    intercept_: float

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n_samples,) predictions ``X @ coef_ + intercept_``."""
        X = check_n_features(self, X)
        return X @ self.coef_ + self.intercept_


def _center(X: np.ndarray, y: np.ndarray, fit_intercept: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Centre X and y so the intercept drops out of a penalised fit (it is never penalised)."""
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_mean, y_mean = X.mean(axis=0), float(y.mean())
    return X - x_mean, y - y_mean, x_mean, y_mean


class LinearRegression(_LinearPredictor):
    """Ordinary least squares: minimise the mean squared error ``(1/n) ||y - X w - b||^2``.

    ``solver``:

    - ``"normal"``: the closed form ``w = (X^T X)^+ X^T y`` (via a least-squares solve, so a
      rank-deficient X gives the minimum-norm solution, as scikit-learn's LinearRegression).
    - ``"batch"``: gradient descent on the whole training set each step (one step per epoch).
    - ``"sgd"``: one sample per step, samples reshuffled every epoch.
    - ``"minibatch"``: ``batch_size`` samples per step, reshuffled every epoch.

    Gradient steps use ``grad = (2/m) X_b^T (X_b w - y_b)`` on a batch of m samples, with the
    learning rate ``learning_rate / (1 + lr_decay * epoch)``. A constant rate makes SGD hover
    around the optimum with a spread proportional to the rate; decay lets it settle.
    Features on very different scales slow gradient descent down: standardise them first.
    ``"sgd"`` is the textbook loop (``sgd_epoch_per_sample``): one update per sample, each using
    the weights the previous one left, so the updates cannot be merged into one matrix product.
    In Python every one of them also pays interpreter overhead, which is why this solver is many
    times slower per epoch than the others (and than scikit-learn's compiled SGDRegressor).

    After a gradient fit, ``loss_history_`` (n_epochs_run,) holds the training MSE after each
    epoch; ``n_epochs_`` is the number of epochs run (training stops early once the MSE improves
    by less than ``tol`` between epochs, when ``tol > 0``).
    """

    def __init__(
        self,
        *,
        solver: str = "normal",
        fit_intercept: bool = True,
        learning_rate: float = 0.01,
        lr_decay: float = 0.0,
        n_epochs: int = 100,
        batch_size: int = 32,
        tol: float = 0.0,
        random_state: int | None = None,
    ):
        self.solver = solver
        self.fit_intercept = fit_intercept
        self.learning_rate = learning_rate
        self.lr_decay = lr_decay
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.tol = tol
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray) -> LinearRegression:
        require(self.solver in SOLVERS, f"solver must be one of {SOLVERS}, got {self.solver!r}")
        X, y = check_X_y(X, y, y_numeric=True)
        self.n_features_in_ = X.shape[1]
        if self.solver == "normal":
            Xc, yc, x_mean, y_mean = _center(X, y, self.fit_intercept)
            # lstsq (SVD) rather than inverting X^T X: squaring X squares its condition number
            self.coef_ = np.linalg.lstsq(Xc, yc, rcond=None)[0]
            self.intercept_ = y_mean - float(x_mean @ self.coef_)
            self.loss_history_ = np.array([])
            self.n_epochs_ = 0
            return self
        self._fit_gradient_descent(X, y)
        return self

    def _fit_gradient_descent(self, X: np.ndarray, y: np.ndarray) -> None:
        require(self.learning_rate > 0, "learning_rate must be > 0")
        require(self.n_epochs >= 1, "n_epochs must be >= 1")
        n = len(X)
        batch = {"batch": n, "sgd": 1, "minibatch": max(1, min(self.batch_size, n))}[self.solver]
        # the intercept is the weight of a constant-1 column, learnt by the same updates
        Xb = np.column_stack([X, np.ones(n)]) if self.fit_intercept else X
        w = np.zeros(Xb.shape[1])
        rng = make_rng(self.random_state)
        history: list[float] = []
        for epoch in range(self.n_epochs):
            rate = self.learning_rate / (1.0 + self.lr_decay * epoch)
            if batch == n:
                w -= rate * (2.0 / n) * (Xb.T @ (Xb @ w - y))
            elif batch == 1:
                w = sgd_epoch_per_sample(Xb, y, w, rng.permutation(n), rate)
            else:
                # shuffle once per epoch, then every mini-batch is a contiguous slice (no copying)
                order = rng.permutation(n)
                X_epoch, y_epoch = Xb[order], y[order]
                for start in range(0, n, batch):
                    Xm, ym = X_epoch[start:start + batch], y_epoch[start:start + batch]
                    w -= (rate * 2.0 / len(ym)) * (Xm.T @ (Xm @ w - ym))
            loss = float(np.mean((Xb @ w - y) ** 2))
            if not np.isfinite(loss):
                # diverged: keep the history that shows it, stop before overflow spreads
                history.append(loss)
                break
            history.append(loss)
            if self.tol > 0 and len(history) > 1 and history[-2] - loss < self.tol:
                break
        self.coef_ = w[: X.shape[1]].copy()
        self.intercept_ = float(w[-1]) if self.fit_intercept else 0.0
        self.loss_history_ = np.asarray(history)
        self.n_epochs_ = len(history)


def sgd_epoch_per_sample(
    Xb: np.ndarray, y: np.ndarray, w: np.ndarray, order: np.ndarray, rate: float
) -> np.ndarray:
    """One SGD epoch the textbook way: for each row i in ``order``, ``w -= 2 rate (x_i.w - y_i) x_i``.

    Returns the new weights (``w`` is not modified).
    """
    w = w.copy()
    for i in order:
        x_i = Xb[i]
        w -= (rate * 2.0 * (x_i @ w - y[i])) * x_i
    return w


class Ridge(_LinearPredictor):
    """L2-penalised least squares: minimise ``||y - X w - b||^2 + alpha ||w||^2``.

    Same objective and ``alpha`` scale as scikit-learn's Ridge (a sum of squares, not a mean).
    Solved exactly: ``w = (Xc^T Xc + alpha I)^-1 Xc^T yc`` on centred data, so the intercept ``b``
    is not shrunk. ``alpha > 0`` makes the system well-posed even when features are collinear.
    """

    def __init__(self, alpha: float = 1.0, *, fit_intercept: bool = True):
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def fit(self, X: np.ndarray, y: np.ndarray) -> Ridge:
        require(self.alpha >= 0, "alpha must be >= 0")
        X, y = check_X_y(X, y, y_numeric=True)
        self.n_features_in_ = X.shape[1]
        Xc, yc, x_mean, y_mean = _center(X, y, self.fit_intercept)
        gram = Xc.T @ Xc
        gram[np.diag_indices_from(gram)] += self.alpha
        if self.alpha > 0:
            self.coef_ = np.linalg.solve(gram, Xc.T @ yc)  # positive definite: a unique solution
        else:
            self.coef_ = np.linalg.lstsq(gram, Xc.T @ yc, rcond=None)[0]  # alpha=0 is OLS, maybe singular
        self.intercept_ = y_mean - float(x_mean @ self.coef_)
        return self


def soft_threshold(value: float, threshold: float) -> float:
    """sign(value) * max(|value| - threshold, 0): the proximal step of the L1 norm."""
    if value > threshold:
        return value - threshold
    if value < -threshold:
        return value + threshold
    return 0.0


class Lasso(_LinearPredictor):
    """L1-penalised least squares by cyclic coordinate descent.

    Minimises ``(1 / (2 n)) ||y - X w - b||^2 + alpha ||w||_1``: scikit-learn's Lasso objective
    and ``alpha`` scale, so the same alpha gives the same coefficients. Each coordinate update is
    exact: ``w_j = S(rho_j, n alpha) / ||x_j||^2`` with ``rho_j = x_j^T (residual without j)`` and
    S the soft threshold. That is what sets coefficients exactly to zero (feature selection).

    The updates use the Gram matrix ``Xc^T Xc`` (n_features^2 memory), so one sweep costs
    O(n_features^2) whatever n_samples. Stops when a full sweep changes no coefficient by more
    than ``tol`` times the largest coefficient, or after ``max_iter`` sweeps (``n_iter_``).
    """

    def __init__(self, alpha: float = 1.0, *, fit_intercept: bool = True, max_iter: int = 1000, tol: float = 1e-4):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X: np.ndarray, y: np.ndarray) -> Lasso:
        require(self.alpha >= 0, "alpha must be >= 0")
        X, y = check_X_y(X, y, y_numeric=True)
        n, p = X.shape
        self.n_features_in_ = p
        Xc, yc, x_mean, y_mean = _center(X, y, self.fit_intercept)
        gram = Xc.T @ Xc
        xty = Xc.T @ yc
        squared_norms = np.diag(gram).copy()
        threshold = self.alpha * n
        w = np.zeros(p)
        gram_w = np.zeros(p)  # gram @ w, kept up to date so a coordinate update costs O(p)
        sweeps = 0
        for _ in range(self.max_iter):
            sweeps += 1
            largest_step = 0.0
            for j in range(p):
                if squared_norms[j] == 0.0:
                    continue  # a constant column carries no information after centring
                old = w[j]
                rho = xty[j] - gram_w[j] + squared_norms[j] * old
                new = soft_threshold(rho, threshold) / squared_norms[j]
                if new != old:
                    w[j] = new
                    gram_w += (new - old) * gram[:, j]
                    largest_step = max(largest_step, abs(new - old))
            if largest_step <= self.tol * max(float(np.max(np.abs(w))), 1e-300):
                break
        self.coef_ = w
        self.intercept_ = y_mean - float(x_mean @ w)
        self.n_iter_ = sweeps
        return self
