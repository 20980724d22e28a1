"""The one contract every from-scratch model follows, and the input checks they share.

Shapes, everywhere in ``gauntlet.labs.models``:

- ``X``: ``(n_samples, n_features)`` float array, one row per example.
- ``y``: ``(n_samples,)``; real targets for regressors, class labels (any sortable values) for
  classifiers. ``classes_`` keeps the sorted distinct labels; probabilities are ordered like it.

Estimators are configured only through keyword arguments of ``__init__``, stored unchanged under
the same names (so ``get_params`` can read them back and ``clone`` can rebuild an unfitted copy).
Everything learned from data ends in an underscore (``coef_``, ``tree_``...) and exists only after
``fit``. Randomness comes from a ``random_state`` integer seed: the same seed gives the same model.
"""

from __future__ import annotations

import inspect
from typing import Any, Self, TypeVar

import numpy as np
from numpy.typing import NDArray

from gauntlet.errors import InputError


class ModelInputError(InputError, ValueError):
    """Bad data or hyper-parameter given to a model (wrong shape, NaN, unknown option...).

    Also a ``ValueError`` so code written against scikit-learn's conventions catches it.
    """


class NotFittedError(ModelInputError):
    """A model was asked to predict or transform before ``fit``."""


class ConvergenceWarning(UserWarning):
    """A fit stopped without reaching its optimum (as scikit-learn's warning of the same name).

    The result is still returned: it may be usable, but it is not the solution the model promises.
    """


class Estimator:
    """Base for every model: parameters in, ``fit(X, y) -> self``, ``get_params``/``set_params``."""

    def get_params(self) -> dict[str, Any]:
        """The constructor's keyword arguments and their current values."""
        names = [
            name
            for name, parameter in inspect.signature(type(self).__init__).parameters.items()
            if name != "self" and parameter.kind is not parameter.VAR_KEYWORD
        ]
        return {name: getattr(self, name) for name in names}

    def set_params(self, **params: Any) -> Self:
        valid = self.get_params()
        for name, value in params.items():
            if name not in valid:
                raise ModelInputError(
                    f"{type(self).__name__} has no parameter {name!r}; valid: {', '.join(sorted(valid))}"
                )
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"


class Regressor(Estimator):
    """An estimator of real targets; ``score`` is the coefficient of determination R^2."""

    def fit(self, X: np.ndarray, y: np.ndarray) -> Self:  # pragma: no cover - the subclasses' contract
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:  # pragma: no cover - the subclasses' contract
        raise NotImplementedError

    def score(self, X: np.ndarray, y: np.ndarray) -> float:
        """R^2 of ``predict(X)`` against ``y``: 1 is perfect, 0 is as good as predicting the mean."""
        from gauntlet.labs.models.metrics import r2_score

        return r2_score(y, self.predict(X))


class Classifier(Estimator):
    """An estimator of class labels; ``score`` is accuracy (fraction of labels predicted exactly)."""

    def fit(self, X: np.ndarray, y: np.ndarray) -> Self:  # pragma: no cover - the subclasses' contract
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:  # pragma: no cover - the subclasses' contract
        raise NotImplementedError

    def score(self, X: np.ndarray, y: np.ndarray) -> float:
        return float(np.mean(self.predict(X) == np.asarray(y)))


class Transformer(Estimator):
    """An estimator that maps ``X`` to a new representation: ``fit(X)`` then ``transform(X)``."""

    def transform(self, X: np.ndarray) -> np.ndarray:  # pragma: no cover - the subclasses' contract
        raise NotImplementedError

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> Self:  # pragma: no cover
        raise NotImplementedError

    def fit_transform(self, X: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        return self.fit(X, y).transform(X)


EstimatorT = TypeVar("EstimatorT", bound=Estimator)


def clone(estimator: EstimatorT) -> EstimatorT:
    """An unfitted estimator with the same parameters (what cross-validation fits on each fold)."""
    return type(estimator)(**estimator.get_params())


def check_array(X: Any, name: str = "X") -> NDArray[np.float64]:
    """``X`` as a finite float64 array of shape (n_samples, n_features); a 1-D input is refused."""
    array = np.asarray(X, dtype=np.float64)
    if array.ndim != 2:
        raise ModelInputError(
            f"{name} must be 2-D (n_samples, n_features), got shape {array.shape}; "
            "reshape a single feature with x.reshape(-1, 1)"
        )
    if array.shape[0] == 0:
        raise ModelInputError(f"{name} has no rows")
    if not np.isfinite(array).all():
        raise ModelInputError(f"{name} contains NaN or infinity; impute or drop those values first")
    return array


def check_X_y(X: Any, y: Any, *, y_numeric: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Validated ``X`` (n_samples, n_features) and 1-D ``y`` (n_samples,) with matching lengths."""
    X = check_array(X)
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    if y.ndim != 1:
        raise ModelInputError(f"y must be 1-D (n_samples,), got shape {y.shape}")
    if len(y) != len(X):
        raise ModelInputError(f"X has {len(X)} rows but y has {len(y)} values")
    if y_numeric:
        y = y.astype(np.float64)
        if not np.isfinite(y).all():
            raise ModelInputError("y contains NaN or infinity")
    return X, y


def check_n_features(estimator: Estimator, X: Any) -> np.ndarray:
    """Validate ``X`` at predict time: fitted model, same number of columns as in ``fit``."""
    if not hasattr(estimator, "n_features_in_"):
        raise NotFittedError(f"{type(estimator).__name__} is not fitted yet: call fit(X, y) first")
    X = check_array(X)
    if X.shape[1] != estimator.n_features_in_:
        raise ModelInputError(
            f"X has {X.shape[1]} features but {type(estimator).__name__} was fitted on "
            f"{estimator.n_features_in_}"
        )
    return X


def encode_labels(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct labels ``classes`` and ``codes`` with ``classes[codes] == y``."""
    classes, codes = np.unique(y, return_inverse=True)
    return classes, codes.reshape(-1)


def one_hot(codes: np.ndarray, n_classes: int) -> NDArray[np.float64]:
    """(n_samples, n_classes) indicator matrix of integer class codes."""
    out = np.zeros((len(codes), n_classes))
    out[np.arange(len(codes)), codes] = 1.0
    return out


def make_rng(random_state: int | np.random.Generator | None) -> np.random.Generator:
    """A NumPy generator from a seed (or a generator passed through, to share one stream)."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    return np.random.default_rng(random_state)


def require(condition: bool, message: str) -> None:
    """Raise ``ModelInputError(message)`` unless ``condition`` holds (hyper-parameter checks)."""
    if not condition:
        raise ModelInputError(message)
