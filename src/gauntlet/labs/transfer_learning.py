"""Transfer learning: pretrain on a large task, fine-tune on a small related one, vs from scratch.

A hidden "world": 20 input features pass through a fixed random layer, ``h = tanh(x W)`` (8
latent features). The source task (``n_source`` rows, 10 classes) and the related target task
(binary) are both read off h by different linear heads, so they share the features a network
must discover. With ``target_task=unrelated`` the target reads a different random layer instead:
nothing useful to transfer.

Network: 2 hidden layers of 32 ReLU units, Adam. Pretraining: 40 epochs on the source task.
On the target, for each training-set size (``repeats`` draws each):

- from scratch: a fresh network (learning rate 0.003), ``steps`` Adam steps of 32 rows;
- linear probe: the pretrained hidden layers frozen, logistic regression on their output;
- fine-tuning: the pretrained hidden layers, with the linear probe as the output layer ("LP-FT":
  linear probing, then fine-tuning), all layers trained for 20 epochs at a third of the learning
  rate. A short run from a good start is how fine-tuning is done in practice (a few epochs): an
  earlier version of this lab fine-tuned from a random output layer for as many steps as scratch
  training, 480 epochs on 20 rows, and it overfitted those rows and distorted the pretrained
  features, ending well below the probe it started from (by 0.01 to 0.16 across seeds). With
  20 rows there is no validation split to spare for early stopping, so the budget is fixed.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import LogisticRegression, MLPClassifier
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "transfer-learning",
    params=(
        Param("target_task", "choice", "related", "a target that shares the source's features, or one that "
              "does not", choices=("related", "unrelated")),
        Param("n_source", "int", 10000, "rows of the large source task", low=1000, high=100000),
        Param("repeats", "int", 3, "target training sets drawn per size (results averaged)", low=1, high=20),
        Param("steps", "int", 300, "Adam steps (batches of 32) for each from-scratch training run", low=50,
              high=3000),
    ),
    notice=(
        "With a few dozen target rows, a network trained from scratch must discover the useful features from "
        "almost nothing and overfits; the pretrained network already computes them, so a linear probe or a "
        "light fine-tune needs only to learn how to combine them. That is the whole gain of transfer: "
        "sample efficiency.",
        "The advantage shrinks as target data grow, because with enough rows training from scratch finds the "
        "features too. Transfer matters most when labelled target data are scarce or expensive.",
        "Which transfer method wins depends on how close the tasks are. With the related target, which reads "
        "exactly the features the source needed, freezing them loses nothing and the linear probe (the cheapest "
        "option) is hard to beat; fine-tuning adds a little once there are rows enough to adapt the features.",
        "Fine-tuning here starts from the probe (linear probing, then fine-tuning): a randomly initialised output "
        "layer would send large, random gradients into the pretrained layers in the first steps and distort "
        "their features before it had learnt anything. A few epochs at a lower learning rate keep fine-tuning "
        "from overfitting a small target set and from wiping out what the pretrained layers learnt "
        "(catastrophic forgetting).",
        "With target_task=unrelated the pretrained features describe the wrong thing: the frozen probe is far "
        "worse than training from scratch, and fine-tuning, which starts from those features, at best catches "
        "up with training from scratch when there are rows enough to relearn them (negative or no transfer). "
        "Transfer works when the tasks share structure.",
    ),
    takeaway=(
        "Transfer learning reuses representations learnt on a large source task (ImageNet, a language-model "
        "corpus) for a related target task with little labelled data: freeze the backbone and train a head when "
        "data are tiny or the domains are close, fine-tune more layers (with a smaller learning rate, possibly "
        "gradually unfreezing) as data grow or the domain differs. Check it against a from-scratch baseline: "
        "the gain is largest with scarce data and can turn negative when the tasks are unrelated."
    ),
)

N_INPUTS, N_LATENT, N_SOURCE_CLASSES = 20, 8, 10
HIDDEN = (32, 32)
LEARNING_RATE = 0.003
BATCH = 32
PRETRAIN_EPOCHS = 40
FINETUNE_EPOCHS = 20
SIZES = (20, 50, 100, 200, 500, 1000)
N_TEST = 4000
METHODS = ("from scratch", "linear probe", "fine-tuning")
KEYS = {"from scratch": "scratch", "linear probe": "probe", "fine-tuning": "finetune"}


class World:
    """The hidden feature layer and the two tasks' heads."""

    def __init__(self, rng: np.random.Generator, related: bool):
        scale = 2.0 / np.sqrt(N_INPUTS)
        self.source_layer = rng.standard_normal((N_INPUTS, N_LATENT)) * scale
        other_layer = rng.standard_normal((N_INPUTS, N_LATENT)) * scale
        self.target_layer = self.source_layer if related else other_layer
        self.source_head = rng.standard_normal((N_LATENT, N_SOURCE_CLASSES))
        self.target_head = rng.standard_normal(N_LATENT)
        probe = np.tanh(rng.standard_normal((20000, N_INPUTS)) @ self.target_layer) @ self.target_head
        self.target_cut = float(np.median(probe))  # balanced target classes

    def source(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        X = rng.standard_normal((n, N_INPUTS))
        scores = np.tanh(X @ self.source_layer) @ self.source_head
        return X, np.argmax(scores + 0.3 * rng.standard_normal(scores.shape), axis=1)

    def target(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        X = rng.standard_normal((n, N_INPUTS))
        score = np.tanh(X @ self.target_layer) @ self.target_head
        return X, (score + 0.2 * rng.standard_normal(n) > self.target_cut).astype(int)


def fine_tune(pretrained: MLPClassifier, probe: LogisticRegression, X: np.ndarray, y: np.ndarray,
              seed: int) -> MLPClassifier:
    """The pretrained hidden layers under the probe's output layer, then every layer trained on (X, y)."""
    net = MLPClassifier(HIDDEN, learning_rate=LEARNING_RATE / 3, batch_size=BATCH, n_epochs=0,
                        random_state=seed).fit(X, y)  # zero epochs: shapes and classes
    for layer in range(len(HIDDEN)):
        net.weights_[layer][...] = pretrained.weights_[layer]
        net.biases_[layer][...] = pretrained.biases_[layer]
    # the probe's log-odds w.h + b as a two-class softmax: logits (-(w.h + b)/2, (w.h + b)/2)
    w, b = probe.coef_[0], probe.intercept_[0]
    net.weights_[-1][...] = np.column_stack([-w / 2, w / 2])
    net.biases_[-1][...] = [-b / 2, b / 2]
    return net.set_params(warm_start=True, n_epochs=FINETUNE_EPOCHS).fit(X, y)


def run(seed: int, progress: ProgressFn = no_progress, *, target_task: str, n_source: int, repeats: int,
        steps: int) -> LabResult:
    rng = np.random.default_rng(seed)
    world = World(rng, related=target_task == "related")
    X_src, y_src = world.source(rng, n_source)
    pretrained = MLPClassifier(HIDDEN, learning_rate=LEARNING_RATE, batch_size=64, n_epochs=PRETRAIN_EPOCHS,
                               random_state=int(rng.integers(0, 2**31))).fit(X_src, y_src)
    X_src_test, y_src_test = world.source(rng, N_TEST)
    source_accuracy = float(np.mean(pretrained.predict(X_src_test) == y_src_test))
    X_test, y_test = world.target(rng, N_TEST)
    test_features = pretrained.forward_activations(X_test)[-1]
    total = len(SIZES) * repeats + 1
    progress(1, total)

    accuracy = {m: np.zeros((len(SIZES), repeats)) for m in METHODS}
    for i, n in enumerate(SIZES):
        for r in range(repeats):
            X, y = world.target(rng, n)
            while len(np.unique(y)) < 2:  # a tiny sample can be all one class: draw again
                X, y = world.target(rng, n)
            epochs = max(1, -(-steps * BATCH // n))
            run_seed = int(rng.integers(0, 2**31))
            scratch = MLPClassifier(HIDDEN, learning_rate=LEARNING_RATE, batch_size=BATCH, n_epochs=epochs,
                                    random_state=run_seed).fit(X, y)
            probe = LogisticRegression().fit(pretrained.forward_activations(X)[-1], y)
            tuned = fine_tune(pretrained, probe, X, y, run_seed)
            accuracy["from scratch"][i, r] = np.mean(scratch.predict(X_test) == y_test)
            accuracy["linear probe"][i, r] = np.mean(probe.predict(test_features) == y_test)
            accuracy["fine-tuning"][i, r] = np.mean(tuned.predict(X_test) == y_test)
            progress(2 + i * repeats + r, total)
    mean = {m: accuracy[m].mean(axis=1) for m in METHODS}

    numbers: dict[str, float | int] = {"source_task_test_accuracy": source_accuracy}
    for m in METHODS:
        for i, n in enumerate(SIZES):
            numbers[f"{KEYS[m]}_accuracy_n{n}"] = mean[m][i]
    small, large = SIZES[0], SIZES[-1]
    for m in ("linear probe", "fine-tuning"):
        numbers[f"{KEYS[m]}_gain_over_scratch_n{small}"] = mean[m][0] - mean["from scratch"][0]
        numbers[f"{KEYS[m]}_gain_over_scratch_n{large}"] = mean[m][-1] - mean["from scratch"][-1]
    table = ResultTable(
        f"Target test accuracy ({target_task} target, mean of {repeats} training sets per size)",
        ["target training rows", *METHODS, "fine-tuning - scratch"],
        [[n, *(mean[m][i] for m in METHODS), mean["fine-tuning"][i] - mean["from scratch"][i]]
         for i, n in enumerate(SIZES)],
    )
    notices = [
        f"The pretrained network reaches {source_accuracy:.3f} on its own 10-class source task.",
        f"With {small} target rows: from scratch {mean['from scratch'][0]:.3f}, linear probe "
        f"{mean['linear probe'][0]:.3f}, fine-tuning {mean['fine-tuning'][0]:.3f}. With {large}: "
        f"{mean['from scratch'][-1]:.3f}, {mean['linear probe'][-1]:.3f}, {mean['fine-tuning'][-1]:.3f}.",
        f"Accuracy gained over training from scratch, at {small} and at {large} rows: linear probe "
        f"{numbers[f'probe_gain_over_scratch_n{small}']:+.3f} and {numbers[f'probe_gain_over_scratch_n{large}']:+.3f}, "
        f"fine-tuning {numbers[f'finetune_gain_over_scratch_n{small}']:+.3f} and "
        f"{numbers[f'finetune_gain_over_scratch_n{large}']:+.3f}.",
        _comparison(mean, small, large),
    ]
    figures = {"accuracy_vs_size": lambda: _figure(mean, accuracy, target_task)}
    return LabResult("transfer-learning", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


TIE = 0.005  # accuracies closer than this (on 4,000 test rows, averaged over the repeats) count as equal


def _comparison(mean: dict, small: int, large: int) -> str:
    """How the methods rank at both ends of the data range, from this run's accuracies."""
    def versus(a: str, b: str, i: int) -> str:
        gap = mean[a][i] - mean[b][i]
        return "matched" if abs(gap) < TIE else f"{'beat' if gap > 0 else 'trailed'} ({gap:+.3f})"

    shrank = {name: mean[key][0] - mean["from scratch"][0] > mean[key][-1] - mean["from scratch"][-1]
              for name, key in (("the probe's", "linear probe"), ("fine-tuning's", "fine-tuning"))}
    if all(shrank.values()):
        trend = f"both advantages over scratch shrank from {small} to {large} rows"
    elif any(shrank.values()):
        shrinking = next(name for name, did in shrank.items() if did)
        other = next(name for name, did in shrank.items() if not did)
        trend = f"{shrinking} advantage over scratch shrank from {small} to {large} rows, {other} did not"
    else:
        trend = f"neither advantage over scratch shrank from {small} to {large} rows"
    return (f"Fine-tuning {versus('fine-tuning', 'linear probe', 0)} the probe at {small} rows and "
            f"{versus('fine-tuning', 'linear probe', -1)} it at {large}; {trend}.")


def _figure(mean, accuracy, target_task):
    fig, ax = new_figure(width=7.0, title=f"Accuracy on the {target_task} target task vs labelled target rows")
    for (m, colour, marker) in zip(METHODS, COLOURS, "os^", strict=False):
        ax.plot(SIZES, mean[m], marker + "-", color=colour, label=m)
        ax.fill_between(SIZES, accuracy[m].min(axis=1), accuracy[m].max(axis=1), color=colour, alpha=0.12)
    ax.set_xscale("log")
    ax.set_xlabel("labelled target training rows (log scale)")
    ax.set_ylabel("target test accuracy (band: min to max over draws)")
    ax.legend()
    return fig
