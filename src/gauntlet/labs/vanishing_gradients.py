"""Vanishing and exploding gradients: per-layer gradient norms of a deep MLP at initialisation,
what they do to training, and how gradient clipping tames an explosion.

Data: 512 rows, 20 Gaussian features, a binary label from a mostly linear rule. Network:
``depth`` hidden layers of ``width`` units, softmax output, cross-entropy loss. Five set-ups:

- sigmoid + Xavier: the classic vanishing case;
- tanh + Xavier: zero-centred, slope 1 at 0, what Xavier was designed for;
- ReLU + Xavier: ReLU zeroes half its inputs, so Xavier's variance is half what it needs;
- ReLU + He: variance 2/fan_in, made for ReLU;
- ReLU + N(0, 0.3²): weights too large, the exploding case;
- sigmoid + Xavier + batch norm: the vanishing case with each hidden pre-activation normalised over
  the batch (then scaled and shifted by learnt gamma, beta).

Training uses SGD with momentum (0.9), so the size of a gradient is the size of a step; Adam
would rescale each parameter's step and partly hide it.
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import MLPClassifier
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "vanishing-gradients",
    params=(
        Param("depth", "int", 10, "hidden layers", low=2, high=30),
        Param("width", "int", 64, "units per hidden layer", low=8, high=256),
        Param("epochs", "int", 30, "training epochs for the training comparison", low=5, high=200),
        Param("learning_rate", "float", 0.01, "SGD learning rate", low=1e-4, high=0.5),
        Param("clip_norm", "float", 5.0, "global gradient-norm limit for the clipped run", low=0.01, high=100.0),
    ),
    notice=(
        "Backpropagation multiplies the gradient, layer by layer, by each layer's weights and by the slope of its "
        "activation. The sigmoid's slope is at most 0.25, so with Xavier weights every layer shrinks the "
        "gradient, and in a deep net the first layer's gradient ends orders of magnitude below the last layer's: "
        "the early layers barely learn.",
        "ReLU's slope is exactly 1 where the unit is active, and He initialisation (variance 2/fan_in) makes up "
        "for the half of the units that are off, so activations and gradients keep roughly their scale through "
        "the layers: the gradient norms stay within about an order of magnitude from input to output instead of "
        "shrinking by a constant factor per layer. Xavier (variance 1/fan_in for square layers) suits tanh; with "
        "ReLU it loses about half the variance per layer, forwards and backwards, so in a deep net every layer's "
        "gradient ends up small.",
        "Batch normalisation standardises each unit's pre-activation over the batch (then scales and shifts it "
        "by a learnt gamma and beta). A sigmoid's small slope shrinks the spread of its outputs in the forward "
        "pass by roughly the factor it shrinks the gradient in the backward pass; batch norm divides the next "
        "pre-activation by that spread, and its backward pass divides the gradient by it too, so the two "
        "roughly cancel: the per-layer gradient factor stays near 1 and the deep sigmoid net trains.",
        "Weights too large do the opposite: each layer multiplies activations and gradients by more than 1, so "
        "in a deep net the loss starts huge and the first SGD steps can overflow to NaN. Clipping rescales the "
        "whole gradient when its norm exceeds a limit: it keeps the direction and caps the step, so the numbers "
        "stay finite. It does not shrink the weights themselves, so whether training then recovers depends on "
        "how far off they are: a deep enough net stays stuck, every step clipped.",
        "Clipping treats the symptom of exploding gradients; it does nothing for vanishing ones. Those need "
        "non-saturating activations, matched initialisation, normalisation layers and residual connections "
        "(and, for recurrent nets, gated cells such as LSTM and GRU).",
        "The gradients are measured at initialisation; as training moves the weights the picture changes, which "
        "is why people also watch per-layer gradient norms during training.",
    ),
    takeaway=(
        "Gradients vanish or explode because backprop multiplies one factor per layer (weights times activation "
        "slope), and a product of many factors below or above 1 shrinks or blows up exponentially with depth. "
        "Fixes: ReLU-family activations with He initialisation (Xavier for tanh), batch or layer normalisation, "
        "residual connections, gated recurrent cells, and gradient clipping for explosions; diagnose by logging "
        "per-layer gradient norms and watching for NaN or stalled loss."
    ),
)

class Setup(TypedDict, total=False):
    """The MLPClassifier arguments that differ between set-ups."""

    activation: str
    init: str
    init_scale: float
    batch_norm: bool


SETUPS: dict[str, Setup] = {
    "sigmoid + Xavier": Setup(activation="sigmoid", init="xavier"),
    "tanh + Xavier": Setup(activation="tanh", init="xavier"),
    "ReLU + Xavier": Setup(activation="relu", init="xavier"),
    "ReLU + He": Setup(activation="relu", init="he"),
    "ReLU + N(0, 0.3²)": Setup(activation="relu", init="normal", init_scale=0.3),
    "sigmoid + Xavier + batch norm": Setup(activation="sigmoid", init="xavier", batch_norm=True),
}
KEYS = {"sigmoid + Xavier": "sigmoid_xavier", "tanh + Xavier": "tanh_xavier", "ReLU + Xavier": "relu_xavier",
        "ReLU + He": "relu_he", "ReLU + N(0, 0.3²)": "relu_large_init",
        "sigmoid + Xavier + batch norm": "sigmoid_batchnorm"}
N_ROWS, N_FEATURES = 512, 20


def make_data(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    X = rng.standard_normal((N_ROWS, N_FEATURES))
    w = rng.standard_normal(N_FEATURES)
    return X, (X @ w + 0.5 * np.sin(3 * X[:, 0]) > 0).astype(int)


def run(seed: int, progress: ProgressFn = no_progress, *, depth: int, width: int, epochs: int,
        learning_rate: float, clip_norm: float) -> LabResult:
    rng = np.random.default_rng(seed)
    X, y = make_data(rng)
    hidden = (width,) * depth
    model_seed = int(rng.integers(0, 2**31))
    steps = len(SETUPS) + 5
    norms, activation_sd, initial_loss = {}, {}, {}
    for i, (name, setup) in enumerate(SETUPS.items()):
        net = MLPClassifier(hidden, n_epochs=0, random_state=model_seed, **setup).fit(X, y)
        with np.errstate(over="ignore", invalid="ignore"):
            initial_loss[name], grads = net.loss_and_gradients(X, y)
        norms[name] = np.array([np.linalg.norm(g) for g in grads[: depth + 1]])  # weight matrices, input first
        activation_sd[name] = np.array([h.std() for h in net.forward_activations(X)])
        progress(i + 1, steps)

    def train(setup: Setup, clip: float | None) -> MLPClassifier:
        net = MLPClassifier(hidden, optimizer="sgd", momentum=0.9, learning_rate=learning_rate, batch_size=64,
                            n_epochs=epochs, clip_norm=clip, random_state=model_seed, **setup)
        with np.errstate(over="ignore", invalid="ignore"):
            return net.fit(X, y)

    trained = {}
    runs = (("sigmoid + Xavier", "sigmoid + Xavier", None),
            ("sigmoid + Xavier + batch norm", "sigmoid + Xavier + batch norm", None),
            ("ReLU + He", "ReLU + He", None),
            ("large init, no clipping", "ReLU + N(0, 0.3²)", None),
            (f"large init, clipped at {clip_norm:g}", "ReLU + N(0, 0.3²)", clip_norm))
    for j, (label, name, clip) in enumerate(runs):
        trained[label] = train(SETUPS[name], clip)
        progress(len(SETUPS) + j + 1, steps)

    numbers: dict[str, float | int | bool | str] = {}
    for name, n in norms.items():
        numbers[f"first_layer_grad_norm_{KEYS[name]}"] = n[0]
        numbers[f"last_layer_grad_norm_{KEYS[name]}"] = n[-1]
    numbers["orders_of_magnitude_relu_he_over_sigmoid_first_layer"] = float(
        np.log10(norms["ReLU + He"][0] / norms["sigmoid + Xavier"][0]))
    numbers["sigmoid_xavier_first_over_last_layer"] = norms["sigmoid + Xavier"][0] / norms["sigmoid + Xavier"][-1]
    numbers["sigmoid_batchnorm_first_over_last_layer"] = (norms["sigmoid + Xavier + batch norm"][0]
                                                          / norms["sigmoid + Xavier + batch norm"][-1])
    numbers["relu_he_first_over_last_layer"] = norms["ReLU + He"][0] / norms["ReLU + He"][-1]
    numbers["relu_he_largest_over_smallest_layer"] = norms["ReLU + He"].max() / norms["ReLU + He"].min()
    for name in ("sigmoid + Xavier", "sigmoid + Xavier + batch norm", "ReLU + He"):
        # the geometric mean of the layer-to-layer ratios: what one step back multiplies the norm by
        numbers[f"per_layer_gradient_factor_{KEYS[name]}"] = float((norms[name][0] / norms[name][-1]) ** (1 / depth))
    curves = {label: np.array(net.train_loss_history_) for label, net in trained.items()}
    clipped = trained[f"large init, clipped at {clip_norm:g}"]
    for label in ("sigmoid + Xavier", "sigmoid + Xavier + batch norm", "ReLU + He"):
        numbers[f"{KEYS[label]}_final_train_loss"] = curves[label][-1]
        numbers[f"{KEYS[label]}_train_accuracy"] = float(np.mean(trained[label].predict(X) == y))
    numbers["chance_loss_ln2"] = float(np.log(2))
    numbers["unclipped_diverged"] = bool(not np.all(np.isfinite(curves["large init, no clipping"])))
    numbers["unclipped_epochs_before_nan"] = int(np.sum(np.isfinite(curves["large init, no clipping"])))
    if not numbers["unclipped_diverged"]:
        numbers["unclipped_train_accuracy"] = float(np.mean(trained["large init, no clipping"].predict(X) == y))
    numbers["clipped_final_train_loss"] = curves[f"large init, clipped at {clip_norm:g}"][-1]
    numbers["clipped_train_accuracy"] = float(np.mean(clipped.predict(X) == y))
    numbers["clipped_initial_grad_norm"] = float(np.linalg.norm(clipped.grad_norm_history_[0]))
    numbers["clipped_steps_over_limit_percent"] = 100.0 * float(
        np.mean(np.linalg.norm(clipped.grad_norm_history_, axis=1) > clip_norm))

    table = ResultTable(
        f"Gradient norm of each weight matrix at initialisation (depth {depth}, width {width})",
        ["set-up", "layer 1 (input)", f"layer {depth // 2 + 1}", f"layer {depth + 1} (output)", "first / last",
         "initial loss"],
        [[name, n[0], n[depth // 2], n[-1], n[0] / n[-1], initial_loss[name]] for name, n in norms.items()],
    )
    notices = _notices(numbers, depth=depth, epochs=epochs, clip_norm=clip_norm)
    figures = {
        "gradient_norms": lambda: _norms_figure(norms, activation_sd),
        "training": lambda: _training_figure(curves, clipped, clip_norm),
    }
    return LabResult("vanishing-gradients", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


TRAINED_WELL = 0.95  # training accuracy that counts as having fitted this nearly linear rule


def _training_verdict(loss: float, accuracy: float, chance_loss: float) -> str:
    if not np.isfinite(loss):
        return "diverged to NaN"
    if accuracy >= TRAINED_WELL:
        return "fits the training set"
    if loss >= 0.95 * chance_loss:
        return "is still at chance level"
    return "has learnt part of the rule"


def _notices(n: dict, *, depth: int, epochs: int, clip_norm: float) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    orders = n["orders_of_magnitude_relu_he_over_sigmoid_first_layer"]
    out = [f"At initialisation the first layer's gradient norm is {n['first_layer_grad_norm_sigmoid_xavier']:.1e} "
           f"with sigmoid + Xavier and {n['first_layer_grad_norm_relu_he']:.1e} with ReLU + He: "
           f"{abs(orders):.1f} orders of magnitude {'larger' if orders > 0 else 'smaller'} with ReLU + He. One layer "
           f"back multiplies the gradient norm by {n['per_layer_gradient_factor_sigmoid_xavier']:.2g} on average with "
           f"sigmoid + Xavier, {n['per_layer_gradient_factor_sigmoid_batchnorm']:.2g} with batch norm added, and "
           f"{n['per_layer_gradient_factor_relu_he']:.2g} with ReLU + He (geometric mean over the {depth} steps from "
           f"the output layer to the first)."]
    chance = n["chance_loss_ln2"]
    parts = []
    for name, key in (("sigmoid", "sigmoid_xavier"), ("sigmoid + batch norm", "sigmoid_batchnorm"),
                      ("ReLU + He", "relu_he")):
        loss, accuracy = n[f"{key}_final_train_loss"], n[f"{key}_train_accuracy"]
        parts.append(f"the {name} net {_training_verdict(loss, accuracy, chance)} (loss {loss:.3g}, accuracy "
                     f"{accuracy:.2f})")
    out.append(f"After {epochs} epochs of SGD (ln 2 = {chance:.3f} is the loss of answering 50/50): "
               + "; ".join(parts) + ".")
    if n["unclipped_diverged"]:
        first = n["unclipped_epochs_before_nan"]
        unclipped = ("produced NaN in its first epoch" if first == 0 else
                     f"produced NaN after {first} finite epoch{'s' if first > 1 else ''}")
    else:
        unclipped = "did not diverge in this run"
    loss, accuracy = n["clipped_final_train_loss"], n["clipped_train_accuracy"]
    share = n["clipped_steps_over_limit_percent"]
    if share == 0:
        outcome = "no gradient exceeded the limit, so clipping never acted"
    elif accuracy >= TRAINED_WELL and n["unclipped_diverged"]:
        outcome = "clipping kept the steps finite and the net then learnt the rule"
    elif accuracy >= TRAINED_WELL:
        without = n["unclipped_train_accuracy"]
        outcome = ("the net learnt the rule with or without clipping" if without >= TRAINED_WELL else
                   f"the clipped net learnt the rule (unclipped: accuracy {without:.2f})")
    elif np.isfinite(loss):
        outcome = ("clipping kept the numbers finite, but the net did not learn: it caps each step, it does not "
                   "shrink weights that are far too large" + (", and every step stayed over the limit"
                                                              if share == 100 else ""))
    else:
        outcome = "even with clipping the loss overflowed"
    out.append(f"Without clipping, the large-initialisation net {unclipped}. Clipped at norm {clip_norm:g} (the first "
               f"gradient's norm was {n['clipped_initial_grad_norm']:.3g}), it reached training loss {loss:.3g} and "
               f"accuracy {accuracy:.2f}, with {'under 1' if 0 < share < 1 else f'{share:.0f}'}% of steps clipped: "
               f"{outcome}.")
    return out


def _norms_figure(norms, activation_sd):
    fig, (ax1, ax2) = new_figure(2, 1, width=6.0, title="At initialisation: gradients backward, activations forward")
    for (name, n), colour in zip(norms.items(), COLOURS, strict=False):
        ax1.plot(np.arange(1, len(n) + 1), n, "o-", color=colour, label=name)
        sd = activation_sd[name]
        ax2.plot(np.arange(1, len(sd) + 1), sd, "o-", color=colour, label=name)
    ax1.set_yscale("log")
    ax1.set_xlabel("layer (1 = next to the input)")
    ax1.set_ylabel("||dLoss/dW|| (log scale)")
    ax1.set_title("Gradient norm of each weight matrix")
    ax1.legend(fontsize=8)
    ax2.set_yscale("log")
    ax2.set_xlabel("hidden layer")
    ax2.set_ylabel("standard deviation of activations (log scale)")
    ax2.set_title("Activation scale through the layers")
    return fig


def _training_figure(curves, clipped, clip_norm):
    fig, (ax1, ax2) = new_figure(2, 1, width=6.0, title="Training with SGD + momentum")
    diverged = []
    for (label, curve), colour in zip(curves.items(), COLOURS, strict=False):
        epochs = np.arange(1, len(curve) + 1)
        finite = np.isfinite(curve)
        if finite.any():
            ax1.plot(epochs[finite], curve[finite], "o-", ms=3, color=colour, label=label)
        if not finite.all():
            diverged.append((label, colour, int(np.argmin(finite)) + 1))
    ax1.axhline(np.log(2), color="0.5", ls=":", label="ln 2 (answering 50/50)")
    ax1.set_yscale("log")
    top = ax1.get_ylim()[1]
    for label, colour, first_nan in diverged:  # NaN has no height: mark it at the top of the plot
        ax1.plot([first_nan], [top], "x", color=colour, ms=12, clip_on=False,
                 label=f"{label}: NaN at epoch {first_nan}")
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("training cross-entropy (log scale)")
    ax1.legend(fontsize=7)
    ax1.set_title("Loss per epoch")
    global_norm = np.linalg.norm(clipped.grad_norm_history_, axis=1)
    ax2.plot(np.arange(1, len(global_norm) + 1), global_norm, color=COLOURS[3], lw=1)
    ax2.axhline(clip_norm, color="k", ls="--", label=f"clip limit {clip_norm:g}")
    ax2.set_yscale("log")
    ax2.set_xlabel("SGD step")
    ax2.set_ylabel("weight-gradient norm before clipping (log)")
    ax2.set_title("Large init, clipped: raw gradient norm")
    ax2.legend()
    return fig
