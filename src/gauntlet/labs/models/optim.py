"""First-order optimisers as plain update rules: gradient descent, heavy-ball momentum, Adam.

Each optimiser updates an array of parameters in place from its gradient, one ``step`` at a time,
and keeps its own state (velocity, moment estimates, step count). ``learning_rate`` (and
``momentum``) may be a scalar or an array that broadcasts against the parameters, so one optimiser
can advance many independent runs at once: parameters of shape (n_runs, n_params) with a learning
rate of shape (n_runs, 1) give every run its own rate.

The update rules are scikit-learn's (``sklearn.neural_network._stochastic_optimizers``), which
``tests/labs/test_models_reference.py`` checks step for step:

- gradient descent: ``w -= lr * g``;
- heavy ball (Polyak): ``v = momentum * v - lr * g; w += v``;
- Adam (Kingma & Ba): ``m = b1 m + (1 - b1) g``, ``v = b2 v + (1 - b2) g^2``, then
  ``w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)``: the bias corrections folded into
  the step size, the form of the paper's section 2 (eps then acts on the uncorrected sqrt(v)).
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import require


class GradientDescent:
    """Plain gradient descent with a fixed step: ``w -= learning_rate * g``."""

    def __init__(self, learning_rate: float | np.ndarray):
        require(bool(np.all(np.asarray(learning_rate) > 0)), "learning_rate must be > 0")
        self.learning_rate = learning_rate

    def step(self, params: np.ndarray, grad: np.ndarray) -> None:
        params -= self.learning_rate * grad


class Momentum:
    """Heavy-ball momentum: a velocity that decays by ``momentum`` each step and is pushed by the gradient.

    ``momentum = 0`` is plain gradient descent. The velocity starts at zero.
    """

    def __init__(self, learning_rate: float | np.ndarray, momentum: float | np.ndarray = 0.9):
        require(bool(np.all(np.asarray(learning_rate) > 0)), "learning_rate must be > 0")
        require(bool(np.all((np.asarray(momentum) >= 0) & (np.asarray(momentum) < 1))), "momentum must be in [0, 1)")
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity: np.ndarray | None = None

    def step(self, params: np.ndarray, grad: np.ndarray) -> None:
        if self.velocity is None:
            self.velocity = np.zeros_like(params)
        self.velocity = self.momentum * self.velocity - self.learning_rate * grad
        params += self.velocity


class Adam:
    """Adam: momentum on the gradient, each coordinate's step divided by the root of its mean squared gradient.

    The division makes every coordinate move about ``learning_rate`` per step whatever its gradient's
    scale: a per-coordinate (diagonal) rescaling. The moment estimates start at zero; the bias
    correction undoes that.
    """

    def __init__(self, learning_rate: float | np.ndarray = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8):
        require(bool(np.all(np.asarray(learning_rate) > 0)), "learning_rate must be > 0")
        require(0 <= beta1 < 1 and 0 <= beta2 < 1, "beta1 and beta2 must be in [0, 1)")
        self.learning_rate = learning_rate
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t = 0
        self.first: np.ndarray | None = None
        self.second: np.ndarray | None = None

    def step(self, params: np.ndarray, grad: np.ndarray) -> None:
        if self.first is None or self.second is None:
            self.first, self.second = np.zeros_like(params), np.zeros_like(params)
        self.t += 1
        self.first = self.beta1 * self.first + (1 - self.beta1) * grad
        self.second = self.beta2 * self.second + (1 - self.beta2) * grad * grad
        rate = self.learning_rate * np.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
        params -= rate * self.first / (np.sqrt(self.second) + self.eps)
