"""A multi-layer perceptron trained by backpropagation, with the knobs the labs turn.

Shapes: ``X`` (n_samples, n_features); ``y`` (n_samples,) class labels. Layer ``l`` maps
(n, width_l) to (n, width_{l+1}) with ``weights_[l]`` (width_l, width_{l+1}) and ``biases_[l]``
(width_{l+1},). (There is no MLP regressor: no lab trains one; the network code is the same up to
the output layer, a linear output with half the mean squared error.)

Loss per mini-batch of m samples (what the gradients are of):

- mean softmax cross-entropy in nats (two classes use two softmax outputs);
- plus ``(weight_decay / 2) * sum ||W_l||^2`` over weight matrices (biases and batch-norm
  scale/shift are not decayed), except with ``optimizer="adamw"``, where weight decay is not part
  of the loss but a separate shrinking step (decoupled weight decay).

Records made while training (labs plot them):

- ``train_loss_history_`` (n_epochs_run,): mean of the mini-batch data losses over each epoch,
  in training mode (dropout on), penalty excluded, so it is comparable with
- ``val_loss_history_`` (n_epochs_run,): data loss on the validation set in inference mode
  (dropout off, batch norm with running statistics); empty without validation data;
- ``val_score_history_``: accuracy on the validation set;
- ``grad_norm_history_`` (n_steps, n_layers): L2 norm of dLoss/dW_l for every layer at every
  optimisation step, before clipping (so clipping does not hide the explosion it caps).
"""

from __future__ import annotations

from typing import Any, Self

import numpy as np

from gauntlet.labs.models.base import (
    Classifier,
    Estimator,
    ModelInputError,
    NotFittedError,
    check_array,
    encode_labels,
    make_rng,
    one_hot,
    require,
)

ACTIVATIONS = ("relu", "tanh", "sigmoid")
INITS = ("he", "xavier", "normal")
OPTIMIZERS = ("sgd", "adam", "adamw")
BN_EPS = 1e-5
BN_MOMENTUM = 0.9  # running statistic = 0.9 * running + 0.1 * batch (variance: unbiased, see _MLP.__init__)


def _activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "tanh":
        return np.tanh(z)
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # the sigmoid, without overflow for large |z|


def _activation_slope(name: str, z: np.ndarray, h: np.ndarray) -> np.ndarray:
    """d activation / d z, from the input z or the output h, whichever is cheaper."""
    if name == "relu":
        return (z > 0).astype(z.dtype)
    if name == "tanh":
        return 1.0 - h * h
    return h * (1.0 - h)  # sigmoid'(z) <= 1/4: why deep sigmoid nets' gradients vanish


class _MLP(Estimator):
    """Shared network, training loop and records; see the module docstring for the contract."""

    train_loss_history_: list[float]
    val_loss_history_: list[float]
    val_score_history_: list[float]

    def __init__(
        self,
        hidden_layer_sizes: tuple[int, ...] = (64,),
        *,
        activation: str = "relu",
        init: str = "he",
        init_scale: float = 0.01,
        batch_norm: bool = False,
        dropout: float = 0.0,
        weight_decay: float = 0.0,
        clip_norm: float | None = None,
        optimizer: str = "adam",
        learning_rate: float = 0.001,
        momentum: float = 0.9,
        batch_size: int = 32,
        n_epochs: int = 100,
        validation_fraction: float = 0.0,
        patience: int | None = None,
        shuffle: bool = True,
        warm_start: bool = False,
        random_state: int | None = None,
    ):
        """
        hidden_layer_sizes: width of each hidden layer; depth = its length (``()`` is a linear model).
        activation: hidden-layer non-linearity, one of "relu", "tanh", "sigmoid".
        init: "he" N(0, 2/fan_in) (suits ReLU), "xavier" U(+-sqrt(6/(fan_in+fan_out))) (suits
            tanh/sigmoid), "normal" N(0, init_scale^2) (small fixed scale: the naive choice).
        batch_norm: normalise each hidden pre-activation over the mini-batch, then scale/shift
            (learned gamma, beta). Training normalises with the batch's biased variance (divide by
            m); inference uses running means and variances, the variance kept with the unbiased
            m/(m-1) correction because it estimates the population variance (the convention of
            the batch-norm paper, Ioffe & Szegedy 2015, Algorithm 2, and of PyTorch).
        dropout: probability of zeroing each hidden unit in training (inverted dropout: kept units
            are scaled by 1/(1-p) so inference needs no rescaling).
        weight_decay: with "sgd" and "adam", the L2 coefficient lambda in ``(lambda/2) sum ||W||^2``
            added to each batch loss, so its gradient lambda W joins the data gradient (inside Adam it
            is then divided by the adaptive denominator like any gradient: "coupled" L2). With
            "adamw", the decoupled decay of Loshchilov & Hutter: each step first shrinks every weight
            matrix by ``W -= learning_rate * lambda * W``, then takes the Adam step on the data
            gradient alone (PyTorch's AdamW; the decay is not part of the loss).
        clip_norm: if set, rescale all gradients together when their global L2 norm exceeds it.
        optimizer: "sgd" (with ``momentum``, 0 for plain SGD), "adam" (beta1 0.9, beta2 0.999), or
            "adamw" (Adam with decoupled weight decay).
        batch_size: samples per step (clipped to n_samples; set >= n_samples for full batch).
        n_epochs: passes over the training data.
        validation_fraction: share of the training data held out for the validation records when
            ``fit`` gets no ``X_val``/``y_val`` (0 = no validation).
        patience: with validation data, stop after this many epochs without a better validation
            loss and restore the best weights (early stopping); None trains all epochs.
        warm_start: a second ``fit`` continues from the current weights and extends the records.
        """
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.init = init
        self.init_scale = init_scale
        self.batch_norm = batch_norm
        self.dropout = dropout
        self.weight_decay = weight_decay
        self.clip_norm = clip_norm
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.batch_size = batch_size
        self.n_epochs = n_epochs
        self.validation_fraction = validation_fraction
        self.patience = patience
        self.shuffle = shuffle
        self.warm_start = warm_start
        self.random_state = random_state

    # --- subclass hooks -------------------------------------------------------------------------
    def _targets(self, y: np.ndarray, fitting: bool) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def _output_and_delta(self, out: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:  # pragma: no cover
        raise NotImplementedError

    def _data_loss(self, out: np.ndarray, Y: np.ndarray) -> float:
        return self._output_and_delta(out, Y)[0]

    def _quality(self, out: np.ndarray, Y: np.ndarray) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def _l2(self) -> float:
        """The L2 coefficient inside the loss: weight_decay, except under AdamW's decoupled decay."""
        return 0.0 if self.optimizer == "adamw" else self.weight_decay

    # --- parameters -----------------------------------------------------------------------------
    def _check_params(self) -> None:
        require(self.activation in ACTIVATIONS, f"activation must be one of {ACTIVATIONS}")
        require(self.init in INITS, f"init must be one of {INITS}")
        require(self.optimizer in OPTIMIZERS, f"optimizer must be one of {OPTIMIZERS}")
        require(all(int(w) >= 1 for w in self.hidden_layer_sizes), "hidden layer widths must be >= 1")
        require(0.0 <= self.dropout < 1.0, "dropout must be in [0, 1)")
        require(self.learning_rate > 0, "learning_rate must be > 0")
        require(self.weight_decay >= 0, "weight_decay must be >= 0")
        require(self.clip_norm is None or self.clip_norm > 0, "clip_norm must be > 0 or None")
        require(self.batch_size >= 1 and self.n_epochs >= 0, "batch_size must be >= 1 and n_epochs >= 0")
        require(0.0 <= self.validation_fraction < 1.0, "validation_fraction must be in [0, 1)")

    def initialize(self, n_features: int, n_outputs: int) -> None:
        """Draw fresh weights for a network of the configured shape (``fit`` calls this)."""
        rng = make_rng(self.random_state)
        widths = [n_features, *[int(w) for w in self.hidden_layer_sizes], n_outputs]
        self.weights_, self.biases_ = [], []
        for fan_in, fan_out in zip(widths[:-1], widths[1:], strict=True):
            if self.init == "he":
                W = rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
            elif self.init == "xavier":
                limit = np.sqrt(6.0 / (fan_in + fan_out))
                W = rng.uniform(-limit, limit, (fan_in, fan_out))
            else:
                W = rng.normal(0.0, self.init_scale, (fan_in, fan_out))
            self.weights_.append(W)
            self.biases_.append(np.zeros(fan_out))
        hidden = widths[1:-1]
        self.gammas_ = [np.ones(w) for w in hidden] if self.batch_norm else []
        self.betas_ = [np.zeros(w) for w in hidden] if self.batch_norm else []
        self.running_means_ = [np.zeros(w) for w in hidden] if self.batch_norm else []
        self.running_vars_ = [np.ones(w) for w in hidden] if self.batch_norm else []
        self.n_features_in_ = n_features

    def parameters(self) -> list[np.ndarray]:
        """The trainable arrays (weights, biases, then batch-norm gammas and betas), in the order of
        the gradients ``loss_and_gradients`` returns. They are the live arrays: edit in place."""
        return [*self.weights_, *self.biases_, *self.gammas_, *self.betas_]

    # --- forward and backward -------------------------------------------------------------------
    def _forward(
        self, X: np.ndarray, *, training: bool, rng: np.random.Generator | None = None,
        update_running: bool = False,
    ) -> tuple[np.ndarray, list[dict[str, Any]]]:
        caches: list[dict[str, Any]] = []
        a = X
        last = len(self.weights_) - 1
        for layer, W in enumerate(self.weights_):
            cache: dict[str, Any] = {"input": a}
            z = a @ W
            if self.batch_norm and layer < last:
                if training:
                    # the batch is normalised by its own (biased, divide-by-m) variance: the variance of
                    # exactly the m values being standardised
                    mean, var = z.mean(axis=0), z.var(axis=0)
                    if update_running:
                        m = len(z)
                        # the running variance estimates the population's, used at inference: the
                        # unbiased m/(m-1) correction, as in the batch-norm paper and PyTorch
                        unbiased = var * (m / (m - 1)) if m > 1 else var
                        self.running_means_[layer] = BN_MOMENTUM * self.running_means_[layer] + (1 - BN_MOMENTUM) * mean
                        self.running_vars_[layer] = (BN_MOMENTUM * self.running_vars_[layer]
                                                     + (1 - BN_MOMENTUM) * unbiased)
                else:
                    mean, var = self.running_means_[layer], self.running_vars_[layer]
                inv_std = 1.0 / np.sqrt(var + BN_EPS)
                z_hat = (z - mean) * inv_std
                cache["z_hat"], cache["inv_std"] = z_hat, inv_std
                # the bias is redundant under batch norm (beta shifts instead); it stays at zero
                z = z_hat * self.gammas_[layer] + self.betas_[layer]
            else:
                z = z + self.biases_[layer]
            if layer == last:
                caches.append(cache)
                return z, caches
            h = _activate(self.activation, z)
            cache["z"], cache["h"] = z, h
            if training and self.dropout > 0 and rng is not None:
                keep = (rng.random(h.shape) >= self.dropout) / (1.0 - self.dropout)
                cache["keep"] = keep
                h = h * keep
            caches.append(cache)
            a = h
        raise AssertionError("unreachable: the loop returns at the output layer")

    def _backward(self, delta: np.ndarray, caches: list[dict[str, Any]]) -> tuple[list[np.ndarray], ...]:
        """Gradients of the batch loss given ``delta`` = dLoss/d(output scores), (m, n_outputs)."""
        n_layers = len(self.weights_)
        grad_W: list[np.ndarray] = [np.empty(0)] * n_layers
        grad_b: list[np.ndarray] = [np.zeros_like(b) for b in self.biases_]
        grad_gamma: list[np.ndarray] = [np.empty(0)] * len(self.gammas_)
        grad_beta: list[np.ndarray] = [np.empty(0)] * len(self.betas_)
        for layer in range(n_layers - 1, -1, -1):
            cache = caches[layer]
            if layer < n_layers - 1:
                # delta is dLoss/d(this layer's output h): undo dropout, then the activation
                if "keep" in cache:
                    delta = delta * cache["keep"]
                delta = delta * _activation_slope(self.activation, cache["z"], cache["h"])
                if self.batch_norm:
                    z_hat, inv_std = cache["z_hat"], cache["inv_std"]
                    grad_gamma[layer] = np.sum(delta * z_hat, axis=0)
                    grad_beta[layer] = delta.sum(axis=0)
                    d_hat = delta * self.gammas_[layer]
                    m = len(d_hat)
                    # through the batch mean and variance: each sample's z moves every z_hat
                    delta = (inv_std / m) * (m * d_hat - d_hat.sum(axis=0) - z_hat * np.sum(d_hat * z_hat, axis=0))
                else:
                    grad_b[layer] = delta.sum(axis=0)
            else:
                grad_b[layer] = delta.sum(axis=0)
            grad_W[layer] = cache["input"].T @ delta + self._l2 * self.weights_[layer]
            if layer > 0:
                delta = delta @ self.weights_[layer].T
        return grad_W, grad_b, grad_gamma, grad_beta

    def loss_and_gradients(self, X: np.ndarray, y: np.ndarray) -> tuple[float, list[np.ndarray]]:
        """Batch loss (data loss + L2 penalty; no penalty under "adamw") and its gradient for every array of
        ``parameters()``, in training mode without dropout (deterministic, for gradient checks)."""
        if not hasattr(self, "weights_"):
            raise NotFittedError("call fit (or initialize) before loss_and_gradients")
        X = check_array(X)
        Y = self._targets(np.asarray(y), fitting=False)
        out, caches = self._forward(X, training=True)
        loss, delta = self._output_and_delta(out, Y)
        loss += 0.5 * self._l2 * sum(float(np.sum(W * W)) for W in self.weights_)
        grad_W, grad_b, grad_gamma, grad_beta = self._backward(delta, caches)
        return loss, [*grad_W, *grad_b, *grad_gamma, *grad_beta]

    def forward_activations(self, X: np.ndarray) -> list[np.ndarray]:
        """Hidden-layer outputs (n_samples, width_l) for each hidden layer, in inference mode:
        what an initialisation lab inspects (their spread shrinking or exploding with depth)."""
        X = self._check_predict_input(X)
        _, caches = self._forward(X, training=False)
        return [cache["h"] for cache in caches[:-1]]

    # --- training -------------------------------------------------------------------------------
    def fit(self, X: np.ndarray, y: np.ndarray, X_val: np.ndarray | None = None,
            y_val: np.ndarray | None = None) -> Self:
        """Train for ``n_epochs`` (or until early stopping); validation data are optional."""
        self._check_params()
        X, y = check_array(X), np.asarray(y)
        require(len(y) == len(X), f"X has {len(X)} rows but y has {len(y)}")
        rng = make_rng(self.random_state)
        continuing = self.warm_start and hasattr(self, "weights_")
        if X_val is None and self.validation_fraction > 0:
            order = rng.permutation(len(X))
            n_val = max(1, int(round(self.validation_fraction * len(X))))
            X_val, y_val, X, y = X[order[:n_val]], y[order[:n_val]], X[order[n_val:]], y[order[n_val:]]
        Y = self._targets(y, fitting=not continuing)
        Y_val = None
        if X_val is not None:
            if y_val is None:
                raise ModelInputError("X_val was given without y_val")
            X_val = check_array(X_val, "X_val")
            Y_val = self._targets(np.asarray(y_val), fitting=False)
        if continuing:
            require(X.shape[1] == self.n_features_in_, "warm_start: X has a different number of features")
        else:
            self.initialize(X.shape[1], Y.shape[1])
            self._optimizer_state: dict[str, Any] = {"step": 0}
            self.train_loss_history_, self.val_loss_history_, self.val_score_history_ = [], [], []
            self._grad_norms: list[np.ndarray] = []
        self._train(X, Y, X_val, Y_val, rng)
        self.grad_norm_history_ = (
            np.vstack(self._grad_norms) if self._grad_norms else np.empty((0, len(self.weights_)))
        )
        self.n_epochs_ = len(self.train_loss_history_)
        self.n_steps_ = len(self.grad_norm_history_)
        return self

    def _train(self, X: np.ndarray, Y: np.ndarray, X_val: np.ndarray | None, Y_val: np.ndarray | None,
               rng: np.random.Generator) -> None:
        n = len(X)
        batch = min(self.batch_size, n)
        best_loss, best_params, stale = np.inf, None, 0
        for _ in range(self.n_epochs):
            order = rng.permutation(n) if self.shuffle else np.arange(n)
            batch_losses = []
            for start in range(0, n, batch):
                rows = order[start:start + batch]
                if self.batch_norm and len(rows) < 2 and start > 0:
                    continue  # batch statistics of one sample are degenerate (variance 0)
                out, caches = self._forward(X[rows], training=True, rng=rng, update_running=True)
                loss, delta = self._output_and_delta(out, Y[rows])
                batch_losses.append(loss)
                grads = self._backward(delta, caches)
                self._step(grads)
            self.train_loss_history_.append(float(np.mean(batch_losses)))
            if not np.isfinite(self.train_loss_history_[-1]):
                break  # diverged: the record shows it; more steps only spread NaN
            if X_val is not None and Y_val is not None:
                out_val, _ = self._forward(X_val, training=False)
                val_loss = self._data_loss(out_val, Y_val)
                self.val_loss_history_.append(val_loss)
                self.val_score_history_.append(self._quality(out_val, Y_val))
                if self.patience is not None:
                    if val_loss < best_loss:
                        best_loss, stale = val_loss, 0
                        best_params = [p.copy() for p in self.parameters()] + [
                            s.copy() for s in (*self.running_means_, *self.running_vars_)
                        ]
                    else:
                        stale += 1
                        if stale >= self.patience:
                            break
        if best_params is not None and stale > 0:
            live = self.parameters() + [*self.running_means_, *self.running_vars_]
            for target, saved in zip(live, best_params, strict=True):
                target[...] = saved

    def _step(self, grads: tuple[list[np.ndarray], ...]) -> None:
        grad_W = grads[0]
        self._grad_norms.append(np.array([np.linalg.norm(g) for g in grad_W]))
        flat = [g for group in grads for g in group]
        if self.clip_norm is not None:
            total = float(np.sqrt(sum(float(np.sum(g * g)) for g in flat)))
            if total > self.clip_norm:
                flat = [g * (self.clip_norm / total) for g in flat]
        params = self.parameters()
        state = self._optimizer_state
        state["step"] += 1
        if self.optimizer == "sgd":
            velocity = state.setdefault("velocity", [np.zeros_like(p) for p in params])
            for p, g, v in zip(params, flat, velocity, strict=True):
                v *= self.momentum
                v -= self.learning_rate * g
                p += v
            return
        if self.optimizer == "adamw" and self.weight_decay > 0:
            for W in self.weights_:  # decoupled: the decay is proportional to the weight, not to a gradient
                W -= (self.learning_rate * self.weight_decay) * W
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        first = state.setdefault("first", [np.zeros_like(p) for p in params])
        second = state.setdefault("second", [np.zeros_like(p) for p in params])
        t = state["step"]
        # bias correction folded into the step size: both moment estimates start at zero
        rate = self.learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t)
        for p, g, m, v in zip(params, flat, first, second, strict=True):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * (g * g)
            p -= rate * m / (np.sqrt(v) + eps)

    # --- inference ------------------------------------------------------------------------------
    def _check_predict_input(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self, "weights_"):
            raise NotFittedError(f"{type(self).__name__} is not fitted yet: call fit(X, y) first")
        X = check_array(X)
        require(X.shape[1] == self.n_features_in_,
                f"X has {X.shape[1]} features but the network expects {self.n_features_in_}")
        return X

    def _output(self, X: np.ndarray, batch_statistics: bool = False) -> np.ndarray:
        # batch_statistics: batch norm normalises with the mean and variance of the rows given, as in
        # training (no dropout, running statistics left alone): what a network left in training mode
        # computes. False is inference: the running statistics, each row independent of the others.
        return self._forward(self._check_predict_input(X), training=batch_statistics)[0]


class MLPClassifier(_MLP, Classifier):
    """Softmax-output MLP classifier. Parameters: see ``_MLP.__init__``; ``classes_`` (n_classes,)."""

    def _targets(self, y: np.ndarray, fitting: bool) -> np.ndarray:
        if fitting:
            self.classes_, codes = encode_labels(y)
            require(len(self.classes_) >= 2, "MLPClassifier needs at least two classes in y")
        else:
            codes = np.searchsorted(self.classes_, y)
            codes = np.minimum(codes, len(self.classes_) - 1)
            if not np.all(self.classes_[codes] == y):
                raise ModelInputError("y holds labels the classifier was not fitted on")
        return one_hot(codes, len(self.classes_))

    def _output_and_delta(self, out: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
        shifted = out - out.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        m = len(out)
        loss = float(-np.sum(Y * log_p) / m)
        return loss, (np.exp(log_p) - Y) / m  # softmax + cross-entropy: dL/dz = (p - y) / m

    def _quality(self, out: np.ndarray, Y: np.ndarray) -> float:
        return float(np.mean(np.argmax(out, axis=1) == np.argmax(Y, axis=1)))

    def predict_proba(self, X: np.ndarray, *, batch_statistics: bool = False) -> np.ndarray:
        """(n_samples, n_classes) probabilities, columns ordered like ``classes_``.

        ``batch_statistics=True`` (batch norm only) normalises with the statistics of ``X`` itself, as
        in training mode, so each row's output depends on the other rows passed with it."""
        out = self._output(X, batch_statistics)
        exp_out = np.exp(out - out.max(axis=1, keepdims=True))
        return exp_out / exp_out.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray, *, batch_statistics: bool = False) -> np.ndarray:
        """(n_samples,) most probable class label (``batch_statistics``: see ``predict_proba``)."""
        out = self._output(X, batch_statistics)
        return self.classes_[np.argmax(out, axis=1)]

