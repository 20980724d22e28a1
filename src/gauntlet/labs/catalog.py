"""The list of labs: ids, titles and one-line summaries, and how to load a lab by id.

Importing this module costs nothing heavy (no NumPy, no matplotlib): the question-bank validator
calls ``lab_ids()`` to check cross-references, and `gauntlet lab list` must start fast. A lab's
module (``gauntlet.labs.<id with underscores>``) is imported only by ``load_lab``.
Question files link to these ids, so an id never changes once shipped.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from gauntlet.errors import NotFoundError
from gauntlet.labs.spec import LabSpec, Param


@dataclass(frozen=True)
class LabEntry:
    id: str
    title: str
    summary: str

    @property
    def module_name(self) -> str:
        return "gauntlet.labs." + self.id.replace("-", "_")


LABS: tuple[LabEntry, ...] = (
    LabEntry("bias-variance", "Bias-variance trade-off",
             "Split test error into bias², variance and noise across polynomial degrees, by refitting on "
             "resampled training sets."),
    LabEntry("l1-vs-l2", "L1 vs L2 regularisation",
             "Coefficient paths of lasso and ridge: L1 sets coefficients exactly to zero, L2 only shrinks them."),
    LabEntry("learning-rate", "Gradient descent and the learning rate",
             "The same problem with three step sizes: one diverges, one crawls, one converges; the limit is "
             "2 / largest curvature."),
    LabEntry("gd-variants", "Batch vs stochastic vs mini-batch gradient descent",
             "Loss per epoch and per second, and gradient noise, for batch sizes from 1 to the full data set."),
    LabEntry("vanishing-gradients", "Vanishing and exploding gradients",
             "Per-layer gradient norms of a deep net: sigmoid vs ReLU, Xavier vs He initialisation, and "
             "gradient clipping."),
    LabEntry("bagging-vs-boosting", "Bagging vs boosting",
             "Bagging deep trees cuts variance; boosting stumps cuts bias: measured over many training sets."),
    LabEntry("imbalanced-data", "Imbalanced classes",
             "The accuracy trap, class weights, SMOTE and threshold tuning on 5% positives, judged by "
             "precision, recall and the PR curve."),
    LabEntry("cross-validation", "Cross-validation vs a single split",
             "How much one train/test split's score varies with the split, against k-fold cross-validation."),
    LabEntry("pca", "Principal component analysis",
             "Explained variance, reconstruction from k components, and why features must be scaled first."),
    LabEntry("curse-of-dimensionality", "Curse of dimensionality",
             "Distances concentrate as dimensions grow, and k-NN accuracy falls as irrelevant dimensions "
             "are added."),
    LabEntry("drift-every-six-hours", "Drift every six hours",
             "Inputs that move every six hours, a labelling rule that changes once, labels that arrive late: "
             "input and performance monitors, scheduled, triggered and cycle-aware retraining, compared on "
             "accuracy, refits, alerts and missed hours."),
    LabEntry("precision-recall-costs", "Precision, recall and business costs",
             "Choose the decision threshold by expected cost, not 0.5 or F1, when a miss costs more than "
             "a false alarm."),
    LabEntry("self-attention", "Self-attention on a toy sentence",
             "A one-head attention layer learns to look at the context word that tells 'bank' (river) from "
             "'bank' (money)."),
    LabEntry("transfer-learning", "Transfer learning",
             "Pretrain on a large synthetic task, fine-tune on a small related one, and compare with training "
             "from scratch as the data grows."),
    LabEntry("deep-net-overfitting", "Overfitting a deep net, and the fixes",
             "A large net memorises noisy labels; early stopping, L2 weight decay and dropout each close part "
             "of the gap."),
    LabEntry("k-means", "k-means and choosing k",
             "The inertia elbow vs the silhouette for choosing k, where k-means fails (unequal spreads, "
             "half-moons) even with the right k, and random starts vs k-means++."),
    LabEntry("optimisers", "Optimisers on an ill-conditioned bowl",
             "Gradient descent, heavy-ball momentum and Adam on a stretched quadratic: steps to a tolerance as "
             "the condition number grows, with the bowl aligned to the axes or rotated."),
    LabEntry("feature-importance", "Permutation vs impurity importance",
             "A random id column that impurity importance credits and permutation importance on held-out data "
             "does not, and a correlated copy that splits or hides a feature's credit."),
    LabEntry("nested-cv", "Nested cross-validation and time-series splits",
             "The best CV score after tuning overstates the tuned model, nested CV does not; random k-fold on "
             "autocorrelated series overstates the future, time-ordered folds do not."),
    LabEntry("embeddings-retrieval", "Embeddings and approximate nearest-neighbour search",
             "Cosine vs dot product vs Euclidean on raw and normalised embeddings, and recall@k against the share "
             "of the corpus scanned for random-hyperplane LSH and IVF, next to exact search."),
    LabEntry("batch-norm", "Batch normalisation",
             "A deep MLP trained with and without batch norm (small initial weights, a high learning rate), "
             "training vs inference mode, and what tiny batches do to batch statistics."),
    LabEntry("calibration", "Probability calibration",
             "Reliability diagrams, how class weights and undersampling inflate probabilities, and Platt scaling "
             "vs isotonic regression as the calibration set grows."),
    LabEntry("leakage", "Data leakage",
             "Six leaks measured against new data: scaling, feature selection and SMOTE before the split, a "
             "feature recorded after the outcome, duplicates across splits, and random splits of time-ordered data."),
    LabEntry("ab-testing", "A/B tests: power and peeking",
             "False positives of peeking at a test against one test at a fixed horizon, Pocock and O'Brien-Fleming "
             "boundaries that allow looks, power against sample size, and the winner's curse."),
    LabEntry("double-descent", "Double descent",
             "Random-features regression by minimum-norm least squares: test error peaks where features equal "
             "training rows, then falls again; tuned ridge has no peak."),
    LabEntry("learning-curves", "Learning curves",
             "Training and validation error against training-set size for a straight line (high bias) and a "
             "degree-15 polynomial (high variance): what more data can and cannot fix."),
)

_BY_ID = {lab.id: lab for lab in LABS}


def lab_ids() -> list[str]:
    """Every lab id, in catalog order."""
    return [lab.id for lab in LABS]


def entry(lab_id: str) -> LabEntry:
    """The catalog entry of ``lab_id``; NotFoundError (listing valid ids) if there is none."""
    try:
        return _BY_ID[lab_id]
    except KeyError:
        raise NotFoundError(f"no lab '{lab_id}'; valid labs: {', '.join(lab_ids())}") from None


def lab_spec(lab_id: str, *, params: tuple[Param, ...], notice: tuple[str, ...], takeaway: str) -> LabSpec:
    """A lab module's SPEC, with its title and summary taken from this catalog (their one home)."""
    found = entry(lab_id)
    return LabSpec(id=found.id, title=found.title, summary=found.summary, params=params, notice=notice,
                   takeaway=takeaway)


def load_lab(lab_id: str) -> ModuleType:
    """The module of ``lab_id``, exposing ``SPEC: LabSpec`` and ``run(seed, progress=..., **params)``."""
    return importlib.import_module(entry(lab_id).module_name)
