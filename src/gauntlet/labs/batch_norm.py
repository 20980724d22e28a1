"""Batch normalisation: what it does for training a deep MLP, training vs inference mode, and tiny batches.

Data: 10 Gaussian features; the label is whether a fixed random two-layer "teacher" network's output is
above its median (a non-linear boundary, classes balanced). ``N_TRAIN`` rows to train on, 2,000 to test.
Every network is the from-scratch ``MLPClassifier``: ReLU, width 32, SGD with momentum 0.9, batches of 64,
``epochs`` epochs, softmax cross-entropy (ln 2 = 0.693 is the loss of a coin flip).

1. Training a ``depth``-layer net five ways: plain with He initialisation and learning rate 0.05 (the
   baseline); plain and batch-normalised with small initial weights (N(0, ``init_scale``^2), the naive
   choice); plain and batch-normalised with He initialisation at a high learning rate ``high_lr``.
2. The batch-normalised small-init net from 1, used on the test rows in inference mode (running
   statistics) and left in training mode (statistics of each batch it is given): random batches of 64,
   8, 2 and 1 rows, and batches of 64 sorted by class.
3. Tiny batches: a 3-layer net trained with batches of ``small_batch``, 8 and 64 rows (on 400 rows, 6
   epochs), with and without batch norm, scored in inference mode.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import MLPClassifier
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "batch-norm",
    params=(
        Param("depth", "int", 10, "hidden layers of the deep net", low=3, high=16),
        Param("init_scale", "float", 0.05, "standard deviation of the 'small' initial weights", low=0.001, high=0.2),
        Param("high_lr", "float", 0.3, "the high learning rate", low=0.05, high=1.0),
        Param("epochs", "int", 20, "epochs for the deep nets", low=5, high=40),
        Param("small_batch", "int", 2, "the smallest batch size in experiment 3", low=2, high=16),
    ),
    notice=(
        "Batch norm standardises each unit's pre-activation over the mini-batch (subtract the batch mean, divide "
        "by the batch standard deviation), then applies a learned scale gamma and shift beta. Every layer then "
        "receives inputs of a controlled scale whatever the weights' scale, so a deep net no longer depends on a "
        "carefully scaled initialisation: with tiny weights a plain deep net's signal and gradients shrink layer "
        "by layer and it learns nothing, while the normalised one trains.",
        "Because a layer's output no longer changes when its weights are scaled up, a large step cannot blow the "
        "activations up layer after layer, so batch-normalised nets tolerate larger learning rates. Why it helps "
        "optimisation is still debated (the original 'internal covariate shift' account is disputed; smoother "
        "loss landscapes are one explanation). With a good initialisation and a modest learning rate a plain net "
        "of moderate depth may train as well.",
        "Training mode normalises with the current batch, so a row's output depends on the other rows in its "
        "batch; inference mode uses running averages collected during training, so each row's output is fixed. "
        "Forgetting to switch (model.eval() in PyTorch) makes predictions change with batch size and batch "
        "composition: a batch of one row normalises every unit to zero, and a batch of one class normalises the "
        "class signal away.",
        "With very small batches the batch statistics are noisy estimates: with two rows, each normalised unit is "
        "+1 or -1 (which row is larger), so training sees something very different from inference. Batch norm "
        "degrades as batches shrink; layer norm and group norm normalise within each example instead and do not "
        "depend on the batch (hence layer norm in transformers and RNNs).",
    ),
    takeaway=(
        "Batch norm normalises each feature over the mini-batch, then rescales it with learned gamma and beta. It "
        "makes deep nets far less sensitive to initialisation and lets them train with larger learning rates. It "
        "behaves differently in training (batch statistics) and inference (running averages), so switch modes "
        "correctly, and it needs reasonably large, well-mixed batches: for small or variable batches, sequences "
        "and transformers, prefer layer norm or group norm."
    ),
)

N_FEATURES, TEACHER_WIDTH = 10, 16
N_TRAIN, N_TEST, N_SMALL_TRAIN = 800, 2000, 400
WIDTH, BATCH, BASE_LR = 32, 64, 0.05
SMALL_DEPTH, SMALL_EPOCHS = 3, 6
MODE_BATCHES = (64, 8, 2, 1)
COIN_LOSS = float(np.log(2))
RUNS = ("plain, He init", "plain, small init", "batch norm, small init", "plain, high lr", "batch norm, high lr")
KEYS = {"plain, He init": "baseline", "plain, small init": "plain_small_init",
        "batch norm, small init": "bn_small_init", "plain, high lr": "plain_high_lr",
        "batch norm, high lr": "bn_high_lr"}


def teacher_labels(X: np.ndarray) -> np.ndarray:
    """0/1 labels: a fixed random tanh network's output above its median on standard normal inputs."""
    teacher = np.random.default_rng(2024)  # the same teacher for every seed: only the rows are random
    W1 = teacher.standard_normal((N_FEATURES, TEACHER_WIDTH)) / np.sqrt(N_FEATURES)
    w2 = teacher.standard_normal(TEACHER_WIDTH)
    reference = np.tanh(teacher.standard_normal((20_000, N_FEATURES)) @ W1) @ w2
    return (np.tanh(X @ W1) @ w2 > np.median(reference)).astype(int)


def draw(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.standard_normal((n, N_FEATURES))
    return X, teacher_labels(X)


def train_mode_accuracy(model: MLPClassifier, X: np.ndarray, y: np.ndarray, batches: list[np.ndarray]) -> float:
    """Accuracy when each batch of rows is normalised with its own statistics (the net left in training mode)."""
    correct = sum(int(np.sum(model.predict(X[rows], batch_statistics=True) == y[rows])) for rows in batches)
    return correct / len(y)


def random_batches(rng: np.random.Generator, n: int, size: int) -> list[np.ndarray]:
    order = rng.permutation(n)
    return [order[start:start + size] for start in range(0, n, size)]


def run(seed: int, progress: ProgressFn = no_progress, *, depth: int, init_scale: float, high_lr: float, epochs: int,
        small_batch: int) -> LabResult:
    rng = np.random.default_rng(seed)
    X, y = draw(rng, N_TRAIN)
    X_test, y_test = draw(rng, N_TEST)
    total = len(RUNS) + 2

    # 1. five ways to train the deep net
    settings: dict[str, tuple[str, float, bool]] = {  # initialisation, learning rate, batch norm
        "plain, He init": ("he", BASE_LR, False),
        "plain, small init": ("normal", BASE_LR, False),
        "batch norm, small init": ("normal", BASE_LR, True),
        "plain, high lr": ("he", high_lr, False),
        "batch norm, high lr": ("he", high_lr, True),
    }
    models: dict[str, MLPClassifier] = {}
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging plain net overflows: its record shows it
        for i, name in enumerate(RUNS):
            init, learning_rate, normalise = settings[name]
            models[name] = MLPClassifier((WIDTH,) * depth, activation="relu", init=init, init_scale=init_scale,
                                         batch_norm=normalise, optimizer="sgd", learning_rate=learning_rate,
                                         momentum=0.9, batch_size=BATCH, n_epochs=epochs,
                                         random_state=int(rng.integers(2**31))).fit(X, y)
            progress(i + 1, total)
        accuracy = {name: float(model.score(X_test, y_test)) for name, model in models.items()}

    # 2. inference mode vs training mode, on the batch-normalised small-init net
    bn = models["batch norm, small init"]
    modes = {"inference mode": accuracy["batch norm, small init"]}
    for size in MODE_BATCHES:
        modes[f"training mode, batches of {size}"] = train_mode_accuracy(bn, X_test, y_test,
                                                                         random_batches(rng, N_TEST, size))
    by_class = np.argsort(y_test, kind="stable")
    modes[f"training mode, batches of {MODE_BATCHES[0]} of one class"] = train_mode_accuracy(
        bn, X_test, y_test, [by_class[s:s + MODE_BATCHES[0]] for s in range(0, N_TEST, MODE_BATCHES[0])])
    alone = np.array([bn.predict(X_test[[row]], batch_statistics=True)[0] for row in range(0, N_TEST, 50)])
    first, second = (np.empty(N_TEST, dtype=int) for _ in range(2))
    for predictions in (first, second):
        for rows in random_batches(rng, N_TEST, 8):
            predictions[rows] = bn.predict(X_test[rows], batch_statistics=True)
    changed = float(np.mean(first != second))
    progress(len(RUNS) + 1, total)

    # 3. tiny batches
    small_rows = rng.choice(N_TRAIN, N_SMALL_TRAIN, replace=False)
    batch_sizes = sorted({small_batch, 8, 64})
    small: dict[tuple[int, bool], float] = {}
    for size in batch_sizes:
        for normalise in (True, False):
            net = MLPClassifier((WIDTH,) * SMALL_DEPTH, activation="relu", optimizer="sgd", momentum=0.9,
                                learning_rate=0.02, batch_size=size, n_epochs=SMALL_EPOCHS, batch_norm=normalise,
                                random_state=int(rng.integers(2**31))).fit(X[small_rows], y[small_rows])
            small[(size, normalise)] = float(net.score(X_test, y_test))
    progress(total, total)

    numbers: dict[str, Scalar] = {"coin_flip_loss": COIN_LOSS}
    for name in RUNS:
        history = np.array(models[name].train_loss_history_)
        key = KEYS[name]
        numbers[f"{key}_final_loss"] = float(history[-1])
        numbers[f"{key}_diverged"] = bool(not np.isfinite(history[-1]))
        numbers[f"{key}_epochs_run"] = len(history)
        numbers[f"{key}_test_accuracy"] = accuracy[name]
    for label, value in modes.items():
        numbers[_mode_key(label)] = value
    numbers["rows_changing_class_between_batchings_of_8"] = changed
    numbers["batches_of_one_give_one_class"] = bool(len(np.unique(alone)) == 1)
    for (size, normalise), value in small.items():
        numbers[f"{'bn' if normalise else 'plain'}_batch_{size}_test_accuracy"] = value

    tables = [
        ResultTable(f"{depth}-layer nets after {epochs} epochs",
                    ["run", "final training loss", "test accuracy"],
                    [[name, numbers[f"{KEYS[name]}_final_loss"], accuracy[name]] for name in RUNS]),
        ResultTable("The batch-norm net (small init) on the test rows", ["how it is used", "test accuracy"],
                    [[label, value] for label, value in modes.items()]),
        ResultTable(f"{SMALL_DEPTH}-layer nets trained with small batches ({N_SMALL_TRAIN} rows, {SMALL_EPOCHS} "
                    f"epochs)", ["batch size", "test accuracy, batch norm", "test accuracy, plain"],
                    [[size, small[(size, True)], small[(size, False)]] for size in batch_sizes]),
    ]
    notices = _notices(numbers, depth=depth, init_scale=init_scale, high_lr=high_lr, epochs=epochs,
                       small_batch=small_batch, models=models)
    figures = {
        "training": lambda: _training_figure(models, depth, init_scale, high_lr),
        "modes": lambda: _modes_figure(modes, float(max(y_test.mean(), 1 - y_test.mean()))),
        "small_batches": lambda: _small_figure(small, batch_sizes),
    }
    return LabResult("batch-norm", seed, numbers=numbers, tables=tables, notices=notices, figures=figures)


def _mode_key(label: str) -> str:
    return "accuracy_" + label.replace(",", "").replace(" ", "_")


def _loss_text(n: dict, key: str) -> str:
    if n[f"{key}_diverged"]:
        return f"diverged (its loss overflowed at epoch {n[f'{key}_epochs_run']})"
    return f"ended at loss {n[f'{key}_final_loss']:.3f} (test accuracy {n[f'{key}_test_accuracy']:.3f})"


def _notices(n: dict, *, depth: int, init_scale: float, high_lr: float, epochs: int, small_batch: int,
             models: dict) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    out = []
    plain = n["plain_small_init_final_loss"]
    init = (f"With small initial weights (sd {init_scale:g}), the plain {depth}-layer net "
            f"{_loss_text(n, 'plain_small_init')} after {epochs} epochs")
    if not n["plain_small_init_diverged"] and plain > COIN_LOSS - 0.03:
        init += f", no better than a coin flip (ln 2 = {COIN_LOSS:.3f}): it learned nothing"
    init += f"; with batch norm it {_loss_text(n, 'bn_small_init')}."
    out.append(init)
    high = (f"At learning rate {high_lr:g} with He initialisation, the plain net {_loss_text(n, 'plain_high_lr')}; "
            f"with batch norm it {_loss_text(n, 'bn_high_lr')}.")
    out.append(high)
    out.append(f"The baseline, plain with He initialisation at learning rate {BASE_LR:g}, "
               f"{_loss_text(n, 'baseline')}"
               + (": with a well-scaled start and a modest step a plain net this deep trains too, so what batch "
                  "norm bought here is tolerance to the initial scale and the step size."
                  if not n["baseline_diverged"] and n["baseline_final_loss"] < COIN_LOSS - 0.2 else "."))
    inference = n["accuracy_inference_mode"]
    parts = ", ".join(f"batches of {size}: {n[_mode_key(f'training mode, batches of {size}')]:.3f}"
                      for size in MODE_BATCHES)
    sorted_key = _mode_key(f"training mode, batches of {MODE_BATCHES[0]} of one class")
    modes = (f"The batch-norm net's test accuracy in inference mode: {inference:.3f}. Left in training mode: {parts}; "
             f"batches of {MODE_BATCHES[0]} rows of one class: {n[sorted_key]:.3f}.")
    if n["batches_of_one_give_one_class"]:
        modes += (" A batch of one row normalises every unit to exactly zero, so every row gets the same output "
                  "(here always the same class).")
    modes += (f" Between two random batchings into 8s, {n['rows_changing_class_between_batchings_of_8']:.1%} of "
              f"test rows changed predicted class: in training mode a row's prediction depends on its batch mates.")
    out.append(modes)
    tiny_bn, tiny_plain = n[f"bn_batch_{small_batch}_test_accuracy"], n[f"plain_batch_{small_batch}_test_accuracy"]
    big_bn, big_plain = n["bn_batch_64_test_accuracy"], n["plain_batch_64_test_accuracy"]
    tiny = (f"Trained with batches of {small_batch}, the {SMALL_DEPTH}-layer net scored {tiny_bn:.3f} with batch norm "
            f"and {tiny_plain:.3f} without; with batches of 64, {big_bn:.3f} and {big_plain:.3f}.")
    if tiny_bn < tiny_plain - 0.1:
        tiny += (" Batch norm failed with tiny batches: its batch statistics are too noisy"
                 + (" (with two rows, every normalised unit is +1 or -1)" if small_batch == 2 else "")
                 + ", so what it learned in training does not match inference.")
    elif tiny_bn < tiny_plain:
        tiny += " Batch norm lost a little with tiny batches."
    else:
        tiny += f" Batches of {small_batch} did not hurt batch norm here."
    out.append(tiny)
    return out


def _training_figure(models, depth, init_scale, high_lr):
    fig, (ax1, ax2) = new_figure(2, 1, width=5.8, height=4.4, title=f"Training a {depth}-layer ReLU net")
    panels = ((ax1, ("plain, He init", "plain, small init", "batch norm, small init"),
               f"Small initial weights (sd {init_scale:g}), learning rate {BASE_LR:g}"),
              (ax2, ("plain, He init", "plain, high lr", "batch norm, high lr"),
               f"He initialisation, learning rate {high_lr:g}"))
    colours = {"plain, He init": COLOURS[7], "plain, small init": COLOURS[3], "batch norm, small init": COLOURS[2],
               "plain, high lr": COLOURS[3], "batch norm, high lr": COLOURS[2]}
    for ax, names, title in panels:
        for name in names:
            history = np.array(models[name].train_loss_history_, dtype=float)
            shown = np.where(np.isfinite(history), history, np.nan)
            label = name + (" (diverged)" if not np.isfinite(history[-1]) else "")
            if name == "plain, He init":
                label += f", learning rate {BASE_LR:g}"
            ax.plot(np.arange(1, len(history) + 1), shown, "o-", ms=3, color=colours[name], label=label)
        ax.axhline(COIN_LOSS, color="k", ls=":", lw=1, label="ln 2: a coin flip")
        ax.set_ylim(0, 1.0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("epoch")
        ax.set_ylabel("training loss (cross-entropy)")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
    return fig


def _modes_figure(modes, majority):
    fig, ax = new_figure(width=8.0, height=4.4, title="One trained batch-norm net, used in different ways")
    labels = [label.replace("training mode, ", "training mode,\n") for label in modes]
    colours = [COLOURS[2]] + [COLOURS[1]] * (len(modes) - 2) + [COLOURS[3]]
    ax.bar(range(len(modes)), list(modes.values()), color=colours)
    ax.axhline(majority, color="k", ls=":", lw=1, label=f"always the majority class ({majority:.3f})")
    ax.set_xticks(range(len(modes)), labels, fontsize=8)
    ax.set_ylim(0, 1.0)
    ax.set_xlabel("normalisation statistics used")
    ax.set_ylabel("test accuracy")
    ax.legend(fontsize=8)
    return fig


def _small_figure(small, batch_sizes):
    fig, ax = new_figure(width=6.4, height=4.4, title=f"Small batches: {SMALL_DEPTH}-layer nets, inference mode")
    index = np.arange(len(batch_sizes))
    ax.bar(index - 0.2, [small[(s, True)] for s in batch_sizes], 0.4, color=COLOURS[2], label="batch norm")
    ax.bar(index + 0.2, [small[(s, False)] for s in batch_sizes], 0.4, color=COLOURS[7], label="plain")
    ax.axhline(0.5, color="k", ls=":", lw=1, label="0.5: a coin flip")
    ax.set_xticks(index, [str(s) for s in batch_sizes])
    ax.set_ylim(0, 1.0)
    ax.set_xlabel("training batch size")
    ax.set_ylabel("test accuracy")
    ax.legend(fontsize=8, loc="lower center", ncols=3)
    return fig
