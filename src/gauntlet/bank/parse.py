"""Turn parsed YAML documents into content dataclasses, recording every field-level problem.

Cross-file checks (unknown topic, duplicate id, broken reference) live in ``loader``; here each file is
judged on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gauntlet.bank.fields import SLUG, Reader
from gauntlet.bank.model import (
    AUDIENCES,
    DIFFICULTIES,
    KINDS,
    SOURCES,
    ComparisonTable,
    FaqEntry,
    FollowUp,
    KeyPoint,
    Pitfall,
    Question,
    Related,
    Signal,
    Tip,
    Topic,
)
from gauntlet.bank.yamlsource import KeyPath, YamlDocument


@dataclass(frozen=True)
class Minimums:
    """How much a question must hold. The shipped bank is held to more than a user's own folder."""

    key_points: int = 1
    pitfalls: int = 0
    follow_ups: int = 0


SHIPPED_MINIMUMS = Minimums(key_points=4, pitfalls=2, follow_ups=2)
USER_MINIMUMS = Minimums()

QUESTION_FIELDS = (
    "id", "title", "prompt", "topic", "difficulty", "audience", "kind", "source", "model_answer",
    "key_points", "pitfalls", "follow_ups", "senior_angle", "related", "tags", "reviewed",
)


def parse_question(doc: YamlDocument, minimums: Minimums) -> Question | None:
    r = Reader(doc, doc.data, what="question")
    if not r.ok:
        return None
    r.reject_unknown(QUESTION_FIELDS)
    question_id = r.slug("id")
    if question_id and question_id != doc.path.stem:
        r.problem(f"id '{question_id}' does not match the file name '{doc.path.name}' (rename one of them)", "id")
    key_points = []
    for index, raw in r.items("key_points", min_items=minimums.key_points):
        point = _key_point(r, index, raw)
        if point:
            key_points.append((index, point))
    pitfalls = []
    for index, raw in r.items("pitfalls", required=minimums.pitfalls > 0, min_items=minimums.pitfalls):
        pitfall = _pitfall(r, index, raw)
        if pitfall:
            pitfalls.append(pitfall)
    model_answer = r.text("model_answer")
    for index, point in key_points:
        _check_evidence(r, index, point, pitfalls, model_answer)
    question = Question(
        id=question_id,
        title=r.text("title"),
        prompt=r.text("prompt"),
        topic=r.slug("topic"),
        difficulty=r.choice("difficulty", DIFFICULTIES),
        audience=r.choice("audience", AUDIENCES),
        kind=r.choice("kind", KINDS, required=False) or "concept",
        source=r.choice("source", SOURCES, required=False) or "original",
        model_answer=model_answer,
        key_points=tuple(point for _, point in key_points),
        pitfalls=tuple(pitfalls),
        follow_ups=_follow_ups(r, [point for _, point in key_points], minimums),
        senior_angle=r.text("senior_angle", required=False),
        related=_related(r),
        tags=r.text_list("tags", required=False, slugs=True),
        reviewed=r.date("reviewed"),
        path=doc.path,
    )
    return question


def _key_point(r: Reader, index: int, raw: Any) -> KeyPoint | None:  # raw: the YAML value
    if isinstance(raw, str):
        if not raw.strip():
            r.problem(f"key point {index + 1} is empty", "key_points", index)
            return None
        return KeyPoint(raw.strip())
    kp = r.child("key_points", index, what=f"key point {index + 1}")
    if not kp.ok:
        return None
    kp.reject_unknown(("text", "synonyms", "contrasts", "wrong"))
    text = kp.text("text")
    synonyms = kp.text_list("synonyms", required=False)
    contrasts = _contrasts(kp, text)
    wrong = kp.text_list("wrong", required=False)
    for index, statement in enumerate(wrong):
        if statement.strip().lower() == text.strip().lower():
            kp.problem(f"wrong statement {index + 1} repeats the key point itself", "wrong", index)
        elif len(statement.split()) < 4:
            kp.problem(f"wrong statement {index + 1} is too short to be a claim: write it as a candidate would "
                       "say it, a full sentence", "wrong", index)
    return KeyPoint(text, synonyms, contrasts, wrong) if text else None


def _follow_ups(r: Reader, key_points: list[KeyPoint], minimums: Minimums) -> tuple[FollowUp, ...]:
    """Follow-ups are plain text, or ``{ask, probes}`` where ``probes`` is a phrase that exactly one of
    the question's key points says (whole words, any case): the point the follow-up tests. A phrase
    rather than a number, so reordering the key points cannot silently re-aim a follow-up, and a
    reworded key point that no longer says it is reported here."""
    out = []
    for index, raw in r.items("follow_ups", required=minimums.follow_ups > 0, min_items=minimums.follow_ups):
        if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            if str(raw).strip():
                out.append(FollowUp(str(raw).strip()))
            else:
                r.problem(f"follow-up {index + 1} is empty", "follow_ups", index)
            continue
        fu = r.child("follow_ups", index, what=f"follow-up {index + 1}")
        if not fu.ok:
            continue
        fu.reject_unknown(("ask", "probes"))
        ask, phrase = fu.text("ask"), fu.text("probes", required=False)
        probes = None
        if phrase:
            matches = [i for i, point in enumerate(key_points) if _says(point.text, phrase)]
            if len(matches) == 1:
                probes = matches[0]
            else:
                which = ("none of the key points says it" if not matches else
                         f"key points {', '.join(str(i + 1) for i in matches)} all say it; quote words only one says")
                fu.problem(f"follow-up {index + 1} probes '{phrase}', but {which}", "probes")
        if ask:
            out.append(FollowUp(ask, probes))
    return tuple(out)


_NEGATORS = frozenset("not no never unlike rather instead without non".split())


def _says(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` as whole words, ignoring case: no letter, digit or underscore
    touches either end of it.

    Plain string search, not a regular expression: loading the bank asks this for thousands of distinct
    phrases, and compiling a pattern for each was most of every command's start-up."""
    needle, haystack = phrase.strip().lower(), text.lower()
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        if (start == 0 or not _is_word_char(haystack[start - 1])) and (
                end == len(haystack) or not _is_word_char(haystack[end])):
            return True
        start = haystack.find(needle, start + 1)
    return False


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches in a str pattern


def _check_evidence(r: Reader, index: int, point: KeyPoint, pitfalls: list[Pitfall], model_answer: str) -> None:
    """A synonym is evidence that an answer makes the point: it must not be a term that only wrong answers
    use. Two ways it can be: it names the opposite side of one of the point's own contrasts ("ROC-AUC" as
    evidence for "PR-AUC is more informative than ROC-AUC"), or it is a term of one of the question's
    pitfalls that neither the point, nor any correction, nor the model answer uses (the mistake's own
    words, which would credit the mistake with the point)."""
    for number, synonym in enumerate(point.synonyms):
        negated = any(word.lower() in _NEGATORS for word in synonym.split())
        for term, opposite in point.contrasts:
            if (_says(synonym, opposite) and not _says(synonym, term) and not _says(point.text, opposite)
                    and not negated):
                r.problem(f"key point {index + 1}: synonym '{synonym}' names '{opposite}', the opposite side of the "
                          f"contrast [{term}, {opposite}]: it would count a wrong answer as evidence of the point",
                          "key_points", index, "synonyms", number)
        for p, pitfall in enumerate(pitfalls):
            if (_says(pitfall.mistake, synonym) and not _says(point.text, synonym)
                    and not _says(model_answer, synonym) and not any(_says(q.correction, synonym) for q in pitfalls)):
                r.problem(f"key point {index + 1}: synonym '{synonym}' is a term of pitfall {p + 1}'s mistake that "
                          f"neither the point, the model answer nor a correction uses: an answer making that "
                          f"mistake would be credited with the point; use terms only a right answer uses",
                          "key_points", index, "synonyms", number)
                break


def _contrasts(kp: Reader, text: str) -> tuple[tuple[str, str], ...]:
    """``contrasts: [[term, opposite], ...]``: each term must occur in the key point's text."""
    from gauntlet.grade.claims import term_key
    from gauntlet.grade.text import words

    out = []
    key_text = " " + " ".join(term_key(w) for w in words(text)) + " "
    for index, raw in kp.items("contrasts", required=False):
        if (not isinstance(raw, list) or len(raw) != 2
                or not all(isinstance(v, str) and v.strip() for v in raw)):
            kp.problem(f"contrast {index + 1} must be a pair of terms like [L1, L2], got {raw!r}", "contrasts", index)
            continue
        term, opposite = raw[0].strip(), raw[1].strip()
        term_keys = " " + " ".join(term_key(w) for w in words(term)) + " "
        opposite_keys = " " + " ".join(term_key(w) for w in words(opposite)) + " "
        if term_keys == opposite_keys:
            kp.problem(f"contrast {index + 1}: '{term}' and '{opposite}' are the same term", "contrasts", index)
            continue
        if term_keys.strip() and term_keys not in key_text:
            kp.problem(f"contrast {index + 1}: '{term}' does not occur in the key point's text (write the term as "
                       f"the text says it, then its opposite)", "contrasts", index)
            continue
        out.append((term, opposite))
    return tuple(out)


def _pitfall(r: Reader, index: int, raw: Any) -> Pitfall | None:
    p = r.child("pitfalls", index, what=f"pitfall {index + 1}")
    if not p.ok:
        return None
    p.reject_unknown(("mistake", "correction"))
    mistake, correction = p.text("mistake"), p.text("correction")
    return Pitfall(mistake, correction) if mistake and correction else None


def _related(r: Reader) -> Related:
    if r.mapping.get("related") is None:
        return Related()
    rel = r.child("related", what="related")
    if not rel.ok:
        return Related()
    rel.reject_unknown(("questions", "labs", "drills"))
    return Related(
        questions=rel.text_list("questions", required=False, slugs=True),
        labs=rel.text_list("labs", required=False, slugs=True),
        drills=rel.text_list("drills", required=False, slugs=True),
    )


def parse_topic(doc: YamlDocument) -> Topic | None:
    r = Reader(doc, doc.data, what="topic")
    if not r.ok:
        return None
    r.reject_unknown(("id", "name", "blurb", "difficulty", "audience", "order"))
    topic_id = r.slug("id")
    if topic_id and topic_id != doc.path.stem:
        r.problem(f"id '{topic_id}' does not match the file name '{doc.path.name}'", "id")
    return Topic(
        id=topic_id,
        name=r.text("name"),
        blurb=r.text("blurb"),
        difficulty=r.choice("difficulty", DIFFICULTIES),
        audience=r.choice("audience", AUDIENCES),
        order=r.integer("order", required=False, default=100),
        path=doc.path,
    )


def parse_table(doc: YamlDocument) -> ComparisonTable | None:
    r = Reader(doc, doc.data, what="comparison table")
    if not r.ok:
        return None
    r.reject_unknown(("id", "title", "columns", "rows", "notes", "related_questions"))
    columns = r.text_list("columns", min_items=2)
    rows = []
    for index, raw in r.items("rows", min_items=1):
        if not isinstance(raw, list):
            r.problem(f"row {index + 1} must be a list of cells like [a, b, c]", "rows", index)
            continue
        cells = tuple("" if cell is None else str(cell).strip() for cell in raw)
        if columns and len(cells) != len(columns):
            r.problem(f"row {index + 1} has {len(cells)} cells but the table has {len(columns)} columns",
                      "rows", index)
            continue
        rows.append(cells)
    table_id = r.slug("id")
    if table_id and table_id != doc.path.stem:
        r.problem(f"id '{table_id}' does not match the file name '{doc.path.name}'", "id")
    return ComparisonTable(
        id=table_id,
        title=r.text("title"),
        columns=columns,
        rows=tuple(rows),
        notes=r.text("notes", required=False),
        related_questions=r.text_list("related_questions", required=False, slugs=True),
        path=doc.path,
    )


def _entries(doc: YamlDocument, list_name: str, what: str, fields: tuple[str, ...],
             optional: tuple[str, ...]) -> Iterator[Reader]:
    """Shared walk for the list files (tips, signals, FAQ): yields a reader per entry."""
    r = Reader(doc, doc.data, what=f"{list_name} file")
    if not r.ok:
        return
    r.reject_unknown((list_name,))
    for index, _raw in r.items(list_name, min_items=1):
        entry = r.child(list_name, index, what=f"{what} {index + 1}")
        if entry.ok:
            entry.reject_unknown(fields + optional)
            yield entry


# The list files return (entry, key path of the entry) so cross-file checks can point at its line.

def parse_tips(doc: YamlDocument) -> list[tuple[Tip, KeyPath]]:
    return [
        (Tip(e.slug("id"), e.text("title"), e.text("body"), e.text("example", required=False)), e.key_path)
        for e in _entries(doc, "tips", "tip", ("id", "title", "body"), ("example",))
    ]


def parse_signals(doc: YamlDocument) -> list[tuple[Signal, KeyPath]]:
    return [
        (Signal(e.slug("id"), e.text("name"), e.text("description"), e.text("how_to_show"),
                e.text("example", required=False)), e.key_path)
        for e in _entries(doc, "signals", "signal", ("id", "name", "description", "how_to_show"), ("example",))
    ]


def parse_faq(doc: YamlDocument) -> list[tuple[FaqEntry, KeyPath]]:
    return [
        (FaqEntry(e.slug("id"), e.text("question"), e.text("answer")), e.key_path)
        for e in _entries(doc, "faq", "FAQ entry", ("id", "question", "answer"), ())
    ]


__all__ = ["SLUG", "Minimums", "SHIPPED_MINIMUMS", "USER_MINIMUMS", "parse_question", "parse_topic",
           "parse_table", "parse_tips", "parse_signals", "parse_faq"]
