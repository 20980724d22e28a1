"""From-scratch NumPy models with one scikit-learn-like contract (see ``base``).

Modules: ``linear`` (OLS by normal equation or batch/SGD/mini-batch GD, ridge, lasso),
``logistic``, ``neighbors`` (k-NN), ``cluster`` (k-means++), ``decomposition`` (PCA), ``tree``
(CART), ``ensemble`` (random forests, gradient boosting), ``neural`` (MLP with backprop and
training records), ``attention`` (scaled dot-product / multi-head self-attention),
``resampling`` (SMOTE), ``model_selection`` (k-fold, stratified, train/test split), ``metrics``,
``drift`` (KS two-sample test, PSI).

Every public name is importable from here (``from gauntlet.labs.models import Lasso``); the
module holding it is imported only on first use, so importing this package costs nothing.
Each model is checked against its scikit-learn / SciPy counterpart in
``tests/labs/test_models_reference.py``.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, tuple[str, ...]] = {
    "base": ("Estimator", "Regressor", "Classifier", "Transformer", "ModelInputError", "NotFittedError", "clone"),
    "linear": ("LinearRegression", "Ridge", "Lasso"),
    "logistic": ("LogisticRegression", "sigmoid", "softmax"),
    "neural": ("MLPClassifier", "MLPRegressor"),
    "model_selection": ("KFold", "StratifiedKFold", "train_test_split", "cross_val_score"),
    "tree": ("DecisionTreeClassifier", "DecisionTreeRegressor", "Tree", "SortedColumns"),
    "ensemble": (
        "RandomForestClassifier", "RandomForestRegressor", "GradientBoostingClassifier", "GradientBoostingRegressor",
    ),
    "decomposition": ("PCA",),
    "neighbors": ("KNeighborsClassifier", "KNeighborsRegressor", "pairwise_distances"),
    "cluster": ("KMeans", "kmeans_plusplus"),
    "drift": ("ks_2samp", "KSResult", "kolmogorov_sf", "smirnov_sf", "psi", "psi_breakdown", "PSIBreakdown"),
    "resampling": ("SMOTE",),
    "attention": ("scaled_dot_product_attention", "SelfAttention", "causal_mask", "stable_softmax"),
    "metrics": (
        "accuracy_score", "confusion_matrix", "precision_recall_f1", "precision_score", "recall_score",
        "f1_score", "roc_curve", "roc_auc_score", "auc", "precision_recall_curve", "average_precision_score",
        "pr_auc_score", "log_loss", "mean_squared_error", "mean_absolute_error", "r2_score",
    ),
}

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
