"""What grading an answer produces: plain dataclasses with explicit, JSON-safe to_dict/from_dict.

The dict layout is what the store keeps with an attempt and what the web and mock reports read:
``score``, ``meaning``, ``key_points`` [{text, status, tip, span}], ``signals`` [{id, name, present,
span, tip}], ``pitfall`` {mistake, correction, span} | None, ``notes``, ``version``. Spans are
{start, end, text} with character offsets into the answer as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GRADER_VERSION = "grader-1"
STATUSES = ("covered", "partly", "missed")


@dataclass(frozen=True)
class Evidence:
    """A stretch of the answer: characters [start, end) and their text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Evidence | None":
        if not data:
            return None
        return cls(int(data["start"]), int(data["end"]), str(data.get("text", "")))


@dataclass(frozen=True)
class KeyPointResult:
    text: str
    status: str  # "covered" | "partly" | "missed"
    similarity: float  # best cosine between the key point and a span of the answer
    span: Evidence | None  # the answer's best span (None when missed and nothing came close)
    tip: str = ""  # for partly/missed: what to add
    contradicted: bool = False  # the closest span says the opposite (negation or antonym)

    def to_dict(self) -> dict:
        return {"text": self.text, "status": self.status, "similarity": round(self.similarity, 4),
                "span": self.span.to_dict() if self.span else None, "tip": self.tip,
                "contradicted": self.contradicted}

    @classmethod
    def from_dict(cls, data: dict) -> "KeyPointResult":
        return cls(data["text"], data["status"], float(data.get("similarity", 0.0)), Evidence.from_dict(data.get("span")),
                   data.get("tip", ""), bool(data.get("contradicted", False)))


@dataclass(frozen=True)
class SignalResult:
    id: str
    name: str
    present: bool
    span: Evidence | None  # the evidence when present
    tip: str  # how to show it (shown when absent)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "present": self.present,
                "span": self.span.to_dict() if self.span else None, "tip": self.tip}

    @classmethod
    def from_dict(cls, data: dict) -> "SignalResult":
        return cls(data["id"], data["name"], bool(data["present"]), Evidence.from_dict(data.get("span")), data.get("tip", ""))


@dataclass(frozen=True)
class PitfallMatch:
    mistake: str
    correction: str
    similarity: float
    span: Evidence

    def to_dict(self) -> dict:
        return {"mistake": self.mistake, "correction": self.correction, "similarity": round(self.similarity, 4),
                "span": self.span.to_dict()}

    @classmethod
    def from_dict(cls, data: dict | None) -> "PitfallMatch | None":
        if not data:
            return None
        return cls(data["mistake"], data["correction"], float(data.get("similarity", 0.0)),
                   Evidence.from_dict(data.get("span")) or Evidence(0, 0, ""))


@dataclass(frozen=True)
class Grade:
    score: float  # 0-5, calibrated to human graders' scale
    label: str  # one word: "excellent", "strong", "partial", "weak", "off target", "empty"
    meaning: str  # one line saying what the score means
    key_points: tuple[KeyPointResult, ...] = ()
    signals: tuple[SignalResult, ...] = ()
    pitfall: PitfallMatch | None = None
    notes: tuple[str, ...] = ()  # e.g. that a very long answer was only partly embedded
    version: str = GRADER_VERSION
    features: dict = field(default_factory=dict)  # the score model's inputs, for debugging and audits

    @property
    def covered(self) -> tuple[KeyPointResult, ...]:
        return tuple(k for k in self.key_points if k.status == "covered")

    @property
    def missed(self) -> tuple[KeyPointResult, ...]:
        return tuple(k for k in self.key_points if k.status != "covered")

    def to_dict(self) -> dict:
        return {
            "score": round(self.score, 2),
            "label": self.label,
            "meaning": self.meaning,
            "key_points": [k.to_dict() for k in self.key_points],
            "signals": [s.to_dict() for s in self.signals],
            "pitfall": self.pitfall.to_dict() if self.pitfall else None,
            "notes": list(self.notes),
            "version": self.version,
            "features": {k: round(float(v), 4) for k, v in self.features.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Grade":
        return cls(
            score=float(data["score"]),
            label=data.get("label", ""),
            meaning=data.get("meaning", ""),
            key_points=tuple(KeyPointResult.from_dict(k) for k in data.get("key_points", [])),
            signals=tuple(SignalResult.from_dict(s) for s in data.get("signals", [])),
            pitfall=PitfallMatch.from_dict(data.get("pitfall")),
            notes=tuple(data.get("notes", [])),
            version=data.get("version", GRADER_VERSION),
            features=dict(data.get("features", {})),
        )


# (lower bound, label, meaning): the first row whose bound the score reaches.
SCORE_BANDS = (
    (4.5, "excellent", "Excellent: says what a strong candidate says; polish the delivery."),
    (3.75, "strong", "Strong: the core is right; add the missing points below to make it complete."),
    (2.75, "partial", "Partial: on the right track, but key points are missing or vague."),
    (1.5, "weak", "Weak: touches the topic but misses most of what the question asks."),
    (0.0, "off target", "Off target: does not answer the question yet; study the model answer."),
)


def describe_score(score: float) -> tuple[str, str]:
    for bound, label, meaning in SCORE_BANDS:
        if score >= bound:
            return label, meaning
    return SCORE_BANDS[-1][1], SCORE_BANDS[-1][2]
