"""The score model: features -> a 0-5 score on the scale human graders use.

A logistic curve over a linear combination of standardised features, ``5 * sigmoid(b + w . z)``,
fit by regularised least squares. The curve matters: human scores pile up at 5 for any answer that
says the reference's point, and a straight line would keep pushing strong answers past the top while
under-scoring them. Six numbers and a mean/scale per feature: small enough to read, hard to overfit.

Fitting uses damped Gauss-Newton in NumPy (no SciPy in the default install). The fitted parameters
ship as ``data/score_model.json``; ``benchmarks/grader_asag.py --write-model`` regenerates them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MAX_SCORE = 5.0
MODEL_FILE = Path(__file__).resolve().parent / "data" / "score_model.json"


@dataclass(frozen=True)
class ScoreModel:
    feature_names: tuple[str, ...]
    means: np.ndarray
    scales: np.ndarray
    bias: float
    weights: np.ndarray
    l2: float
    trained_on: str = ""

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Scores in [0, 5] for an (n, d) matrix (or one (d,) vector) of features in ``feature_names`` order."""
        z = (np.asarray(features, dtype=np.float64) - self.means) / self.scales
        scores: np.ndarray = MAX_SCORE / (1.0 + np.exp(-(z @ self.weights + self.bias)))
        return scores

    def score(self, features: dict[str, float]) -> float:
        """The model's 0-5 score of one answer, before the rubric's caps."""
        vector = np.array([features[name] for name in self.feature_names], dtype=np.float64)
        return float(self.predict(vector))

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature_names": list(self.feature_names),
            "means": self.means.tolist(),
            "scales": self.scales.tolist(),
            "bias": self.bias,
            "weights": self.weights.tolist(),
            "l2": self.l2,
            "trained_on": self.trained_on,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreModel:
        return cls(
            feature_names=tuple(data["feature_names"]),
            means=np.asarray(data["means"], dtype=np.float64),
            scales=np.asarray(data["scales"], dtype=np.float64),
            bias=float(data["bias"]),
            weights=np.asarray(data["weights"], dtype=np.float64),
            l2=float(data["l2"]),
            trained_on=data.get("trained_on", ""),
        )


def fit_score_model(features: np.ndarray, scores: np.ndarray, feature_names: tuple[str, ...],
                    l2: float = 10.0, trained_on: str = "") -> ScoreModel:
    """Least squares of ``5*sigmoid(b + w.z)`` against human scores, with ``l2 * |w|^2 / n`` added."""
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(scores, dtype=np.float64)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-9] = 1.0
    z = np.column_stack([np.ones(len(x)), (x - means) / scales])
    n, d = z.shape
    penalty = np.full(d, l2 / n)
    penalty[0] = 0.0  # the bias is not shrunk
    theta = np.zeros(d)
    theta[0] = np.log(y.mean() / (MAX_SCORE - y.mean() + 1e-9) + 1e-9)

    def loss(t: np.ndarray) -> float:
        p = MAX_SCORE / (1.0 + np.exp(-(z @ t)))
        return float(np.mean((p - y) ** 2) + np.sum(penalty * t * t))

    damping = 1e-3
    current = loss(theta)
    for _ in range(200):
        s = 1.0 / (1.0 + np.exp(-(z @ theta)))
        residual = MAX_SCORE * s - y
        jacobian = z * (MAX_SCORE * s * (1 - s))[:, None]
        gradient = jacobian.T @ residual / n + penalty * theta
        hessian = jacobian.T @ jacobian / n + np.diag(penalty)
        while True:
            step = np.linalg.solve(hessian + damping * np.eye(d), gradient)
            candidate = theta - step
            new = loss(candidate)
            if new <= current:
                theta, improvement, current = candidate, current - new, new
                damping = max(damping / 3, 1e-9)
                break
            damping *= 10
            if damping > 1e6:
                improvement = 0.0
                break
        if improvement < 1e-12:
            break
    return ScoreModel(tuple(feature_names), means, scales, float(theta[0]), theta[1:], l2, trained_on)


_LOADED: ScoreModel | None = None


def load_score_model() -> ScoreModel:
    global _LOADED
    if _LOADED is None:
        _LOADED = ScoreModel.from_dict(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
    return _LOADED


def save_score_model(model: ScoreModel, path: Path = MODEL_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_dict(), indent=2) + "\n", encoding="utf-8")
