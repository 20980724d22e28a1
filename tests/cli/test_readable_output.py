"""What the shells show: list commands one row per line at 80 and 120 columns, each shell's own wording
for the same error, and feedback that names a missed key point once."""

from __future__ import annotations

import pickle
import re
import subprocess

import pytest

from tests.support import FIXTURE_BANK, gauntlet_command, slow_after

WIDTHS = slow_after(1, (80, 120))  # the narrowest in the fast suite
GAP, EDGES = 3, 2  # between two columns of a list table, and its two edges (see gauntlet.cli.render)


def run(args, env, width=None):
    env = env if width is None else {**env, "COLUMNS": str(width)}
    return subprocess.run(gauntlet_command() + args, env=env, capture_output=True, text=True, timeout=60)


def _rows(out: str) -> list[str]:
    """The table's body: the lines between the header rule and the first blank line after it."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("───")) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return [line.strip() for line in lines[start:end]]


def _assert_one_line_per_item(out: str, width: int, items: list[tuple[str, str]]) -> None:
    """Each (id, title) on one line of its own, no line wider than the terminal; the title whole when the
    ids and titles fit in the width, else cut with an ellipsis (never folded onto the next line)."""
    assert all(len(line) <= width for line in out.splitlines()), width
    rows = _rows(out)
    assert [row.split(" ")[0] for row in rows] == [item_id for item_id, _ in items], width  # no continuation lines
    fits = EDGES + max(len(i) for i, _ in items) + GAP + max(len(t) for _, t in items) <= width
    for row, (_item_id, title) in zip(rows, items, strict=True):
        if fits or title in row:
            assert title in row, (width, row)
        else:
            cut = re.search(r" {2,}(\S.*?)…", row)
            assert cut and title.startswith(cut.group(1)) and len(cut.group(1)) >= 10, (width, row)


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_lab_and_code_lists_are_one_line_per_row(cli_env, width):
    from gauntlet.drills.loader import load_catalog
    from gauntlet.labs.catalog import LABS

    labs = run(["lab", "list"], cli_env, width).stdout
    _assert_one_line_per_item(labs, width, [(lab.id, lab.title) for lab in LABS])
    drills = run(["code", "list"], cli_env, width).stdout
    _assert_one_line_per_item(drills, width, [(d.id, d.title) for d in load_catalog()])
    if width >= 120:
        assert "what it shows" in labs and "advanced" in drills  # room left for the optional columns


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_topics_keep_every_name_whole_on_its_row(cli_env, width):
    from gauntlet.bank import load_bank

    bank = load_bank()
    out = run(["topics"], cli_env, width).stdout
    _assert_one_line_per_item(out, width, [(t.id, t.name) for t in bank.topics])
    for row, topic in zip(_rows(out), bank.topics, strict=True):
        # No word of a name is split: the name sits whole, in one piece, after the id.
        assert re.match(rf"{re.escape(topic.id)} +{re.escape(topic.name)}( |$)", row), row
    if width >= 120:
        assert all(t.difficulty in row for row, t in zip(_rows(out), bank.topics, strict=True))
    breakdown = run(["topics", "--breakdown"], cli_env, width).stdout
    assert all(len(line) <= width for line in breakdown.splitlines())
    assert [row.split(" ")[0] for row in _rows(breakdown)] == [t.id for t in bank.topics]


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_question_list_and_search_are_one_line_per_question(cli_env, width):
    from gauntlet.bank import load_bank

    bank = load_bank()
    titled = lambda q: q.title + (" [scenario]" if q.kind == "scenario" else "")  # noqa: E731
    listed = run(["list"], cli_env, width).stdout
    _assert_one_line_per_item(listed, width, [(q.id, titled(q)) for q in bank.questions])
    topic = bank.topics[0].id
    one_topic = [q for q in bank.questions if q.topic == topic]
    _assert_one_line_per_item(run(["list", "--topic", topic], cli_env, width).stdout, width,
                              [(q.id, titled(q)) for q in one_topic])
    found = run(["--bank", str(FIXTURE_BANK), "search", "drift"], cli_env, width).stdout
    assert all(len(line) <= width for line in found.splitlines())
    assert any(row.startswith("my-drift ") and "My drift question" in row for row in _rows(found))


def test_list_table_gives_room_to_ids_and_titles_first():
    from rich.console import Console

    from gauntlet.cli.render import ListColumn, list_table

    columns = [ListColumn("id", "key"), ListColumn("title", "title"), ListColumn("level", rank=0),
               ListColumn("about", "blurb")]
    rows = [("an-id", "A title of some length", "beginner", "A long description " * 5)]

    def render(width):
        console = Console(width=width, record=True)
        console.print(list_table(columns, rows, width))
        return console.export_text()

    narrow, wide = render(34), render(120)
    assert "A title of some length" in narrow and "beginner" not in narrow and "about" not in narrow
    assert "beginner" in wide and "A long description" in wide and "…" in wide  # the blurb cut to fit
    assert "an-id" in render(20) and "A title o…" in render(20)  # too narrow for the title: cut, id whole


# --- the same error, worded by each shell ---------------------------------------------------------------


def _error_paragraph(html: str) -> str:
    return re.search(r'<p class="error-message">(.*?)</p>', html, re.S).group(1)


@pytest.fixture
def web(tmp_path):
    from gauntlet.web.app import create_app
    from gauntlet.web.config import WebConfig
    from tests.web.conftest import Browser

    app = create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'web.db'}", extra_banks=(FIXTURE_BANK,)))
    yield Browser(app)
    app.state.store.close()


@pytest.mark.slow
def test_web_error_pages_name_pages_and_fields_not_commands(web):
    missing = web.get("/questions/no-such-id")
    assert missing.status_code == 404
    message = _error_paragraph(missing.text)
    assert "no question with id" in message and "gauntlet " not in message and "`" not in message
    assert '<a href="/bank">the question bank</a>' in message  # the hint is a link to the page it names
    difficulty = _error_paragraph(web.get("/bank", params={"difficulty": "easy"}).text)
    assert difficulty.startswith("Difficulty must be one of") and "--" not in difficulty
    short = web.post("/mock", {"minutes": "3", "level": "all"})
    assert short.status_code == 400
    assert _error_paragraph(short.text) == "Minutes must be between 5 and 180"


@pytest.mark.slow  # a dozen CLI processes
def test_the_cli_says_the_same_errors_with_its_commands_and_flags(cli_env):
    missing = run(["show", "no-such-id"], cli_env)
    assert missing.returncode == 2
    assert "no question with id 'no-such-id'; `gauntlet list` shows the ids" in missing.stderr
    bad = run(["list", "--difficulty", "easy"], cli_env)
    assert "--difficulty must be one of beginner, intermediate, advanced" in bad.stderr
    short = run(["mock", "--minutes", "3"], cli_env)
    assert short.returncode == 2 and "--minutes must be between 5 and 180" in short.stderr


def test_errors_keep_what_is_wrong_apart_from_each_shells_hint():
    from gauntlet.errors import QUESTION_IDS, InputError, NotFoundError

    flag = InputError("must be between 5 and 180", option="minutes")
    assert str(flag) == "--minutes must be between 5 and 180"
    assert flag.web_message() == "Minutes must be between 5 and 180"
    hinted = NotFoundError("no question with id 'x'", hint=QUESTION_IDS)
    assert str(hinted) == "no question with id 'x'; `gauntlet list` shows the ids"
    assert hinted.web_message() == "no question with id 'x'; the question bank lists every question"
    # A message raised as one string in the core's usual form is split the same way.
    legacy = NotFoundError("no question with id 'x'; `gauntlet list` shows the ids")
    assert (legacy.what, legacy.hint, legacy.web_message()) == ("no question with id 'x'", QUESTION_IDS,
                                                                 hinted.web_message())
    # An unknown command hint is dropped on the web rather than shown as advice a browser cannot follow.
    assert InputError("that failed; run `gauntlet doctor`").web_message() == "that failed"
    assert InputError("plain words").web_message() == "plain words"
    for error in (flag, hinted, legacy):  # the grading pool sends errors between processes
        copy = pickle.loads(pickle.dumps(error))
        assert (str(copy), copy.web_message(), copy.option, copy.hint) == (str(error), error.web_message(),
                                                                            error.option, error.hint)


# --- feedback names a missed key point once ------------------------------------------------------------


def _grade(point: str):
    from gauntlet.grade.coverage import missed_tip
    from gauntlet.grade.result import Evidence, Grade, KeyPointResult

    covered = KeyPointResult("Training error is low but validation error is high.", "covered", 0.9,
                             Evidence(0, 10, "low train"))
    return Grade(2.0, "weak", "Weak.", (KeyPointResult(point, "missed", 0.1, None, missed_tip(point)), covered))


def test_feedback_names_a_missed_key_point_once():
    from gauntlet.cli.grade import print_feedback
    from gauntlet.cli.state import console

    point = "The model fits noise in the training data"
    with console.capture() as captured:
        print_feedback(_grade(point), "low train error")
    missed = [line for line in captured.get().splitlines() if point in line]
    assert len(missed) == 1 and missed[0].count(point) == 1 and "Add:" in missed[0]


@pytest.mark.slow
def test_review_after_feedback_does_not_list_the_key_points_again(monkeypatch, tmp_path):
    """The feedback lists every key point; the review card used to list them all again below the model
    answer, so each missed point appeared twice on the screen."""
    import dataclasses

    from typer.testing import CliRunner

    import gauntlet.cli.review_cmd as review_cmd
    import gauntlet.practice as practice
    from gauntlet.cli.main import app
    from gauntlet.cli.state import STATE

    point = "The model fits noise in the training data."
    real_submit = practice.submit_answer

    def submit_with_a_grade(*args, **kwargs):
        # The grade's content is what matters here, not the grader: no model is loaded.
        return dataclasses.replace(real_submit(*args, **{**kwargs, "grade": False}), grade=_grade(point))

    monkeypatch.setattr(review_cmd, "prepare_feedback", lambda *a: None)
    monkeypatch.setattr(practice, "submit_answer", submit_with_a_grade)
    monkeypatch.setattr(STATE, "_store", None)
    try:
        result = CliRunner().invoke(app, ["--db", str(tmp_path / "g.db"), "--bank", str(FIXTURE_BANK), "review",
                                          "--tag", "my-bank", "--topic", "mlops-production"],
                                    input="Low training error.\n.\n3\n")
    finally:
        if STATE._store is not None:
            STATE._store.close()
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Add: The model fits noise in the training data." in out and "Saved review #1" in out
    assert out.count(point.rstrip(".")) == 1
