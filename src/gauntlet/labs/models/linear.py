"""Linear regression four ways (normal equation, batch / stochastic / mini-batch gradient descent),
ridge (closed form) and lasso (coordinate descent).

Shapes: ``X`` (n_samples, n_features), ``y`` (n_samples,); learned ``coef_`` (n_features,) and
``intercept_`` (float), so ``predict(X) = X @ coef_ + intercept_`` in units of y.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.lib.stride_tricks import as_strided

from gauntlet.labs.models.base import Regressor, check_n_features, check_X_y, make_rng, require

SOLVERS = ("normal", "batch", "sgd", "minibatch")

# Per-sample SGD is computed SGD_BLOCK samples at a time (see _BlockedSGD); 16 was the fastest block
# size measured. Smaller blocks pay more Python overhead per sample, larger ones more block algebra
# (the Gram matrix and the triangular inverse grow with the block size).
SGD_BLOCK = 16
# Up to this many weights (features + intercept) each block is folded into one (d+1) x (d+1) map,
# so applying a block is a single matrix-vector product; wider than that, the map costs more to
# build than it saves and blocks apply their residuals instead.
SGD_MAP_MAX_COLUMNS = 32
# Beyond this many weights the block's Gram matrix (2 * SGD_BLOCK * d flops per sample) costs about
# what the per-sample loop's Python overhead does, so wider problems keep the loop.
SGD_BLOCKED_MAX_COLUMNS = 512
# Blocks are prepared a stretch at a time, in about this many float64 values of working memory
# (2 MiB): it bounds memory on large n, and a stretch that stays in cache is prepared faster than
# all the rows at once.
_SGD_CHUNK_VALUES = 1 << 18


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
    ``"sgd"`` is still one update per sample in the shuffled order, but the updates are computed
    a block of samples at a time with exact linear algebra (``_BlockedSGD``), so it runs at
    vectorised speed and gives the per-sample loop's weights up to floating-point rounding.

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
        if batch == 1:
            sgd_epoch = _per_sample_sgd(Xb, y)
        history: list[float] = []
        for epoch in range(self.n_epochs):
            rate = self.learning_rate / (1.0 + self.lr_decay * epoch)
            if batch == n:
                w -= rate * (2.0 / n) * (Xb.T @ (Xb @ w - y))
            elif batch == 1:
                w = sgd_epoch(w, rng.permutation(n), rate)
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


SGDEpoch = Callable[[np.ndarray, np.ndarray, float], np.ndarray]


def _per_sample_sgd(Xb: np.ndarray, y: np.ndarray) -> SGDEpoch:
    """The fastest exact way to run per-sample SGD epochs on this data: ``(w, order, rate) -> w``."""
    n, columns = Xb.shape
    # below two blocks of rows the set-up costs more than it saves
    if n < 2 * SGD_BLOCK or columns > SGD_BLOCKED_MAX_COLUMNS:
        return lambda w, order, rate: sgd_epoch_per_sample(Xb, y, w, order, rate)
    return _BlockedSGD(Xb, y).epoch


def sgd_epoch_per_sample(
    Xb: np.ndarray, y: np.ndarray, w: np.ndarray, order: np.ndarray, rate: float
) -> np.ndarray:
    """One SGD epoch the textbook way: for each row i in ``order``, ``w -= 2 rate (x_i.w - y_i) x_i``.

    Returns the new weights (``w`` is not modified); ``_BlockedSGD`` reproduces it.
    """
    w = w.copy()
    for i in order:
        x_i = Xb[i]
        w -= (rate * 2.0 * (x_i @ w - y[i])) * x_i
    return w


def _diagonal_blocks(a: np.ndarray, size: int) -> np.ndarray:
    """Writable view (k, B / size, size, size) of the size x size blocks on the diagonal of each
    B x B matrix in ``a`` (k, B, B), which must be C-contiguous in its last two axes."""
    step = a.itemsize
    side = a.shape[1]
    return as_strided(a, shape=(a.shape[0], side // size, size, size),
                      strides=(a.strides[0], size * (side + 1) * step, side * step, step))


class _BlockedSGD:
    """Per-sample SGD on the squared error, computed SGD_BLOCK samples at a time, exactly.

    Within a block of B consecutive samples (rows x_1..x_B of ``Xb``, targets y_1..y_B, weights
    w0 at the block start, eta = 2 * rate), sample i sees the weights left by samples 1..i-1:

        r_i = x_i.w_{i-1} - y_i = (x_i.w0 - y_i) - eta * sum_{j<i} (x_i.x_j) r_j,
        w_B = w0 - eta * sum_i r_i x_i.

    So the residuals solve (I + eta L) r = X w0 - y with L the strictly lower triangle of the
    block's Gram matrix X X^T; forward substitution of that system is exactly the per-sample loop.
    NumPy has no triangular solve, so each block's unit lower-triangular inverse
    Minv = (I + eta L)^-1 is built for all blocks at once by doubling: with
    M = [[M1, 0], [C, M2]], M^-1 = [[M1^-1, 0], [-M2^-1 C M1^-1, M2^-1]], from 4 x 4 diagonal
    blocks (closed form) up to B x B. That part does not depend on w, so it runs as a few batched
    matrix products per stretch of blocks; only the short walk from block to block is a Python loop.

    With ``E = [X | -y]`` and the augmented weights ``[w; 1]`` the block's effect is affine:
    ``[w_B; 1] = (I - eta [X | 0]^T Minv E) [w0; 1]``. For few weights that (d+1) x (d+1) map is
    formed per block and the walk is one matrix-vector product per block ("map" form); for more
    weights the walk computes ``w -= eta X^T (Minv (E [w; 1]))`` instead ("residual" form).

    Rows are gathered in the epoch's shuffled order and padded with zero rows to whole blocks:
    a zero row has zero residual and moves nothing, and adds zeros to the Gram matrix.
    If an epoch's result is not finite (the steps diverged and something overflowed), the epoch
    is replayed by ``sgd_epoch_per_sample`` so divergence shows exactly as the loop shows it.
    """

    def __init__(
        self, Xb: np.ndarray, y: np.ndarray, block: int = SGD_BLOCK, chunk_values: int = _SGD_CHUNK_VALUES
    ):
        require(block >= 4 and block & (block - 1) == 0, "block must be a power of two >= 4")
        n, d = Xb.shape
        m = d + 1
        self.Xb, self.y, self.block = Xb, y, block
        self.n_padded = -(-n // block) * block
        self.use_map = d <= SGD_MAP_MAX_COLUMNS
        self.augmented = np.zeros((self.n_padded, m))
        self.augmented[:n, :d] = Xb
        self.augmented[:n, d] = -y
        self.rows = np.arange(self.n_padded)  # the epoch's order, then the padding rows
        # float64 values per row of a stretch: E, G and Minv, then the form's own buffers
        values_per_row = m + 2 * block + (2 * m + m * m / block if self.use_map else d)
        k = int(max(1, min(self.n_padded // block, chunk_values // (block * values_per_row))))
        self.E = np.empty((k, block, m))
        self.X = self.E[..., :d]
        self.G = np.empty((k, block, block))  # -eta * X X^T per block
        self.Minv = np.zeros((k, block, block))
        # the unit diagonal and the zeros above it never change; every epoch rewrites the rest
        self.Minv.reshape(k, block * block)[:, :: block + 1] = 1.0
        self.G4, self.Minv4 = _diagonal_blocks(self.G, 4), _diagonal_blocks(self.Minv, 4)
        self.doublings = []
        size = 4
        while size < block:
            inverse, gram = _diagonal_blocks(self.Minv, 2 * size), _diagonal_blocks(self.G, 2 * size)
            lower_left = inverse[..., size:, :size]
            self.doublings.append((inverse[..., size:, size:], gram[..., size:, :size],
                                   inverse[..., :size, :size], lower_left, np.empty(lower_left.shape)))
            size *= 2
        if self.use_map:
            # -eta [X | 0]^T per block: its zero last row keeps the map's constant coordinate at 1
            self.XnT = np.empty((k, m, block))
            self.XnT_Minv = np.empty((k, m, block))
            self.maps = np.empty((k, m, m))
            self.map_diagonals = self.maps.reshape(k, m * m)[:, :: m + 1]
            self.map_list = list(self.maps)
        else:
            self.Xn = np.empty((k, block, d))  # -eta X per block
            self.residual_parts = list(zip(self.E, self.Minv, self.Xn, strict=True))

    def epoch(self, w: np.ndarray, order: np.ndarray, rate: float) -> np.ndarray:
        """Weights after one pass over the rows in ``order`` (``w`` is not modified)."""
        with np.errstate(all="ignore"):  # an overflow here is handled below, not reported twice
            new = self._blocked_epoch(w, order, rate)
        if np.all(np.isfinite(new)):
            return new
        return sgd_epoch_per_sample(self.Xb, self.y, w, order, rate)

    def _invert(self, k: int) -> None:
        """Minv[:k] = (I - strict_lower(G))^-1, i.e. (I + eta L)^-1, for the first k blocks."""
        g, inv = self.G4[:k], self.Minv4[:k]
        # 4 x 4 blocks in closed form: (I - A)^-1 = I + A + A^2 + A^3 for strictly lower A
        a10, a21, a32 = g[..., 1, 0], g[..., 2, 1], g[..., 3, 2]
        inv[..., 1, 0], inv[..., 2, 1], inv[..., 3, 2] = a10, a21, a32
        m20 = g[..., 2, 0] + a21 * a10
        inv[..., 2, 0] = m20
        inv[..., 3, 1] = g[..., 3, 1] + a32 * a21
        inv[..., 3, 0] = g[..., 3, 0] + g[..., 3, 1] * a10 + a32 * m20
        # then double: the lower-left quadrant of each 2s x 2s inverse is -Minv2 C Minv1 = Minv2 G21 Minv1
        for lower_inverse, gram, upper_inverse, out, scratch in self.doublings:
            np.matmul(lower_inverse[:k], gram[:k], out=scratch[:k])
            np.matmul(scratch[:k], upper_inverse[:k], out=out[:k])

    def _blocked_epoch(self, w: np.ndarray, order: np.ndarray, rate: float) -> np.ndarray:
        n, d = self.Xb.shape
        block, eta = self.block, 2.0 * rate
        self.rows[:n] = order
        w_aug = np.append(w, 1.0)
        chunk_rows = len(self.E) * block
        for start in range(0, self.n_padded, chunk_rows):
            k = min(chunk_rows, self.n_padded - start) // block
            E, X, G = self.E[:k], self.X[:k], self.G[:k]
            # mode="clip" lets take write straight into E; the default mode copies through a buffer
            rows = self.rows[start:start + k * block]
            np.take(self.augmented, rows, axis=0, out=E.reshape(k * block, d + 1), mode="clip")
            if self.use_map:
                XnT = self.XnT[:k]
                np.multiply(E.transpose(0, 2, 1), -eta, out=XnT)
                XnT[:, d, :] = 0.0
                np.matmul(X, XnT[:, :d, :], out=G)
                self._invert(k)
                np.matmul(XnT, self.Minv[:k], out=self.XnT_Minv[:k])
                np.matmul(self.XnT_Minv[:k], E, out=self.maps[:k])
                self.map_diagonals[:k] += 1.0
                for block_map in self.map_list[:k]:
                    w_aug = block_map.dot(w_aug)  # the method is measurably cheaper than np.dot or @
            else:
                Xn = self.Xn[:k]
                np.multiply(X, -eta, out=Xn)
                np.matmul(X, Xn.transpose(0, 2, 1), out=G)
                self._invert(k)
                weights = w_aug[:d]  # a view: the updates land in w_aug
                for E_b, Minv_b, Xn_b in self.residual_parts[:k]:
                    weights += Minv_b.dot(E_b.dot(w_aug)).dot(Xn_b)
        return w_aug[:d].copy()


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
