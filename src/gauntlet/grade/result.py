"""What grading an answer produces: plain dataclasses with explicit, JSON-safe to_dict/from_dict.

The dict layout is what the store keeps with an attempt and what the web and mock reports read:
``score``, ``meaning``, ``key_points`` [{text, status, tip, span}], ``signals`` [{id, name, present,
span, tip}], ``pitfall`` {mistake, correction, span} | None, ``notes``, ``version``. Spans are
{start, end, text} with character offsets into the answer as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Bump when the grader's judgement changes: stored attempts graded by an older version are re-graded
# by `gauntlet regrade` (the old grade stays in the attempt's history).
GRADER_VERSION = "grader-2"


@dataclass(frozen=True)
class Evidence:
    """A stretch of the answer: characters [start, end) and their text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Evidence | None:
        if not data:
            return None
        return cls(int(data["start"]), int(data["end"]), str(data.get("text", "")))


@dataclass(frozen=True)
class KeyPointResult:
    text: str
    status: str  # "covered" | "partly" | "missed" | "contradicted"
    similarity: float  # best cosine between the key point and a span of the answer
    span: Evidence | None  # the answer's best span (None when missed and nothing came close)
    tip: str = ""  # for partly/missed: what to add
    contradicted: bool = False  # status == "contradicted": a span asserts the opposite (kept for old dicts)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "status": self.status, "similarity": round(self.similarity, 4),
                "span": self.span.to_dict() if self.span else None, "tip": self.tip,
                "contradicted": self.contradicted}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KeyPointResult:
        contradicted = bool(data.get("contradicted", False)) or data["status"] == "contradicted"
        return cls(data["text"], "contradicted" if contradicted else data["status"], float(data.get("similarity", 0.0)),
                   Evidence.from_dict(data.get("span")), data.get("tip", ""), contradicted)


@dataclass(frozen=True)
class SignalResult:
    id: str
    name: str
    present: bool
    span: Evidence | None  # the evidence when present
    tip: str  # how to show it (shown when absent)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "present": self.present,
                "span": self.span.to_dict() if self.span else None, "tip": self.tip}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SignalResult:
        return cls(data["id"], data["name"], bool(data["present"]), Evidence.from_dict(data.get("span")),
                   data.get("tip", ""))


@dataclass(frozen=True)
class PitfallMatch:
    mistake: str
    correction: str
    similarity: float
    span: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"mistake": self.mistake, "correction": self.correction, "similarity": round(self.similarity, 4),
                "span": self.span.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PitfallMatch | None:
        if not data:
            return None
        return cls(data["mistake"], data["correction"], float(data.get("similarity", 0.0)),
                   Evidence.from_dict(data.get("span")) or Evidence(0, 0, ""))


@dataclass(frozen=True)
class Grade:
    score: float | None  # 0-5 on the rubric's scale (docs/grading-rubric.md); None when not graded
    label: str  # a few words: "excellent", "strong", "partial", "weak", "wrong", "off target", "empty", "not graded"
    meaning: str  # what the score means for this answer, from its evidence
    key_points: tuple[KeyPointResult, ...] = ()
    signals: tuple[SignalResult, ...] = ()
    pitfall: PitfallMatch | None = None
    notes: tuple[str, ...] = ()  # what the grader saw that the numbers do not say (long answer, a list...)
    version: str = GRADER_VERSION
    features: dict[str, float] = field(default_factory=dict)  # the score model's inputs, for debugging and audits
    findings: tuple[str, ...] = ()  # answer-level findings: see FINDINGS
    answers_question: dict[str, str] | None = None  # {id, title} of the bank question this answer seems to answer

    @property
    def graded(self) -> bool:
        return self.score is not None

    @property
    def covered(self) -> tuple[KeyPointResult, ...]:
        return tuple(k for k in self.key_points if k.status == "covered")

    @property
    def missed(self) -> tuple[KeyPointResult, ...]:
        return tuple(k for k in self.key_points if k.status != "covered")

    @property
    def contradicted(self) -> tuple[KeyPointResult, ...]:
        return tuple(k for k in self.key_points if k.status == "contradicted")

    @property
    def false_claims(self) -> int:
        """Contradicted key points plus a pitfall fallen into: what the rubric caps."""
        return len(self.contradicted) + (1 if self.pitfall else 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 2),
            "label": self.label,
            "meaning": self.meaning,
            "key_points": [k.to_dict() for k in self.key_points],
            "signals": [s.to_dict() for s in self.signals],
            "pitfall": self.pitfall.to_dict() if self.pitfall else None,
            "notes": list(self.notes),
            "version": self.version,
            "features": {k: round(float(v), 4) for k, v in self.features.items()},
            "findings": list(self.findings),
            "answers_question": self.answers_question,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grade:
        return cls(
            score=None if data.get("score") is None else float(data["score"]),
            label=data.get("label", ""),
            meaning=data.get("meaning", ""),
            key_points=tuple(KeyPointResult.from_dict(k) for k in data.get("key_points", [])),
            signals=tuple(SignalResult.from_dict(s) for s in data.get("signals", [])),
            pitfall=PitfallMatch.from_dict(data.get("pitfall")),
            notes=tuple(data.get("notes", [])),
            version=data.get("version", "grader-1"),
            features=dict(data.get("features", {})),
            findings=tuple(data.get("findings", [])),
            answers_question=data.get("answers_question"),
        )


# Answer-level findings, each of which caps the score (docs/grading-rubric.md).
FINDINGS = {
    "false_claim": 2.5,  # one contradicted key point or pitfall
    "false_claims": 1.5,  # two or more
    "keyword_list": 2.0,  # terms named, nothing asserted
    "code_only": 2.0,  # code without an explanation
    "off_topic": 1.5,  # closer to another bank question than to this one
    "copied_question": 1.0,  # the question repeated back
    "dont_know": 1.0,  # "I don't know"
    "no_claim": 1.0,  # nothing of the question asserted (platitudes, generic talk)
}

# (lower bound, label): the first row whose bound the score reaches.
SCORE_BANDS = (
    (4.5, "excellent"),
    (3.75, "strong"),
    (2.75, "partial"),
    (1.5, "weak"),
    (0.0, "off target"),
)


def describe_score(score: float) -> tuple[str, str]:
    """Label and a generic meaning for a bare score (old grades without evidence)."""
    for bound, label in SCORE_BANDS:
        if score >= bound:
            return label, f"{label.capitalize()}."
    return SCORE_BANDS[-1][1], "Off target."
