"""From-scratch NumPy models with one scikit-learn-like contract (see ``base``).

Modules: ``linear`` (OLS by normal equation or batch/SGD/mini-batch GD, ridge, lasso),
``logistic``, ``calibration`` (Platt scaling, isotonic regression, reliability
curves), ``ab_testing`` (two-proportion z-test, power, sample size, group-sequential
boundaries), ``neighbors`` (k-NN), ``cluster`` (k-means++), ``cluster_metrics`` (silhouette,
adjusted Rand index), ``decomposition`` (PCA), ``tree`` (CART), ``ensemble`` (random forests,
gradient boosting), ``neural`` (MLP with backprop and training records), ``optim`` (gradient
descent, heavy-ball momentum and Adam update rules), ``inspection`` (permutation
importance), ``retrieval`` (cosine similarity; exact, LSH and IVF search), ``attention`` (scaled
dot-product / multi-head self-attention), ``random_features`` (random ReLU layer, ridge and minimum-norm
least squares by SVD), ``resampling`` (SMOTE), ``model_selection`` (k-fold,
stratified, time-series, train/test split), ``metrics``, ``drift`` (KS two-sample test, PSI).

Every public name is importable from here (``from gauntlet.labs.models import Lasso``); the
module holding it is imported only on first use, so importing this package costs nothing.
Each model is checked against its scikit-learn / SciPy counterpart in
``tests/labs/test_models_reference.py``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # What the lazy __getattr__ below returns, spelled out for type checkers (never run);
    # "import X as X" marks a name as re-exported. tests/labs/test_models_package.py keeps
    # this list and _EXPORTS in step.
    from gauntlet.labs.models.ab_testing import boundary_shape as boundary_shape
    from gauntlet.labs.models.ab_testing import critical_value as critical_value
    from gauntlet.labs.models.ab_testing import group_sequential_constant as group_sequential_constant
    from gauntlet.labs.models.ab_testing import power_two_proportions as power_two_proportions
    from gauntlet.labs.models.ab_testing import sample_size_two_proportions as sample_size_two_proportions
    from gauntlet.labs.models.ab_testing import two_proportion_z as two_proportion_z
    from gauntlet.labs.models.attention import SelfAttention as SelfAttention
    from gauntlet.labs.models.attention import causal_mask as causal_mask
    from gauntlet.labs.models.attention import scaled_dot_product_attention as scaled_dot_product_attention
    from gauntlet.labs.models.attention import stable_softmax as stable_softmax
    from gauntlet.labs.models.base import Classifier as Classifier
    from gauntlet.labs.models.base import Estimator as Estimator
    from gauntlet.labs.models.base import ModelInputError as ModelInputError
    from gauntlet.labs.models.base import NotFittedError as NotFittedError
    from gauntlet.labs.models.base import Regressor as Regressor
    from gauntlet.labs.models.base import Transformer as Transformer
    from gauntlet.labs.models.base import clone as clone
    from gauntlet.labs.models.calibration import IsotonicRegression as IsotonicRegression
    from gauntlet.labs.models.calibration import PlattScaling as PlattScaling
    from gauntlet.labs.models.calibration import brier_score as brier_score
    from gauntlet.labs.models.calibration import calibration_curve as calibration_curve
    from gauntlet.labs.models.calibration import expected_calibration_error as expected_calibration_error
    from gauntlet.labs.models.calibration import pool_adjacent_violators as pool_adjacent_violators
    from gauntlet.labs.models.cluster import KMeans as KMeans
    from gauntlet.labs.models.cluster import kmeans_plusplus as kmeans_plusplus
    from gauntlet.labs.models.cluster_metrics import adjusted_rand_score as adjusted_rand_score
    from gauntlet.labs.models.cluster_metrics import silhouette_samples as silhouette_samples
    from gauntlet.labs.models.cluster_metrics import silhouette_score as silhouette_score
    from gauntlet.labs.models.decomposition import PCA as PCA
    from gauntlet.labs.models.drift import KSResult as KSResult
    from gauntlet.labs.models.drift import PSIBreakdown as PSIBreakdown
    from gauntlet.labs.models.drift import kolmogorov_sf as kolmogorov_sf
    from gauntlet.labs.models.drift import ks_2samp as ks_2samp
    from gauntlet.labs.models.drift import psi as psi
    from gauntlet.labs.models.drift import psi_breakdown as psi_breakdown
    from gauntlet.labs.models.drift import smirnov_sf as smirnov_sf
    from gauntlet.labs.models.ensemble import GradientBoostingClassifier as GradientBoostingClassifier
    from gauntlet.labs.models.ensemble import GradientBoostingRegressor as GradientBoostingRegressor
    from gauntlet.labs.models.ensemble import RandomForestClassifier as RandomForestClassifier
    from gauntlet.labs.models.ensemble import RandomForestRegressor as RandomForestRegressor
    from gauntlet.labs.models.inspection import PermutationImportance as PermutationImportance
    from gauntlet.labs.models.inspection import permutation_importance as permutation_importance
    from gauntlet.labs.models.linear import Lasso as Lasso
    from gauntlet.labs.models.linear import LinearRegression as LinearRegression
    from gauntlet.labs.models.linear import Ridge as Ridge
    from gauntlet.labs.models.logistic import LogisticRegression as LogisticRegression
    from gauntlet.labs.models.logistic import sigmoid as sigmoid
    from gauntlet.labs.models.logistic import softmax as softmax
    from gauntlet.labs.models.metrics import accuracy_score as accuracy_score
    from gauntlet.labs.models.metrics import auc as auc
    from gauntlet.labs.models.metrics import average_precision_score as average_precision_score
    from gauntlet.labs.models.metrics import confusion_matrix as confusion_matrix
    from gauntlet.labs.models.metrics import f1_score as f1_score
    from gauntlet.labs.models.metrics import log_loss as log_loss
    from gauntlet.labs.models.metrics import mean_absolute_error as mean_absolute_error
    from gauntlet.labs.models.metrics import mean_squared_error as mean_squared_error
    from gauntlet.labs.models.metrics import pr_auc_score as pr_auc_score
    from gauntlet.labs.models.metrics import precision_recall_curve as precision_recall_curve
    from gauntlet.labs.models.metrics import precision_recall_f1 as precision_recall_f1
    from gauntlet.labs.models.metrics import precision_score as precision_score
    from gauntlet.labs.models.metrics import r2_score as r2_score
    from gauntlet.labs.models.metrics import recall_score as recall_score
    from gauntlet.labs.models.metrics import roc_auc_score as roc_auc_score
    from gauntlet.labs.models.metrics import roc_curve as roc_curve
    from gauntlet.labs.models.model_selection import KFold as KFold
    from gauntlet.labs.models.model_selection import StratifiedKFold as StratifiedKFold
    from gauntlet.labs.models.model_selection import TimeSeriesSplit as TimeSeriesSplit
    from gauntlet.labs.models.model_selection import cross_val_score as cross_val_score
    from gauntlet.labs.models.model_selection import train_test_split as train_test_split
    from gauntlet.labs.models.neighbors import KNeighborsClassifier as KNeighborsClassifier
    from gauntlet.labs.models.neighbors import KNeighborsRegressor as KNeighborsRegressor
    from gauntlet.labs.models.neighbors import pairwise_distances as pairwise_distances
    from gauntlet.labs.models.neural import MLPClassifier as MLPClassifier
    from gauntlet.labs.models.optim import Adam as Adam
    from gauntlet.labs.models.optim import GradientDescent as GradientDescent
    from gauntlet.labs.models.optim import Momentum as Momentum
    from gauntlet.labs.models.random_features import RandomReLUFeatures as RandomReLUFeatures
    from gauntlet.labs.models.random_features import nonzero_singular_values as nonzero_singular_values
    from gauntlet.labs.models.random_features import ridge_svd as ridge_svd
    from gauntlet.labs.models.resampling import SMOTE as SMOTE
    from gauntlet.labs.models.retrieval import IVFIndex as IVFIndex
    from gauntlet.labs.models.retrieval import RandomHyperplaneLSH as RandomHyperplaneLSH
    from gauntlet.labs.models.retrieval import cosine_similarity as cosine_similarity
    from gauntlet.labs.models.retrieval import exact_search as exact_search
    from gauntlet.labs.models.retrieval import normalize_rows as normalize_rows
    from gauntlet.labs.models.retrieval import recall_at_k as recall_at_k
    from gauntlet.labs.models.retrieval import top_k as top_k
    from gauntlet.labs.models.tree import DecisionTreeClassifier as DecisionTreeClassifier
    from gauntlet.labs.models.tree import DecisionTreeRegressor as DecisionTreeRegressor
    from gauntlet.labs.models.tree import SortedColumns as SortedColumns
    from gauntlet.labs.models.tree import Tree as Tree

_EXPORTS: dict[str, tuple[str, ...]] = {
    "base": ("Estimator", "Regressor", "Classifier", "Transformer", "ModelInputError", "NotFittedError", "clone"),
    "linear": ("LinearRegression", "Ridge", "Lasso"),
    "logistic": ("LogisticRegression", "sigmoid", "softmax"),
    "neural": ("MLPClassifier",),
    "optim": ("GradientDescent", "Momentum", "Adam"),
    "inspection": ("permutation_importance", "PermutationImportance"),
    "retrieval": ("normalize_rows", "cosine_similarity", "top_k", "exact_search", "recall_at_k",
                  "RandomHyperplaneLSH", "IVFIndex"),
    "model_selection": ("KFold", "StratifiedKFold", "TimeSeriesSplit", "train_test_split", "cross_val_score"),
    "tree": ("DecisionTreeClassifier", "DecisionTreeRegressor", "Tree", "SortedColumns"),
    "ensemble": (
        "RandomForestClassifier", "RandomForestRegressor", "GradientBoostingClassifier", "GradientBoostingRegressor",
    ),
    "decomposition": ("PCA",),
    "neighbors": ("KNeighborsClassifier", "KNeighborsRegressor", "pairwise_distances"),
    "calibration": (
        "PlattScaling", "IsotonicRegression", "pool_adjacent_violators", "calibration_curve",
        "expected_calibration_error", "brier_score",
    ),
    "ab_testing": (
        "two_proportion_z", "critical_value", "power_two_proportions", "sample_size_two_proportions",
        "boundary_shape", "group_sequential_constant",
    ),
    "cluster": ("KMeans", "kmeans_plusplus"),
    "cluster_metrics": ("silhouette_samples", "silhouette_score", "adjusted_rand_score"),
    "drift": ("ks_2samp", "KSResult", "kolmogorov_sf", "smirnov_sf", "psi", "psi_breakdown", "PSIBreakdown"),
    "random_features": ("RandomReLUFeatures", "ridge_svd", "nonzero_singular_values"),
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
