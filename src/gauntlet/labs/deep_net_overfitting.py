"""Overfitting in a deep net, and three fixes: early stopping, L2 weight decay, dropout.

Data: two interleaving half-moons (2 informative features, Gaussian jitter sd 0.25), plus
``noise_features`` features of pure noise, with ``label_noise`` of the training and validation
labels flipped. ``n_train`` rows to train on, as many for validation, 4,000 clean-process rows for
testing (their labels are flipped at the same rate, so no model can score 100%).

Network: two hidden layers of 128 ReLU units (about 18,000 weights, far more than the rows),
Adam (learning rate 0.002), mini-batches of 50, ``epochs`` epochs. The five variants share the
data and the initial weights:

- baseline: no regularisation, trained for all epochs;
- early stopping: stop after ``patience`` epochs without a lower validation loss, keep the best weights;
- L2 penalty in Adam: ``weight_decay`` / 2 times the sum of squared weights added to the loss, so its
  gradient goes through Adam's per-weight scaling like the data gradient ("coupled" L2, what
  ``torch.optim.Adam(weight_decay=...)`` does);
- AdamW: decoupled weight decay (Loshchilov & Hutter): every step shrinks each weight matrix by
  learning rate x ``adamw_decay``, outside Adam's scaling, then takes the Adam step on the data loss;
- dropout: each hidden unit zeroed with probability ``dropout`` during training.

Memorisation is measured where it happens: on the training rows whose labels were flipped. A net
that reproduces a flipped label has learnt that row by heart, through whatever feature lets it
(often the noise features, which the boundary figure, a slice at noise features = 0, cannot show).
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import MLPClassifier, log_loss
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "deep-net-overfitting",
    params=(
        Param("n_train", "int", 200, "training rows (validation has as many)", low=50, high=2000),
        Param("noise_features", "int", 8, "features of pure noise added to the 2 informative ones", low=0, high=50),
        Param("label_noise", "float", 0.1, "share of training and validation labels flipped", low=0.0, high=0.4),
        Param("epochs", "int", 300, "training epochs", low=20, high=2000),
        Param("weight_decay", "float", 0.05, "L2 penalty coefficient for the coupled variant (Adam)", low=1e-5,
              high=1.0),
        Param("adamw_decay", "float", 10.0, "AdamW's decoupled weight decay: each step shrinks the weights by "
              "learning rate (0.002) x this", low=0.01, high=100.0),
        Param("dropout", "float", 0.6, "drop probability for the dropout variant", low=0.05, high=0.9),
        Param("patience", "int", 50, "early stopping: epochs without a better validation loss", low=1, high=500),
    ),
    notice=(
        "With few rows and noisy labels, the baseline drives its training loss towards zero: with far more weights "
        "than rows it can memorise every point, including the flipped labels and the patterns that happen to "
        "exist in the noise features. Its validation loss falls, bottoms out, then climbs: the widening gap "
        "between the two curves is overfitting. The flipped labels it reproduces show the memorisation directly; "
        "the boundary figure, a slice with the noise features at 0, cannot, because the net uses them to do it.",
        "Overfitting shows first and most in the log loss, because a memorising net becomes confidently wrong on "
        "unseen points; accuracy drops less, since only part of the input space is affected.",
        "Early stopping keeps the weights from the epoch with the lowest validation loss: training longer only "
        "fitted noise, so it also saves most of the compute. It spends the validation set on choosing when to "
        "stop, so that set can no longer give an unbiased score: the test set here is separate.",
        "An L2 penalty adds (lambda/2)·||W||² to the loss, which keeps weights small and the learnt function "
        "smoother. Inside Adam that penalty's gradient is divided by each weight's running gradient scale like "
        "any gradient ('coupled' L2: torch.optim.Adam's weight_decay), so weights with large, noisy gradients "
        "are barely decayed. AdamW decouples the two: each step shrinks every weight by lr·lambda outside "
        "Adam's scaling (Loshchilov & Hutter), which is what 'weight decay' means with adaptive optimisers. "
        "With plain SGD the two are the same thing. Their lambdas are on different scales, so compare effects, "
        "not values.",
        "Dropout trains a different thinned network every step, so no unit can rely on a particular other one "
        "(co-adaptation), and acts roughly like averaging many networks. When the net overfits, each fix trades "
        "a higher training loss for a lower test loss.",
        "None of the fixes removes the label noise: the best test accuracy stays below 1 minus the flip rate.",
    ),
    takeaway=(
        "Spot overfitting by a training loss that keeps falling while the validation loss rises (a growing gap). "
        "Fixes: more or cleaner data (or data augmentation), early stopping on a validation set, L2 weight "
        "decay, dropout, a smaller network; batch norm also has a mild regularising effect. Tune their strength "
        "on validation data, and confirm on a test set that was used for nothing else."
    ),
)

HIDDEN = (128, 128)
LEARNING_RATE = 0.002
BATCH_SIZE = 50
N_TEST = 4000
MOON_JITTER = 0.25
VARIANTS = ("baseline", "early stopping", "L2 penalty in Adam", "AdamW decay", "dropout")
KEYS = {"baseline": "baseline", "early stopping": "early_stopping", "L2 penalty in Adam": "l2", "AdamW decay": "adamw",
        "dropout": "dropout"}


class Fix(TypedDict, total=False):
    """The MLPClassifier arguments a variant adds to the baseline."""

    patience: int
    weight_decay: float
    optimizer: str
    dropout: float


def draw(rng: np.random.Generator, n: int, noise_features: int,
         label_noise: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Half-moons in the first two columns, noise in the rest; ``label_noise`` of labels flipped.

    Returns X, the (partly flipped) labels, and which rows were flipped.
    """
    y = rng.integers(0, 2, n)
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    moons = np.where(y[:, None] == 0, upper, lower) + MOON_JITTER * rng.standard_normal((n, 2))
    X = np.column_stack([moons, rng.standard_normal((n, noise_features))])
    flipped = rng.random(n) < label_noise
    return X, np.where(flipped, 1 - y, y), flipped


def run(seed: int, progress: ProgressFn = no_progress, *, n_train: int, noise_features: int, label_noise: float,
        epochs: int, weight_decay: float, adamw_decay: float, dropout: float, patience: int) -> LabResult:
    rng = np.random.default_rng(seed)
    X, y, flipped = draw(rng, n_train, noise_features, label_noise)
    X_val, y_val, _ = draw(rng, n_train, noise_features, label_noise)
    X_test, y_test, test_flipped = draw(rng, N_TEST, noise_features, label_noise)
    true_test = np.where(test_flipped, 1 - y_test, y_test)
    model_seed = int(rng.integers(0, 2**31))
    options: dict[str, Fix] = {"baseline": {}, "early stopping": {"patience": patience},
                               "L2 penalty in Adam": {"weight_decay": weight_decay},
                               "AdamW decay": {"optimizer": "adamw", "weight_decay": adamw_decay},
                               "dropout": {"dropout": dropout}}
    nets = {}
    for i, name in enumerate(VARIANTS):
        nets[name] = MLPClassifier(HIDDEN, learning_rate=LEARNING_RATE, batch_size=BATCH_SIZE, n_epochs=epochs,
                                   random_state=model_seed, **options[name]).fit(X, y, X_val, y_val)
        progress(i + 1, len(VARIANTS))

    numbers: dict[str, float | int] = {"parameters_in_the_net": _n_weights(X.shape[1]), "training_rows": n_train,
                                       "flipped_training_labels": int(flipped.sum())}
    rows: list[list[Scalar]] = []
    for name, net in nets.items():
        key = KEYS[name]
        train_acc = float(np.mean(net.predict(X) == y))
        test_acc = float(np.mean(net.predict(X_test) == y_test))
        test_loss = log_loss(y_test, net.predict_proba(X_test))
        train_loss = log_loss(y, net.predict_proba(X))
        numbers[f"{key}_train_accuracy"] = train_acc
        numbers[f"{key}_test_accuracy"] = test_acc
        numbers[f"{key}_test_log_loss"] = test_loss
        numbers[f"{key}_accuracy_gap"] = train_acc - test_acc
        # memorised: a flipped training label that the net reproduces instead of the true class
        memorised = float(np.mean(net.predict(X[flipped]) == y[flipped])) if flipped.any() else 0.0
        numbers[f"{key}_flipped_labels_memorised"] = memorised
        numbers[f"{key}_test_error_vs_true_class"] = float(np.mean(net.predict(X_test) != true_test))
        rows.append([name, train_loss, test_loss, train_acc, test_acc, train_acc - test_acc, memorised,
                     net.n_epochs_])
    val = np.array(nets["baseline"].val_loss_history_)
    numbers["baseline_best_val_epoch"] = int(np.argmin(val)) + 1
    numbers["baseline_val_loss_best"] = float(val.min())
    numbers["baseline_val_loss_final"] = float(val[-1])
    numbers["early_stopping_epochs_run"] = nets["early stopping"].n_epochs_
    table = ResultTable(
        f"{n_train} training rows, {label_noise:.0%} flipped labels, {noise_features} noise features; "
        f"test on {N_TEST:,} rows",
        ["variant", "train log loss", "test log loss", "train accuracy", "test accuracy", "accuracy gap",
         "flipped training labels reproduced", "epochs run"],
        rows,
    )
    best_fix = min(VARIANTS[1:], key=lambda v: numbers[f"{KEYS[v]}_test_log_loss"])
    notices = [
        f"The baseline reaches training accuracy {numbers['baseline_train_accuracy']:.2f} but test accuracy "
        f"{numbers['baseline_test_accuracy']:.3f} (gap {numbers['baseline_accuracy_gap']:.2f}); its validation loss "
        f"was lowest at epoch {numbers['baseline_best_val_epoch']} ({val.min():.3f}) and ended at {val[-1]:.3f}.",
        "Test log loss: " + ", ".join(f"{v} {numbers[f'{KEYS[v]}_test_log_loss']:.3f}" for v in VARIANTS)
        + f"; lowest with {best_fix}.",
        "Test accuracy: " + ", ".join(f"{v} {numbers[f'{KEYS[v]}_test_accuracy']:.3f}" for v in VARIANTS)
        + f" (with {label_noise:.0%} of test labels flipped, even a perfect boundary expects at most "
          f"{1 - label_noise:.2f}).",
        f"Early stopping ran {numbers['early_stopping_epochs_run']} of {epochs} epochs.",
        _memorisation_notice(numbers),
    ]
    figures = {
        "loss_curves": lambda: _curves_figure(nets),
        "boundaries": lambda: _boundary_figure(nets, X, y, flipped, noise_features),
    }
    return LabResult("deep-net-overfitting", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _memorisation_notice(n: dict) -> str:
    flipped = n["flipped_training_labels"]
    if not flipped:
        return "No training label was flipped in this run, so there were no wrong labels to memorise."
    shares = ", ".join(f"{v} {n[f'{KEYS[v]}_flipped_labels_memorised']:.0%} (vs "
                       f"{n[f'{KEYS[v]}_test_error_vs_true_class']:.0%})" for v in VARIANTS)
    return (f"Of the {flipped} training rows whose label was flipped, each net reproduces the wrong label on (in "
            f"brackets: how often it gets the true class of unseen rows wrong): {shares}. A net that had not "
            f"learnt those rows by heart would reproduce a wrong label about as often as it errs on unseen rows; "
            f"the excess is memorisation.")


def _n_weights(n_features: int) -> int:
    widths = [n_features, *HIDDEN, 2]
    return int(sum(a * b + b for a, b in zip(widths[:-1], widths[1:], strict=True)))


def _curves_figure(nets):
    fig, axes = new_figure(len(nets), 1, width=3.6, height=3.6, title="Training vs validation loss per epoch")
    top = max(max(net.val_loss_history_) for net in nets.values())
    for ax, (name, net), colour in zip(axes, nets.items(), COLOURS, strict=False):
        epochs = np.arange(1, len(net.train_loss_history_) + 1)
        ax.plot(epochs, net.train_loss_history_, color=colour, lw=1.5, label="training")
        ax.plot(epochs, net.val_loss_history_, color="k", lw=1.5, ls="--", label="validation")
        if net.patience is not None:
            best = int(np.argmin(net.val_loss_history_)) + 1
            ax.axvline(best, color=COLOURS[3], lw=1, label=f"weights kept (epoch {best})")
        ax.set_ylim(0, min(top, 3.0))
        ax.set_title(name)
        ax.set_xlabel("epoch")
        ax.set_ylabel("cross-entropy (nats)")
        ax.legend(fontsize=8)
    return fig


def _boundary_figure(nets, X, y, flipped, noise_features):
    hidden = f" (the {noise_features} noise features held at 0)" if noise_features else ""
    fig, axes = new_figure(len(nets), 1, width=3.6, height=3.9,
                           title="Decision boundary in the two informative features" + hidden
                                 + "; x: flipped training label the net reproduces, o: one it does not")
    (low1, low2), (high1, high2) = X[:, :2].min(axis=0) - 0.3, X[:, :2].max(axis=0) + 0.3
    g1, g2 = np.meshgrid(np.linspace(low1, high1, 160), np.linspace(low2, high2, 120))
    grid = np.column_stack([g1.ravel(), g2.ravel(), np.zeros((g1.size, noise_features))])
    for ax, (name, net) in zip(axes, nets.items(), strict=True):
        p = net.predict_proba(grid)[:, 1].reshape(g1.shape)
        ax.contourf(g1, g2, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
        ax.contour(g1, g2, p, levels=[0.5], colors="k", linewidths=1)
        clean = ~flipped
        ax.scatter(X[clean, 0], X[clean, 1], c=y[clean], cmap="RdBu_r", vmin=0, vmax=1, s=8, edgecolors="k",
                   linewidths=0.3)
        # the slice cannot show memorisation through the noise features; each flipped row's own prediction can
        reproduced = net.predict(X[flipped]) == y[flipped]
        ax.scatter(X[flipped][reproduced, 0], X[flipped][reproduced, 1], marker="x", s=40, c="k", linewidths=1.5)
        ax.scatter(X[flipped][~reproduced, 0], X[flipped][~reproduced, 1], marker="o", s=40, facecolors="none",
                   edgecolors="k", linewidths=1.2)
        ax.set_title(f"{name}: {int(reproduced.sum())} of {int(flipped.sum())} x", fontsize=10)
        ax.set_xlabel("feature 1")
        ax.set_ylabel("feature 2")
    return fig
