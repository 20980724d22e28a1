"""Find the content files of a bank folder, parse them, and check what spans files.

``load_bank()`` returns the shipped bank or raises ``ContentError`` listing *every* problem found, each
with file and line. ``check_bank(path)`` is the same walk for a user's folder, returning the problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gauntlet.bank import parse
from gauntlet.bank.document_cache import DocumentCache, default_cache_file
from gauntlet.bank.model import Bank
from gauntlet.bank.yamlsource import KeyPath, YamlDocument
from gauntlet.errors import ContentError, ContentProblem
from gauntlet.paths import content_dir

YAML_SUFFIXES = (".yaml", ".yml")
LAYOUT_MARKERS = ("topics", "questions", "tables", "tips.yaml", "signals.yaml", "faq.yaml")


# Each item is kept with the document and key path it came from, so any later check can name its line.
Found = tuple[Any, YamlDocument, KeyPath]  # (item, its document, key path of the item inside the document)


@dataclass
class _Collected:
    topics: list[Found] = field(default_factory=list)
    questions: list[Found] = field(default_factory=list)
    tables: list[Found] = field(default_factory=list)
    tips: list[Found] = field(default_factory=list)
    signals: list[Found] = field(default_factory=list)
    faq: list[Found] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)
    documents: DocumentCache = field(default_factory=lambda: DocumentCache(content_dir(), None))

    def read(self, path: Path, parser: Callable[[YamlDocument], object], sink: list[Found]) -> None:
        doc = self.documents.read(path)
        if doc.data is not None:
            parsed = parser(doc)
            if isinstance(parsed, list):  # a list file: tips, signals, FAQ
                sink.extend((item, doc, key_path) for item, key_path in parsed)
            elif parsed is not None:
                sink.append((parsed, doc, ()))
        self.problems.extend(doc.problems)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def _collect(root: Path, minimums: parse.Minimums, into: _Collected) -> None:
    """Read one bank folder (full layout) or a flat folder / single file of questions."""
    read_question = lambda doc: parse.parse_question(doc, minimums)  # noqa: E731
    if root.is_file():
        into.read(root, read_question, into.questions)
        return
    if not root.is_dir():
        into.problems.append(ContentProblem(root, None, "no such file or folder"))
        return
    if not any((root / marker).exists() for marker in LAYOUT_MARKERS):
        files = _yaml_files(root)
        if not files:
            into.problems.append(ContentProblem(root, None, "no .yaml question files found here"))
        for path in files:
            into.read(path, read_question, into.questions)
        return
    for path in _yaml_files(root / "topics"):
        into.read(path, parse.parse_topic, into.topics)
    for path in _yaml_files(root / "questions"):
        into.read(path, read_question, into.questions)
    for path in _yaml_files(root / "tables"):
        into.read(path, parse.parse_table, into.tables)
    for name, parser, sink in (
        ("tips.yaml", parse.parse_tips, into.tips),
        ("signals.yaml", parse.parse_signals, into.signals),
        ("faq.yaml", parse.parse_faq, into.faq),
    ):
        if (root / name).exists():
            into.read(root / name, parser, sink)


def _cross_check(c: _Collected, known_labs: Iterable[str] | None, known_drills: Iterable[str] | None) -> None:
    def at(doc: YamlDocument, message: str, *key_path: str | int | float | None) -> None:
        c.problems.append(ContentProblem(doc.path, doc.line(*key_path), message))

    def unique(items: list[Found], kind: str) -> None:
        seen: dict[str, tuple[YamlDocument, KeyPath]] = {}
        for item, doc, key_path in items:
            if not item.id:
                continue
            if item.id in seen:
                first_doc, first_path = seen[item.id]
                first = f"{first_doc.path}:{first_doc.line(*first_path, 'id')}"
                at(doc, f"duplicate {kind} id '{item.id}' (also at {first})", *key_path, "id")
            else:
                seen[item.id] = (doc, key_path)

    for items, kind in ((c.topics, "topic"), (c.questions, "question"), (c.tables, "table"),
                        (c.tips, "tip"), (c.signals, "signal"), (c.faq, "FAQ")):
        unique(items, kind)

    topic_ids = {t.id for t, _, _ in c.topics}
    question_ids = {q.id for q, _, _ in c.questions}
    labs = set(known_labs) if known_labs is not None else None
    drills = set(known_drills) if known_drills is not None else None
    for q, doc, _ in c.questions:
        if q.topic and q.topic not in topic_ids:
            at(doc, f"unknown topic '{q.topic}' (known: {', '.join(sorted(topic_ids)) or 'none'})", "topic")
        for i, ref in enumerate(q.related.questions):
            if ref == q.id:
                at(doc, "a question cannot list itself in related.questions", "related", "questions", i)
            elif ref not in question_ids:
                at(doc, f"related question '{ref}' does not exist", "related", "questions", i)
        for refs, known, kind in ((q.related.labs, labs, "lab"), (q.related.drills, drills, "drill")):
            if known is None:
                continue
            for i, ref in enumerate(refs):
                if ref not in known:
                    at(doc, f"related {kind} '{ref}' does not exist (known: {', '.join(sorted(known))})",
                       "related", kind + "s", i)
    for table, doc, _ in c.tables:
        for i, ref in enumerate(table.related_questions):
            if ref not in question_ids:
                at(doc, f"related question '{ref}' does not exist", "related_questions", i)


def _known_ids() -> tuple[set[str], set[str]]:
    """Lab and drill ids, from their light catalogs (which never import NumPy)."""
    from gauntlet.catalog import drill_ids, lab_ids

    return lab_ids(), drill_ids()


def collect_bank(
    roots: Sequence[tuple[Path, parse.Minimums]],
    known_labs: Iterable[str] | None = None,
    known_drills: Iterable[str] | None = None,
) -> tuple[Bank, list[ContentProblem]]:
    """Read every root into one bank and return it with all problems found (possibly none)."""
    c = _Collected(documents=DocumentCache(content_dir(), default_cache_file()))
    for root, minimums in roots:
        _collect(root, minimums, c)
    c.documents.save()
    _cross_check(c, known_labs, known_drills)
    bank = Bank(
        topics=tuple(sorted((t for t, _, _ in c.topics), key=lambda t: (t.order, t.id))),
        questions=tuple(q for q, _, _ in c.questions),
        tables=tuple(t for t, _, _ in c.tables),
        tips=tuple(t for t, _, _ in c.tips),
        signals=tuple(s for s, _, _ in c.signals),
        faq=tuple(f for f, _, _ in c.faq),
    )
    return bank, c.problems


def check_bank(path: Path | None = None, strict: bool | None = None) -> list[ContentProblem]:
    """Problems in the shipped bank (``path=None``) or in a user's folder read alongside it.

    The shipped bank is held to the shipped minimums; a user's folder only to the basics unless
    ``strict``. A user folder is read with the shipped bank so its questions can use shipped topics.
    """
    labs, drills = _known_ids()
    shipped = content_dir()
    if path is None or path.resolve() == shipped.resolve():
        roots = [(shipped, parse.SHIPPED_MINIMUMS if strict is not False else parse.USER_MINIMUMS)]
    else:
        roots = [(shipped, parse.SHIPPED_MINIMUMS),
                 (path, parse.SHIPPED_MINIMUMS if strict else parse.USER_MINIMUMS)]
    _bank, problems = collect_bank(roots, labs, drills)
    return problems


def load_bank(extra: Sequence[Path] = ()) -> Bank:
    """The shipped bank plus any extra folders of the user's own questions. Raises ``ContentError``."""
    return _load_bank(tuple(Path(p).resolve() for p in extra))


@lru_cache(maxsize=8)
def _load_bank(extra: tuple[Path, ...]) -> Bank:
    roots = [(content_dir(), parse.SHIPPED_MINIMUMS)] + [(p, parse.USER_MINIMUMS) for p in extra]
    # Lab/drill references are checked by `gauntlet check` and the test suite; everyday loading skips
    # them so that listing questions never has to look at the lab and drill catalogs.
    bank, problems = collect_bank(roots)
    if problems:
        raise ContentError(problems)
    return bank
