"""Coding drills in the browser: read the task, write code, run the examples, submit, see past attempts.

"Run examples" and "Submit" are HTMX posts answered with the verdict fragment; without JavaScript the
same form posts normally and gets the whole page back. Judging happens in the drills sandbox: a shared
server always uses bubblewrap; a local one the level the CLI would use (bubblewrap, or the weaker level
its user named in ``GAUNTLET_SANDBOX``).
"""

from __future__ import annotations

import threading

from fastapi import APIRouter, Depends, Request

from gauntlet.drills.attempts import CodeAttempt, code_attempts_for, get_code_attempt, solved_drill_ids
from gauntlet.drills.explanation import explain
from gauntlet.drills.model import DIFFICULTIES, Drill
from gauntlet.drills.verdict import Submission, Verdict
from gauntlet.errors import GauntletError, InputError, NotFoundError
from gauntlet.store.users import User
from gauntlet.web.inputs import MAX_CODE_CHARS
from gauntlet.web.rendering import page
from gauntlet.web.security import current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])
HISTORY_SHOWN = 20



_CATALOG_LOCK = threading.Lock()


def drill_catalog(request: Request) -> dict[str, Drill]:
    """Every drill by id, validated once per app (content changes need a restart, as for the bank).

    Built under a lock: the first page views arrive together, and CPython 3.11's ``ast.parse`` (which
    validating a drill's test files uses) is not safe in several threads at once ("AST constructor
    recursion depth mismatch", a 500 seen under `benchmarks/web_load.py`)."""
    state = request.app.state
    drills = getattr(state, "drill_catalog", None)
    if drills is None:
        with _CATALOG_LOCK:
            drills = getattr(state, "drill_catalog", None)
            if drills is None:
                from gauntlet.drills.loader import load_catalog

                drills = state.drill_catalog = {d.id: d for d in load_catalog()}
    return drills


def _drill(request: Request, drill_id: str) -> Drill:
    drill = drill_catalog(request).get(drill_id)
    if drill is None:
        raise NotFoundError(f"no coding drill named '{drill_id}': the list of drills is at /code")
    return drill


def _questions_for(bank, drill: Drill) -> list:
    """Questions this drill illustrates: those it names and those that name it, in bank order."""
    return [q for q in bank.questions if q.id in drill.questions or drill.id in q.related.drills]


def _statement_body(drill: Drill) -> str:
    """The statement without its leading ``# Title`` line: the page shows the title as its heading."""
    text = drill.statement()
    first, _, rest = text.partition("\n")
    return rest if first.startswith("# ") else text


def _topic_name(bank, topic_id: str) -> str:
    return next((t.name for t in bank.topics if t.id == topic_id), topic_id)


def _sandbox_description(submission: Submission) -> str:
    from gauntlet.drills.isolation import IsolationLevel, describe

    return describe(IsolationLevel(submission.isolation))


@router.get("/code")
def drills(request: Request, user: User = Depends(current_user)):
    state = request.app.state
    topic_names = {d.topic: _topic_name(state.bank, d.topic) for d in drill_catalog(request).values()}
    # by topic, then easiest first
    catalog = sorted(drill_catalog(request).values(),
                     key=lambda d: (topic_names[d.topic], DIFFICULTIES.index(d.difficulty), d.title.lower()))
    return page(request, "code_list.html", drills=catalog, solved=solved_drill_ids(state.store, user.id),
                topic_names=topic_names)


def _drill_page(request: Request, drill: Drill, user: User, *, code: str | None = None,
                verdict: Submission | None = None, stored: CodeAttempt | None = None,
                viewing: CodeAttempt | None = None):
    state = request.app.state
    history = code_attempts_for(state.store, user.id, drill_id=drill.id, limit=HISTORY_SHOWN)
    last = history[0] if history else None
    if code is None:
        code = last.code if last is not None else drill.starter()
    return page(request, "code_drill.html", drill=drill,
                topic_name=_topic_name(state.bank, drill.topic), code=code, last=last, history=history,
                statement=_statement_body(drill), examples_source=drill.examples_path.read_text(encoding="utf-8"),
                questions=_questions_for(state.bank, drill), viewing=viewing,
                **_verdict_context(drill, verdict, stored))


def _verdict_context(drill: Drill, verdict: Submission | None, stored: CodeAttempt | None) -> dict:
    if verdict is None:
        return {"verdict": None, "stored": None}
    return {"verdict": verdict, "stored": stored, "explanation": explain(drill, verdict),
            "sandbox_description": _sandbox_description(verdict), "Verdict": Verdict}


@router.get("/code/{drill_id}")
def drill_page(request: Request, drill_id: str, starter: bool = False, user: User = Depends(current_user)):
    drill = _drill(request, drill_id)
    return _drill_page(request, drill, user, code=drill.starter() if starter else None)


@router.get("/code/{drill_id}/attempts/{attempt_id}")
def attempt_page(request: Request, drill_id: str, attempt_id: int, user: User = Depends(current_user)):
    """A past submission: its code back in the editor and its verdict as first reported."""
    drill = _drill(request, drill_id)
    attempt = get_code_attempt(request.app.state.store, user.id, attempt_id)  # another user's: 404
    if attempt.drill_id != drill.id:
        raise NotFoundError(f"attempt #{attempt_id} is not at {drill.id}")
    return _drill_page(request, drill, user, code=attempt.code, verdict=attempt.submission(), viewing=attempt)


@router.post("/code/{drill_id}/test")
async def run_examples(request: Request, drill_id: str, user: User = Depends(current_user)):
    """The visible examples only; nothing is stored."""
    return await _judge(request, drill_id, user, submit=False)


@router.post("/code/{drill_id}/submit")
async def submit(request: Request, drill_id: str, user: User = Depends(current_user)):
    """Examples and hidden tests; the attempt is stored for this user."""
    return await _judge(request, drill_id, user, submit=True)


async def _judge(request: Request, drill_id: str, user: User, *, submit: bool):
    drill = _drill(request, drill_id)
    code = str((await request.form()).get("code", ""))
    htmx = bool(request.headers.get("hx-request"))
    try:
        _check_code(code)
        level = _sandbox_level(request)
    except GauntletError as problem:
        if not htmx:
            raise
        # The reason goes in the verdict box like any verdict, so 200: htmx does not swap a 4xx in, and
        # the browser would log it as a failed load. A plain form post gets the 400 error page.
        return page(request, "_code_verdict.html", verdict=None, problem=problem.web_message())

    def judge() -> tuple[Submission, CodeAttempt | None]:
        from gauntlet.drills import judge as judging
        from gauntlet.drills.attempts import record_code_attempt

        submission = (judging.submit(drill, code, level=level) if submit
                      else judging.run_examples(drill, code, level=level))
        if not submit:
            return submission, None
        return submission, record_code_attempt(request.app.state.store, user.id, submission, code)

    # a judged run is a sandboxed process doing up to the drill's time limit: on the long-task threads
    verdict, stored = await request.app.state.long_tasks.run(judge)
    if not htmx:
        return _drill_page(request, drill, user, code=code, verdict=verdict, stored=stored)
    history = code_attempts_for(request.app.state.store, user.id, drill_id=drill.id, limit=HISTORY_SHOWN)
    return page(request, "_code_verdict.html", drill=drill, history=history, update_history=submit,
                **_verdict_context(drill, verdict, stored))


def _check_code(code: str) -> None:
    if not code.strip():
        raise InputError("the editor is empty: write your solution (the starter is a good beginning)")
    if len(code) > MAX_CODE_CHARS:
        raise InputError(f"the code is longer than {MAX_CODE_CHARS:,} characters; "
                         "a drill's solution needs far less")


def _sandbox_level(request: Request) -> str | None:
    """The level to judge at. Shared: bubblewrap, whatever ``GAUNTLET_SANDBOX`` says (one account's
    code must not reach the others' data or the server's files), or no drills at all. Local: as the
    CLI (the user's own choice, for their own code)."""
    from gauntlet.drills.isolation import BWRAP_FIX, IsolationLevel, probe, select_level

    if not request.app.state.config.shared:
        select_level(None)  # raises, with what to do, when no level was named and bubblewrap is missing
        return None
    problem = probe(IsolationLevel.BWRAP)
    if problem:
        raise GauntletError(f"this server cannot isolate submitted code ({problem}), so it does not run coding "
                            f"drills for shared accounts; its administrator can {BWRAP_FIX}")
    return IsolationLevel.BWRAP.value
