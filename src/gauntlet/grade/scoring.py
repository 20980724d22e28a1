"""From evidence to a score and the words that go with it.

The score is a function of what the answer asserts (docs/grading-rubric.md):

1. A calibrated curve over the evidence, ``5 * sigmoid(b + w . z)`` (``calibration.ScoreModel``), fit
   on the graded answer set (tests/data/graded_answers) with cross-validation grouped by question:
   the share of key points asserted, the share only touched, whether the first (core) point is
   asserted, how closely the supporting spans match, how much of the reference the answer covers.
2. The rubric's caps (``result.FINDINGS``): a false claim caps at 2.5 and two at 1.5; a list of
   terms at 2; code alone at 2; an answer to another question at 1.5; the question copied back,
   "I don't know" and an answer that asserts nothing of the question at 1. With no key point
   asserted the score stays below "strong" (3.0).

The label and meaning are computed from the same evidence, so they cannot praise what the key points
contradict: "strong" needs asserted key points and no false claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from gauntlet.grade.calibration import load_score_model
from gauntlet.grade.neighbours import Neighbour
from gauntlet.grade.result import FINDINGS, Grade, KeyPointResult, PitfallMatch, SignalResult

EVIDENCE_FEATURES = (
    "covered_share",  # key points asserted / key points
    "partly_share",  # key points touched but not asserted / key points
    "core_covered",  # the first key point (what the question asks first) asserted
    "support",  # mean relatedness of the spans that assert or touch each key point (0 when missed)
    "unit_coverage",  # mean over key points of the best span cosine, whatever the span says
    "bertscore_recall",  # how much of the reference's content the answer's words cover
)
NO_POINT_CAP = 3.0  # nothing asserted: at most "partial"
# coverage_ceiling: 3.5 + 2 x the share of key points asserted, so a quarter of them allows 4.0, half
# 4.5, three quarters 5 (the rubric: 4 is "over half", 4.5 "most", 5 "all but a minor one"; the line
# sits half a grade above it because the grader misses some points a reader would tick).
CEILING_AT_NONE = 3.5
CEILING_SLOPE = 2.0
ASSERTED_FLOOR = 3.5  # a key point asserted and nothing false: "correct but incomplete" (the rubric's 3.5)
VAGUE_FIT = 0.35  # below this coverage fit, an answer with no point asserted is generic talk
LIST_LIKENESS_AT = 0.6
CODE_SHARE_AT = 0.8
COPIED_SHARE_AT = 0.6
OFF_TOPIC_MARGIN = 0.04
OFF_TOPIC_FIT = 0.45  # an answer to another question fits that question's key points at least this well


@dataclass(frozen=True)
class ScoreInputs:
    coverage: tuple[KeyPointResult, ...]
    pitfall: PitfallMatch | None
    reference_features: dict[str, float]
    own_fit: float
    neighbour: Neighbour | None
    dont_know: bool
    list_likeness: float
    code_share: float
    copied_share: float
    words: int
    # False when the reference's clauses stand in for key points (a question graded with only a
    # reference): they are rough stand-ins, so touching none of them is weaker evidence.
    authored_points: bool = True


def evidence_features(inputs: ScoreInputs) -> dict[str, float]:
    points = inputs.coverage
    n = max(len(points), 1)
    covered = sum(1 for k in points if k.status == "covered")
    partly = sum(1 for k in points if k.status == "partly")
    support = sum(k.similarity for k in points if k.status in ("covered", "partly")) / n
    return {
        "covered_share": covered / n,
        "partly_share": partly / n,
        "core_covered": float(bool(points) and points[0].status == "covered"),
        "support": support,
        "unit_coverage": inputs.reference_features.get("unit_coverage", 0.0),
        "bertscore_recall": inputs.reference_features.get("bertscore_recall", 0.0),
    }


def findings(inputs: ScoreInputs) -> list[str]:
    """The rubric's answer-level findings, most telling first."""
    points = inputs.coverage
    covered = sum(1 for k in points if k.status == "covered")
    touched = covered + sum(1 for k in points if k.status == "partly")
    false_claims = sum(1 for k in points if k.status == "contradicted") + (1 if inputs.pitfall else 0)
    out = []
    if false_claims >= 2:
        out.append("false_claims")
    elif false_claims == 1:
        out.append("false_claim")
    if inputs.dont_know and covered == 0:
        out.append("dont_know")
    listed = inputs.list_likeness >= LIST_LIKENESS_AT  # a list of terms answers no question, this or another
    if (inputs.neighbour is not None and covered <= 1 and not listed and inputs.neighbour.fit >= OFF_TOPIC_FIT
            and inputs.neighbour.fit >= inputs.own_fit + OFF_TOPIC_MARGIN):
        out.append("off_topic")
    if inputs.copied_share >= COPIED_SHARE_AT and covered <= 1:
        out.append("copied_question")
    if inputs.code_share >= CODE_SHARE_AT:
        out.append("code_only")
    if listed:
        out.append("keyword_list")
    vague = covered == 0 and inputs.own_fit < VAGUE_FIT  # touches words, says nothing of the question
    says_nothing = (touched == 0 or vague) if inputs.authored_points else vague
    if points and says_nothing and not {"dont_know", "copied_question", "false_claim", "false_claims"} & set(out):
        out.append("no_claim")
    return out


def judge(inputs: ScoreInputs, signals: tuple[SignalResult, ...], notes: tuple[str, ...]) -> Grade:
    features = evidence_features(inputs)
    found = findings(inputs)
    raw = load_score_model().score(features)
    score = capped(raw, [k.status for k in inputs.coverage], found)
    label, meaning = describe(score, inputs, found)
    extra_notes = list(notes) + _finding_notes(inputs, found)
    neighbour = inputs.neighbour
    answers_question = ({"id": neighbour.question_id, "title": neighbour.title}
                        if neighbour is not None and "off_topic" in found else None)
    features = dict(features, model_score=raw, own_fit=inputs.own_fit,
                    other_fit=neighbour.fit if neighbour else 0.0, list_likeness=inputs.list_likeness,
                    code_share=inputs.code_share, copied_share=inputs.copied_share)
    return Grade(score, label, meaning, inputs.coverage, credited_signals(signals, found), inputs.pitfall,
                 tuple(extra_notes), features=features, findings=tuple(found), answers_question=answers_question)


# Findings that say the answer does not answer this question. A phrase such as "for example" or "the
# data may be biased" is a signal an interviewer credits only inside an answer to the question asked:
# in an answer to another question, a list of terms or an "I don't know" it would praise nothing.
NOT_AN_ANSWER = ("off_topic", "copied_question", "dont_know", "keyword_list", "no_claim")


def credited_signals(signals: tuple[SignalResult, ...], found: Sequence[str]) -> tuple[SignalResult, ...]:
    """The signals as detected, or, when the answer does not address the question, none credited and
    each one's tip saying why."""
    if not set(NOT_AN_ANSWER) & set(found):
        return signals
    return tuple(replace(s, present=False, span=None,
                         tip="Not credited: it counts once the answer addresses this question. " + s.tip)
                 for s in signals)


def coverage_ceiling(statuses: Sequence[str]) -> float:
    """The highest score the rubric allows for this much of the question asserted: 3.5 for the core
    alone, over 4 only for more than half of the key points, 5 for (nearly) all of them. A point only
    touched counts half. Without key points there is nothing to bound."""
    if not statuses:
        return 5.0
    share = ((sum(1 for s in statuses if s == "covered") + 0.5 * sum(1 for s in statuses if s == "partly"))
             / len(statuses))
    return float(min(5.0, CEILING_AT_NONE + CEILING_SLOPE * share))


def capped(raw: float, statuses: Sequence[str], found: Sequence[str]) -> float:
    """The model's score under the rubric's caps, in [0, 5]. ``statuses``: each key point's status."""
    covered = sum(1 for s in statuses if s == "covered")
    score = min(raw, coverage_ceiling(statuses)) if covered else min(raw, NO_POINT_CAP)
    if covered and not found:
        score = max(score, ASSERTED_FLOOR)
    for finding in found:
        score = min(score, FINDINGS.get(finding, 5.0))
    return float(min(max(score, 0.0), 5.0))


def _first_missing(points: tuple[KeyPointResult, ...]) -> str:
    for point in points:
        if point.status != "covered":
            return point.text.strip().rstrip(".")
    return points[0].text.strip().rstrip(".") if points else ""


def describe(score: float, inputs: ScoreInputs, found: list[str]) -> tuple[str, str]:
    """A label and one or two sentences saying what the score means for this answer."""
    points = inputs.coverage
    n = len(points)
    covered = sum(1 for k in points if k.status == "covered")
    counted = f"{covered} of {n} key points made" if n else "compared with the reference"
    start = _first_missing(points)
    if "false_claim" in found or "false_claims" in found:
        wrong = [k for k in points if k.status == "contradicted"]
        if wrong and wrong[0].span:
            said, fact = wrong[0].span.text.strip(), wrong[0].text.strip()
        elif inputs.pitfall:
            said, fact = inputs.pitfall.span.text.strip(), inputs.pitfall.correction.strip()
        else:
            said, fact = "", ""
        count = "two or more false claims" if "false_claims" in found else "a false claim"
        quote = f" You said: \u201c{_short(said)}\u201d In fact: {fact}" if said else ""
        return "wrong", f"Wrong on a key point: the answer states {count}, which an interviewer would correct.{quote}"
    if "dont_know" in found:
        hint = f" A place to start: {start}." if start else ""
        return "not answered", ("Not answered yet, and saying so is honest. In an interview, reason aloud from what "
                                f"you do know; then read the model answer and try again.{hint}")
    if "off_topic" in found and inputs.neighbour is not None:
        return "off target", (f"Off target: this reads as an answer to \u201c{inputs.neighbour.title}\u201d, not to "
                              f"this question ({counted}).")
    if "copied_question" in found:
        return "off target", "Off target: the answer restates the question; the answer starts where the question ends."
    if "code_only" in found:
        return "weak", (f"Code alone ({counted}): say in words what it computes and why it answers the question; "
                        "interviewers grade the explanation.")
    if "keyword_list" in found:
        return "weak", ("A list of terms, not an answer: naming the terms shows you have seen them, not that you know "
                        "how they relate. Say the claims: what causes what, and why.")
    if "no_claim" in found:
        hint = f" Start from: {start}." if start else ""
        return "off target", f"Nothing specific to this question yet: the answer makes none of its key points.{hint}"
    if score >= 4.5:
        return "excellent", f"Excellent: {counted}, with no false claim."
    if score >= 3.75:
        return "strong", f"Strong: {counted}, with no false claim; add the missing points below."
    if score >= 2.75:
        if covered == 0:
            return "partial", (f"Partial: the answer is on topic but asserts none of the key points clearly. "
                               f"Make the claims explicit, starting with: {start}.")
        return "partial", f"Partial: {counted}; the core is there but the rest is missing or vague."
    if score >= 1.5:
        return "weak", f"Weak: {counted}; most of what the question asks is missing."
    return "off target", f"Off target: {counted}; study the model answer."


def _short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def _finding_notes(inputs: ScoreInputs, found: list[str]) -> list[str]:
    notes = []
    caps = [f for f in found if f in FINDINGS]
    if caps:
        names = {"false_claim": "a false claim", "false_claims": "two or more false claims",
                 "keyword_list": "a list of terms", "code_only": "code without explanation",
                 "off_topic": "an answer to another question", "copied_question": "the question copied back",
                 "dont_know": "no answer given", "no_claim": "no key point asserted"}
        notes.append("Score capped at {:.1f} for {} (see docs/grading-rubric.md).".format(
            min(FINDINGS[f] for f in caps), " and ".join(names[f] for f in caps)))
    return notes
