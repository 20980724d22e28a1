"""History JSON round-trips without duplicates; the Anki deck holds every question with its tags."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile

import pytest

from gauntlet.drills.attempts import code_attempts_for, record_code_attempt
from gauntlet.drills.verdict import Submission, TestResult, Verdict
from gauntlet.errors import InputError
from gauntlet.review.anki import export_anki, markdown_to_html
from gauntlet.review.cards import review
from gauntlet.review.history import export_history, import_history
from gauntlet.review.mock import MockAnswer, save_progress, start_session
from gauntlet.review.mock_plan import PlanItem
from gauntlet.store import open_store
from gauntlet.store.attempts import attach_grade, record_attempt


def populate(store):
    t0 = dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
    a = record_attempt(store, "my-drift", "KS test per feature", "review", t0,
                       submitted_at=t0 + dt.timedelta(minutes=1), user_id=store.local_user_id)
    attach_grade(store, a.id, 3.2, {"score": 3.2}, "v1", user_id=store.local_user_id)
    review(store, "my-drift", 3, reviewed_at=t0 + dt.timedelta(minutes=2), attempt_id=a.id, user_id=store.local_user_id)
    review(store, "my-drift", 4, reviewed_at=t0 + dt.timedelta(days=1), user_id=store.local_user_id)
    review(store, "my-overfitting", 1, reviewed_at=t0 + dt.timedelta(days=1, hours=1), user_id=store.local_user_id)
    session = start_session(store, "all", 10, [PlanItem("my-drift", 300.0), PlanItem("my-overfitting", 300.0)],
                            user_id=store.local_user_id)
    save_progress(store, session, MockAnswer(0, "my-drift", "answered", "KS test per feature", 90.0, attempt_id=a.id))
    code = "def softmax(x):\n    return x\n"
    results = [TestResult("example 1", "example", True, Verdict.ACCEPTED, 0.001),
               TestResult("hidden 1", "edge cases", False, Verdict.WRONG_ANSWER, 0.002, message="expected a sum of 1")]
    record_code_attempt(store, store.local_user_id,
                        Submission("softmax", "submit", Verdict.WRONG_ANSWER, results, "rlimits",
                                                t0 + dt.timedelta(days=2), t0 + dt.timedelta(days=2, seconds=1), code,
                                                "solution.py"), code)


def without_timestamp(history):
    return {k: v for k, v in history.items() if k != "exported_at"}


def test_round_trip_into_a_fresh_database_and_no_duplicates_on_reimport(store, tmp_path):
    populate(store)
    exported = export_history(store, user_id=store.local_user_id)
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    added = import_history(other, json.loads(json.dumps(exported)), user_id=other.local_user_id)
    assert added == {"attempts": 1, "cards": 2, "review_logs": 3, "mock_sessions": 1, "code_attempts": 1}
    assert without_timestamp(export_history(other, user_id=other.local_user_id)) == without_timestamp(exported)
    nothing = {"attempts": 0, "cards": 0, "review_logs": 0, "mock_sessions": 0, "code_attempts": 0}
    assert import_history(other, exported, user_id=other.local_user_id) == nothing
    assert import_history(store, exported, user_id=store.local_user_id) == nothing
    assert without_timestamp(export_history(other, user_id=other.local_user_id)) == without_timestamp(exported)
    # the imported submission reads back as the original did (verdict, every test, timing)
    (original,) = code_attempts_for(store, store.local_user_id)
    (imported,) = code_attempts_for(other, other.local_user_id)
    assert {**original.to_dict(), "id": 0, "user_id": 0} == {**imported.to_dict(), "id": 0, "user_id": 0}


def test_a_file_from_before_code_attempts_were_exported_still_imports(store, tmp_path):
    populate(store)
    older = {k: v for k, v in export_history(store, user_id=store.local_user_id).items() if k != "code_attempts"}
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    assert import_history(other, older, user_id=other.local_user_id)["code_attempts"] == 0
    assert (export_history(other, user_id=other.local_user_id)["attempts"]
            == export_history(store, user_id=store.local_user_id)["attempts"])


def test_review_answers_of_a_file_from_before_the_rename_import_as_review(store, tmp_path):
    populate(store)
    older = export_history(store, user_id=store.local_user_id)
    assert older["attempts"]
    for a in older["attempts"]:
        a["source"] = "drill"  # what a review session's answers were called before migration 0010
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    import_history(other, older, user_id=other.local_user_id)
    assert {a["source"] for a in export_history(other, user_id=other.local_user_id)["attempts"]} == {"review"}


def test_newer_card_state_wins_on_import(store, tmp_path):
    populate(store)
    exported = export_history(store, user_id=store.local_user_id)
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    import_history(other, exported, user_id=other.local_user_id)
    review(store, "my-overfitting", 3, reviewed_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC), user_id=store.local_user_id)
    import_history(other, export_history(store, user_id=store.local_user_id), user_id=other.local_user_id)
    assert (export_history(other, user_id=other.local_user_id)["cards"]
            == export_history(store, user_id=store.local_user_id)["cards"])


def test_bad_files_change_nothing(store):
    with pytest.raises(InputError, match="not a Gauntlet history file"):
        import_history(store, {"hello": 1}, user_id=store.local_user_id)
    populate(store)
    broken = export_history(store, user_id=store.local_user_id)
    broken["review_logs"][1].pop("rating")
    fresh_before = export_history(store, user_id=store.local_user_id)
    with pytest.raises(InputError, match="malformed"):
        import_history(store, {**broken, "attempts": broken["attempts"] + [{**broken["attempts"][0], "answer": "new"}]},
                       user_id=store.local_user_id)
    bad_verdict = export_history(store, user_id=store.local_user_id)
    bad_verdict["code_attempts"][0].update(verdict="great", code="something new")
    with pytest.raises(InputError, match="malformed"):
        import_history(store,
                       {**bad_verdict,
                        "attempts": bad_verdict["attempts"] + [{**bad_verdict["attempts"][0], "answer": "new"}]},
                       user_id=store.local_user_id)
    bad_status = export_history(store, user_id=store.local_user_id)
    bad_status["mock_sessions"][0].update(started_at="2020-01-01T00:00:00+00:00")  # else skipped as present
    bad_status["mock_sessions"][0]["answers"][0]["status"] = "nearly_done"
    with pytest.raises(InputError, match="malformed.*nearly_done"):
        import_history(store, bad_status, user_id=store.local_user_id)
    assert without_timestamp(export_history(store, user_id=store.local_user_id)) == without_timestamp(fresh_before)


def deck_notes(path, tmp_path) -> list[tuple[str, list[str], str]]:
    """(guid, fields, tags) of every note in an .apkg, read from its SQLite collection."""
    with zipfile.ZipFile(path) as deck:
        name = next(n for n in deck.namelist() if n.startswith("collection.anki"))
        (tmp_path / "col.db").write_bytes(deck.read(name))
    with sqlite3.connect(tmp_path / "col.db") as col:
        rows = col.execute("SELECT guid, flds, tags FROM notes").fetchall()
    (tmp_path / "col.db").unlink()
    return [(guid, flds.split("\x1f"), tags) for guid, flds, tags in rows]


@pytest.mark.slow
def test_anki_deck_has_every_question_with_its_parts_as_fields_and_tags(bank, tmp_path):
    from gauntlet.review.anki import FIELDS

    path = tmp_path / "deck.apkg"
    assert export_anki(bank, path) == len(bank.questions)
    notes = deck_notes(path, tmp_path)
    assert len(notes) == len(bank.questions)
    _guid, fields, tags = next(n for n in notes if n[1][-1] == "my-drift")
    card = dict(zip(FIELDS, fields, strict=True))
    assert "difficulty::advanced" in tags and "gauntlet::mlops-production" in tags
    assert "How do you notice that the inputs" in card["Question"]
    question = bank.question("my-drift")
    assert card["KeyPoints"].count("<li>") == len(question.key_points)
    assert card["Pitfalls"].count("<li>") == len(question.pitfalls)
    assert card["FollowUps"].count("<li>") == len(question.follow_ups)
    assert card["Difficulty"] == "advanced" and card["Audience"] == question.audience


@pytest.mark.slow  # exports the whole bank twice
def test_anki_notes_keep_their_ids_so_a_new_export_updates_cards(bank, tmp_path):
    first = {fields[-1]: guid for guid, fields, _ in deck_notes(export_anki(bank, tmp_path / "a.apkg") and
                                                                 tmp_path / "a.apkg", tmp_path)}
    second = {fields[-1]: guid for guid, fields, _ in deck_notes(export_anki(bank, tmp_path / "b.apkg") and
                                                                  tmp_path / "b.apkg", tmp_path)}
    assert first == second and len(set(first.values())) == len(bank.questions)


def test_card_markdown_is_the_web_apps_one_paragraph_per_paragraph():
    wrapped = "A sentence wrapped\nover two lines.\n\n- a bullet\n  continued here\n- b\n\n1. c"
    assert markdown_to_html(wrapped) == (
        "<p>A sentence wrapped\nover two lines.</p>\n<ul>\n<li>a bullet\ncontinued here</li>\n<li>b</li>\n</ul>\n"
        "<ol>\n<li>c</li>\n</ol>")
    assert "<script>" not in markdown_to_html("<script>alert(1)</script> and `x<y`")
