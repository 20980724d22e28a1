"""The mock interview report: per-question results, strengths, weakest topics, three things to practise.

``build_report`` is a pure function of the session, the bank and the grades; the result is a plain dict
(stored as JSON with the session) that the Markdown/HTML exporters and the web app render.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import mean

from gauntlet.bank.model import Bank
from gauntlet.review.mock import MockSession

STRONG_TOPIC_SCORE = 3.5


@dataclass(frozen=True)
class GradeView:
    """The parts of a grade the report needs, independent of how the grader lays out its dict."""

    score: float | None
    missed: tuple[str, ...] = ()
    signals_shown: tuple[str, ...] = ()
    signals_absent: tuple[tuple[str, str], ...] = ()  # (signal name, tip)


def grade_view(grade: dict | None) -> GradeView:
    """Read a ``Grade.to_dict()``; None (no grader, or nothing typed) gives an empty view."""
    if not grade:
        return GradeView(None)
    # A contradicted point is a missed point the candidate also got wrong: the report lists it to study.
    missed = tuple(kp["text"] for kp in grade.get("key_points", []) if kp.get("status") in ("missed", "contradicted"))
    shown = tuple(s["name"] for s in grade.get("signals", []) if s.get("present"))
    absent = tuple((s["name"], s.get("tip", "")) for s in grade.get("signals", []) if not s.get("present"))
    score = grade.get("score")
    return GradeView(None if score is None else float(score), missed, shown, absent)


def build_report(session: MockSession, bank: Bank, grades: dict[int, dict | None]) -> dict:
    """Report for a finished session. ``grades`` maps plan position to ``Grade.to_dict()`` (or None)."""
    topic_names = {t.id: t.name for t in bank.topics}
    rows = []
    for position, item in enumerate(session.plan):
        answer = session.answer_at(position)
        question = next((q for q in bank.questions if q.id == item.question_id), None)
        view = grade_view(grades.get(position))
        rows.append({
            "position": position + 1,
            "question_id": item.question_id,
            "title": question.title if question else item.question_id,
            "prompt": question.prompt if question else "",
            "topic": question.topic if question else "",
            "topic_name": topic_names.get(question.topic, question.topic) if question else "",
            "difficulty": question.difficulty if question else "",
            "kind": question.kind if question else "",
            "status": answer.status if answer else "skipped",
            "answer": answer.answer if answer else "",
            "score": None if view.score is None else round(view.score, 2),
            "missed_key_points": list(view.missed),
            "signals_shown": list(view.signals_shown),
            "signals_absent": [{"name": n, "tip": t} for n, t in view.signals_absent],
            "time_used_s": round(answer.time_used_s + answer.follow_up_time_s, 1) if answer else 0.0,
            "budget_s": item.budget_s,
            "follow_up": answer.follow_up if answer else None,
            "follow_up_answer": answer.follow_up_answer if answer else None,
        })
    scored = [r for r in rows if r["score"] is not None]
    answered = [r for r in rows if r["status"] in ("answered", "timed_out") and r["answer"].strip()]
    by_topic = []
    for topic in dict.fromkeys(r["topic"] for r in rows if r["topic"]):
        # A planned question left blank counts as 0: running out of time is part of the result.
        topic_rows = [r for r in rows if r["topic"] == topic]
        scores = [r["score"] if r["score"] is not None else 0.0 for r in topic_rows] if scored else []
        by_topic.append({"topic": topic, "name": topic_names.get(topic, topic), "count": len(topic_rows),
                         "mean_score": round(mean(scores), 2) if scores else None})
    report = {
        "session_id": session.id,
        "level": session.level,
        "minutes": session.minutes,
        "started_at": session.started_at.isoformat(),
        "graded": bool(scored),
        "questions": rows,
        "overall": {
            "planned": len(rows),
            "answered": len(answered),
            "timed_out": sum(r["status"] == "timed_out" for r in rows),
            "skipped": sum(r["status"] == "skipped" or not r["answer"].strip() for r in rows),
            "mean_score": round(mean(r["score"] if r["score"] is not None else 0.0 for r in rows), 2) if scored else None,
            "time_used_s": round(session.time_used_s, 1),
        },
        "by_topic": by_topic,
    }
    report["strengths"] = _strengths(rows, by_topic)
    report["weakest_topics"] = [t["name"] for t in sorted((t for t in by_topic if t["mean_score"] is not None),
                                                          key=lambda t: t["mean_score"])[:2]]
    report["practise_next"] = _practise_next(rows, by_topic)
    return report


def _strengths(rows: list[dict], by_topic: list[dict]) -> list[str]:
    strengths = [f"{t['name']} (mean {t['mean_score']:.1f}/5)" for t in by_topic
                 if t["mean_score"] is not None and t["mean_score"] >= STRONG_TOPIC_SCORE]
    graded = [r for r in rows if r["score"] is not None]
    shown = Counter(name for r in graded for name in r["signals_shown"])
    strengths += [f"You showed {name.lower()} in {count} of {len(graded)} answers" for name, count in shown.most_common()
                  if count * 2 >= len(graded) and graded]
    if not graded:
        return ["Not graded: strengths need the answer grader."]
    return strengths or ["No clear strength yet: every topic averaged below 3.5/5."]


def _practise_next(rows: list[dict], by_topic: list[dict]) -> list[str]:
    """Exactly three concrete next steps, most useful first."""
    items: list[str] = []
    graded = sorted((r for r in rows if r["score"] is not None and r["answer"].strip()), key=lambda r: r["score"])
    for r in graded:
        if r["missed_key_points"] and len(items) < 1:
            items.append(f"Re-answer \"{r['title']}\" (`gauntlet ask --id {r['question_id']}`) and cover: "
                         f"{r['missed_key_points'][0]}")
    absent = Counter()
    tips = {}
    for r in graded:
        for signal in r["signals_absent"]:
            absent[signal["name"]] += 1
            tips[signal["name"]] = signal["tip"]
    if absent:
        name, count = absent.most_common(1)[0]
        items.append(f"Show {name.lower()} (missing in {count} of {len(graded)} answers): {tips[name]}".rstrip(": "))
    weakest = sorted((t for t in by_topic if t["mean_score"] is not None), key=lambda t: t["mean_score"])
    for t in weakest:
        step = f"Drill {t['name']} (`gauntlet drill --topic {t['topic']}`): it averaged {t['mean_score']:.1f}/5."
        if len(items) < 3 and step not in items:
            items.append(step)
            break
    blank = [r for r in rows if not r["answer"].strip()]
    if len(items) < 3 and blank:
        items.append(f"{len(blank)} question(s) got no answer in time: lead with a one-sentence answer, "
                     "then the why, then one example, so the clock never leaves you empty-handed.")
    for r in graded[1:]:
        if len(items) >= 3:
            break
        for point in r["missed_key_points"]:
            step = f"Revisit \"{r['title']}\" (`gauntlet show {r['question_id']} --answer`): {point}"
            if step not in items:
                items.append(step)
                break
    fallback = ["Run a longer or harder mock (`gauntlet mock --level senior --minutes 45`) to find your limits.",
                "Explain one answer aloud to a non-specialist in under two minutes: clarity is graded too.",
                "Review the interview tips (`gauntlet tips`) and apply one to every answer."]
    for step in fallback:
        if len(items) >= 3:
            break
        items.append(step)
    return items[:3]
