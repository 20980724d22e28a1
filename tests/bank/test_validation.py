"""One broken file per defect class: the error names the file, the exact line, and what is wrong."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from gauntlet.bank import check_bank, collect_bank, load_bank
from gauntlet.bank.parse import SHIPPED_MINIMUMS, USER_MINIMUMS
from tests.support import slow_after

VALID = textwrap.dedent("""\
    id: my-question
    title: My question
    prompt: What is overfitting?
    topic: core-fundamentals
    difficulty: beginner
    audience: fresher
    kind: concept
    model_answer: |
      Overfitting is fitting noise.
    key_points:
      - text: The model fits noise in the training data.
        synonyms: [noise, memorise]
      - Training error is low but validation error is high.
      - More data or regularisation reduces it.
      - Detect it with a held-out set.
    pitfalls:
      - mistake: Overfitting means the model is too simple.
        correction: That is underfitting.
      - mistake: Low training error proves a good model.
        correction: Only held-out error says how it generalises.
    follow_ups:
      - How do you detect it?
      - How do you fix it?
    senior_angle: Costs of overfit models in production.
    related:
      questions: []
    tags: [generalisation]
    reviewed: 2026-11-25
    """)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def only_problem(folder: Path):
    problems = [p for p in check_bank(folder) if str(folder) in str(p.path)]
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_valid_file_has_no_problem(tmp_path):
    write(tmp_path, "my-question.yaml", VALID)
    assert [p for p in check_bank(tmp_path) if str(tmp_path) in str(p.path)] == []
    assert load_bank((tmp_path,)).question("my-question").key_points[1].text.startswith("Training error")


# Each case reads the shipped bank too (a user's folder may use its topics): three in the fast suite.
@pytest.mark.parametrize(
    ("defect", "mutate", "line", "message"),
    slow_after(1, [
        ("evidence names the opposite side of a contrast",
         lambda t: t.replace("synonyms: [noise, memorise]",
                             "synonyms: [noise, signal]\n    contrasts: [[noise, signal]]"),
         12, "synonym 'signal' names 'signal', the opposite side of the contrast [noise, signal]"),
        ("evidence is a pitfall's own term",
         lambda t: t.replace("synonyms: [noise, memorise]", "synonyms: [noise, too simple]"),
         12, "synonym 'too simple' is a term of pitfall 1's mistake"),
        ("missing field", lambda t: t.replace("title: My question\n", ""), 1, "missing required field 'title'"),
        ("unknown topic", lambda t: t.replace("topic: core-fundamentals", "topic: astrology"), 4,
         "unknown topic 'astrology'"),
        ("bad difficulty", lambda t: t.replace("difficulty: beginner", "difficulty: easy"), 5,
         "must be one of beginner, intermediate, advanced (got 'easy')"),
        ("bad audience", lambda t: t.replace("audience: fresher", "audience: kids"), 6,
         "must be one of fresher, all, senior"),
        ("broken cross-reference", lambda t: t.replace("questions: []", "questions: [no-such-question]"), 26,
         "related question 'no-such-question' does not exist"),
        ("invalid YAML", lambda t: t.replace("kind: concept", "kind: [concept"), 8, "invalid YAML"),
        ("empty key points", lambda t: t.split("key_points:")[0] + "key_points: []\n"
         + "pitfalls:" + t.split("pitfalls:")[1], 10, "field 'key_points' is empty"),
        ("unknown field", lambda t: t.replace("tags:", "tagz:"), 27,
         "unknown field 'tagz' in question (did you mean 'tags'?)"),
        ("id does not match file", lambda t: t.replace("id: my-question", "id: other-name"), 1,
         "does not match the file name"),
        ("wrong type", lambda t: t.replace("follow_ups:\n  - How do you detect it?\n  - How do you fix it?",
                                           "follow_ups: 3"), 21, "field 'follow_ups' must be a list"),
        ("duplicate key", lambda t: t + "title: Again\n", 29, "duplicate key 'title' (first at line 2)"),
        ("bad date", lambda t: t.replace("reviewed: 2026-11-25", "reviewed: last week"), 28, "must be a date"),
        ("key point not text", lambda t: t.replace("  - More data or regularisation reduces it.", "  - [a, b]"), 14,
         "must be a mapping"),
        ("pitfall without correction", lambda t: t.replace("    correction: That is underfitting.\n", ""), 17,
         "missing required field 'correction' in pitfall 1"),
    ]),
)
def test_each_defect_is_reported_with_file_and_line(tmp_path, defect, mutate, line, message):
    path = write(tmp_path, "my-question.yaml", mutate(VALID))
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == line, f"{defect}: {problem}"
    assert message in problem.message
    assert str(problem).startswith(f"{path}:{line}: ")


@pytest.mark.slow
def test_evidence_is_matched_as_whole_words(tmp_path):
    """'signalling' is not the contrast's other side 'signal'; 'Signal-strength' names it (any case)."""
    contrast = "\n    contrasts: [[noise, signal]]"
    write(tmp_path, "my-question.yaml", VALID.replace("synonyms: [noise, memorise]",
                                                     "synonyms: [noise, signalling, signal_path]" + contrast))
    assert [p for p in check_bank(tmp_path) if str(tmp_path) in str(p.path)] == []
    write(tmp_path, "my-question.yaml", VALID.replace("synonyms: [noise, memorise]",
                                                     "synonyms: [noise, Signal-strength]" + contrast))
    assert "synonym 'Signal-strength' names 'signal'" in only_problem(tmp_path).message


@pytest.mark.slow
def test_non_utf8_bytes_name_the_line(tmp_path):
    raw = VALID.replace("Overfitting is fitting noise.", "Overfitting is fitting no\xefse.").encode("latin-1")
    path = write(tmp_path, "my-question.yaml", raw)
    problem = only_problem(tmp_path)
    assert (problem.path, problem.line) == (path, 9)
    assert "not valid UTF-8" in problem.message


@pytest.mark.slow  # reads the shipped bank again
def test_duplicate_id_across_files_names_both_places(tmp_path):
    write(tmp_path, "my-question.yaml", VALID)
    (tmp_path / "sub").mkdir()
    second = write(tmp_path / "sub", "my-question.yaml", VALID)
    problems = [p for p in check_bank(tmp_path) if str(tmp_path) in str(p.path)]
    assert len(problems) == 1
    assert problems[0].line == 1 and "duplicate question id 'my-question'" in problems[0].message
    assert str(tmp_path / "my-question.yaml") + ":1" in problems[0].message or problems[0].path == second


@pytest.mark.slow  # reads the shipped bank again
def test_a_question_clashing_with_a_shipped_id_is_reported(tmp_path):
    bank = load_bank()
    if not bank.questions:
        pytest.skip("no shipped questions yet")
    taken = bank.questions[0].id
    write(tmp_path, f"{taken}.yaml", VALID.replace("id: my-question", f"id: {taken}"))
    problem = only_problem(tmp_path)
    assert f"duplicate question id '{taken}'" in problem.message


@pytest.mark.slow
def test_every_problem_is_listed_not_just_the_first(tmp_path):
    write(tmp_path, "my-question.yaml", VALID.replace("difficulty: beginner", "difficulty: easy")
          .replace("topic: core-fundamentals", "topic: astrology"))
    write(tmp_path, "broken.yaml", "id: broken\ntitle: [unclosed\n")
    problems = [p for p in check_bank(tmp_path) if str(tmp_path) in str(p.path)]
    assert len(problems) == 3
    assert [p.path.name for p in problems] == ["broken.yaml", "my-question.yaml", "my-question.yaml"]


@pytest.mark.slow  # reads the shipped bank again
def test_shipped_minimums_apply_only_when_strict(tmp_path):
    thin = VALID.split("pitfalls:")[0] + "follow_ups: []\n"
    write(tmp_path, "my-question.yaml", thin)
    assert [p for p in check_bank(tmp_path) if str(tmp_path) in str(p.path)] == []
    strict = [p for p in check_bank(tmp_path, strict=True) if str(tmp_path) in str(p.path)]
    assert {p.message.split(";")[0] for p in strict} >= {"missing required field 'pitfalls' in question"}
    assert any("follow_ups" in p.message for p in strict)


@pytest.mark.slow
def test_table_rows_must_match_columns(tmp_path):
    (tmp_path / "tables").mkdir()
    path = write(tmp_path / "tables", "t.yaml",
                 "id: t\ntitle: T\ncolumns: [a, b, c]\nrows:\n  - [1, 2, 3]\n  - [1, 2]\n")
    _bank, problems = collect_bank([(tmp_path, USER_MINIMUMS)])
    assert [str(p) for p in problems] == [f"{path}:6: row 2 has 2 cells but the table has 3 columns"]


@pytest.mark.slow
def test_list_files_report_duplicate_entries(tmp_path):
    path = write(tmp_path, "faq.yaml", "faq:\n  - id: a\n    question: Q?\n    answer: A.\n"
                                       "  - id: a\n    question: Q2?\n    answer: B.\n")
    _bank, problems = collect_bank([(tmp_path, SHIPPED_MINIMUMS)])
    assert [str(p) for p in problems] == [f"{path}:5: duplicate FAQ id 'a' (also at {path}:2)"]


@pytest.mark.slow  # reads the shipped bank again
def test_empty_folder_and_missing_path_are_reported(tmp_path):
    assert "no .yaml question files" in only_problem(tmp_path).message
    missing = tmp_path / "nope"
    assert any("no such file or folder" in p.message for p in check_bank(missing))


TAGGED = VALID.replace("  - How do you detect it?\n", "  - ask: How would you tell it from a data bug?\n"
                                                     "    probes: validation error\n")


@pytest.mark.slow
def test_a_follow_up_names_the_key_point_it_probes(tmp_path):
    write(tmp_path, "my-question.yaml", TAGGED)
    assert [p for p in check_bank(tmp_path) if str(tmp_path) in str(p.path)] == []
    follow_ups = load_bank((tmp_path,)).question("my-question").follow_ups
    assert [(f.text, f.probes) for f in follow_ups] == [("How would you tell it from a data bug?", 1),
                                                        ("How do you fix it?", None)]


@pytest.mark.parametrize(("phrase", "message"), slow_after(1, [
    ("dropout", "follow-up 1 probes 'dropout', but none of the key points says it"),
    ("valid", "none of the key points says it"),  # whole words: 'validation' does not say 'valid'
    ("it", "key points 3, 4 all say it; quote words only one says"),
]))
@pytest.mark.slow
def test_a_follow_up_probing_no_single_key_point_is_reported_at_its_line(tmp_path, phrase, message):
    path = write(tmp_path, "my-question.yaml", TAGGED.replace("probes: validation error", f"probes: {phrase}"))
    problem = only_problem(tmp_path)
    assert (problem.path, problem.line) == (path, 23)
    assert message in problem.message


@pytest.mark.slow
def test_a_follow_up_mapping_with_an_unknown_field_is_reported(tmp_path):
    write(tmp_path, "my-question.yaml", TAGGED.replace("    probes: validation error", "    probe: validation error"))
    assert "unknown field 'probe' in follow-up 1 (did you mean 'probes'?)" in only_problem(tmp_path).message


@pytest.mark.slow
def test_a_hash_glued_to_text_after_a_space_is_reported_not_silently_dropped(tmp_path):
    """YAML reads " ##." in an unquoted value as a comment: the key point would lose its last words."""
    path = write(tmp_path, "my-question.yaml", VALID.replace("  - Detect it with a held-out set.",
                                                             "  - Detect it with a held-out set, marked ##held-out."))
    problem = only_problem(tmp_path)
    assert (problem.path, problem.line) == (path, 15)
    assert "'##held-out.' is read as a YAML comment" in problem.message and "double quotes" in problem.message
    write(tmp_path, "my-question.yaml", VALID.replace("  - Detect it with a held-out set.",
                                                      "  - Detect it with a held-out set.   # a comment, kept out"))
    assert [p for p in check_bank(tmp_path) if str(tmp_path) in str(p.path)] == []
