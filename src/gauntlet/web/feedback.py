"""Turn a stored grade (``Grade.to_dict()``) into what the feedback templates show."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FeedbackView:
    graded: bool
    score: float | None = None
    meaning: str = ""
    key_points: list[dict] = field(default_factory=list)  # {text, status, tip, span}
    signals: list[dict] = field(default_factory=list)  # {name, present, evidence, tip}
    pitfall: dict | None = None  # {mistake, correction, span}
    spans: list[dict] = field(default_factory=list)  # for highlight_spans: {start, end, label, status}
    label: str = ""
    notes: list[str] = field(default_factory=list)  # what capped the score, truncation, language
    answers_question: dict | None = None  # {id, title}: the question this answer seems to answer


def feedback_view(grade: dict | None, answer: str) -> FeedbackView:
    if not grade:
        return FeedbackView(graded=False)
    key_points, spans = [], []
    for kp in grade.get("key_points", []):
        span = kp.get("span")
        key_points.append({"text": kp.get("text", ""), "status": kp.get("status", "missed"),
                           "tip": kp.get("tip", ""), "span": span})
        if span and kp.get("status") in ("covered", "partly", "contradicted"):
            spans.append({"start": span["start"], "end": span["end"], "label": kp.get("text", ""),
                          "status": kp["status"]})
    signals = [{"name": s.get("name", ""), "present": bool(s.get("present")),
                "evidence": (s.get("span") or {}).get("text", ""),
                "tip": s.get("tip", "")} for s in grade.get("signals", [])]
    pitfall = grade.get("pitfall")
    if pitfall and pitfall.get("span"):
        span = pitfall["span"]
        spans.append({"start": span["start"], "end": span["end"], "label": pitfall.get("mistake", ""),
                      "status": "contradicted"})
    score = grade.get("score")  # None: not graded (an answer not in English)
    return FeedbackView(True, None if score is None else float(score), grade.get("meaning", ""), key_points, signals,
                        pitfall, spans, grade.get("label", ""), list(grade.get("notes", [])),
                        grade.get("answers_question"))
