"""Export a mock interview report as Markdown and as one self-contained HTML file (plot inlined).

Both say where to practise in one shell's words (``Shell``): the terminal's exports name commands; the
file the browser downloads links the app's pages, absolutely (``base_url``), as it is opened outside it.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from pathlib import Path

from gauntlet.markdown import to_inline_html
from gauntlet.review.mock_report import MockReport, QuestionResult, Shell, score_text


def minutes(seconds: float) -> str:
    """``m:ss``, as the reports show durations."""
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def status_text(status: str) -> str:
    return status.replace("_", " ")


def summary_line(report: MockReport) -> str:
    o = report.overall
    return (f"Started {report.started_at:%Y-%m-%d %H:%M} UTC · answered {o.answered}/{o.planned}"
            f" · time used {minutes(o.time_used_s)} · overall {score_text(o.mean_score)}")


def to_markdown(report: MockReport, shell: Shell = Shell.CLI, base_url: str = "") -> str:
    lines = [f"# Mock interview #{report.session_id} — {report.level} level, {report.minutes} min", "",
             summary_line(report), ""]
    if not report.graded:
        lines += ["> Not graded: the answer grader is not installed, so scores are missing.", ""]
    lines += ["## Results by question", "", "| # | question | topic | level | score | time used | status |",
              "|---|---|---|---|---|---|---|"]
    lines += [f"| {q.position} | {q.title} | {q.topic_name} | {q.difficulty} | {score_text(q.score)}"
              f" | {minutes(q.time_used_s)} of {minutes(q.budget_s)} | {status_text(q.status)} |"
              for q in report.questions]
    lines += ["", "## Strengths", ""] + [f"- {s}" for s in report.strengths]
    lines += ["", "## Topics to work on", ""]
    lines += [f"- {t}" for t in report.topics_to_work_on_text]
    lines += ["", "## Three things to practise next", ""]
    lines += [f"{i}. {step.markdown(shell, base_url)}" for i, step in enumerate(report.practise_next, 1)]
    lines += ["", "## Question by question", ""]
    for q in report.questions:
        lines += _question_markdown(q, shell, base_url)
    return "\n".join(lines)


def _question_markdown(q: QuestionResult, shell: Shell, base_url: str) -> list[str]:
    lines = [f"### {q.heading}", "", *(f"> {line}" for line in q.prompt.splitlines()), ""]
    lines += ["**Your answer:**", "", q.answer.strip() or "_(no answer)_", ""]
    if q.follow_up:
        lines += [f"**Follow-up:** {q.follow_up}", ""] + ([f"_{q.follow_up_reason}_", ""] if q.follow_up_reason else [])
        lines += [(q.follow_up_answer or "").strip() or "_(no answer)_", ""]
    debrief = q.debrief
    if debrief.strong:
        lines += ["**What was strong:**", ""] + [f"- {s}" for s in debrief.strong] + [""]
    if debrief.missing:
        lines += ["**What was missing:**", ""] + [f"- {s}" for s in debrief.missing] + [""]
    return lines + [f"**Practise next:** {debrief.next_step.markdown(shell, base_url)}", ""]


# Scores above this have their label inside the bar (a label beside it would run off the 0-5 axis).
LABEL_INSIDE_FROM = 4.4


def score_by_topic_png(report: MockReport) -> bytes:
    """A bar chart of mean score per topic (PNG bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    topics = [t for t in report.by_topic if t.mean_score is not None]
    fig, ax = plt.subplots(figsize=(7, 0.6 * max(len(topics), 1) + 1.4), dpi=110)
    names = [t.name for t in topics] or ["(not graded)"]
    scores = [t.mean_score or 0.0 for t in topics] or [0.0]
    colors = ["#2e7d32" if s >= 3.5 else "#f9a825" if s >= 2.5 else "#c62828" for s in scores]
    ax.barh(names, scores, color=colors)
    ax.set_xlim(0, 5)
    ax.set_xlabel("mean score (0-5)")
    ax.set_title("Score by topic")
    ax.invert_yaxis()
    for y, s in enumerate(scores):
        # Beside the bar when there is room, else inside its end in white: never over the bar's colour.
        if s <= LABEL_INSIDE_FROM:
            ax.text(s + 0.05, y, f"{s:.1f}", va="center", ha="left")
        else:
            ax.text(s - 0.05, y, f"{s:.1f}", va="center", ha="right", color="white", fontweight="bold")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


# On a phone the results table drops its topic and level columns (the question's topic shows under
# its title instead) and long words wrap, so the page never scrolls sideways; the table keeps a
# scroll box of its own for what still does not fit.
_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
p,li,blockquote,.answer,h1,h2,h3,h4{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left}
th{background:#f3f3f3}.answer{white-space:pre-wrap;background:#f8f8f8;padding:.6rem;border-radius:4px}
.muted{color:#666}img{max-width:100%;height:auto}
blockquote{border-left:3px solid #bbb;margin:0;padding-left:.8rem;color:#444}
.scroll{overflow-x:auto}.row-meta{display:none;color:#666;font-size:.9em}
@media (max-width:40rem){body{margin:1rem auto}.wide{display:none}.row-meta{display:block}th,td{padding:.3rem}}
"""


def to_html(report: MockReport, shell: Shell = Shell.CLI, base_url: str = "") -> str:
    """The report as one self-contained HTML page. Texts from the bank (prompts, key points, tips) are
    Markdown, rendered as on the web pages; the candidate's own answers are shown as typed (escaped)."""
    e, md = html.escape, to_inline_html
    png = base64.b64encode(score_by_topic_png(report)).decode("ascii")
    rows = "".join(
        f"<tr><td>{q.position}</td><td>{e(q.title)}<span class='row-meta'>{e(q.topic_name)} · {e(q.difficulty)}"
        f"</span></td><td class='wide'>{e(q.topic_name)}</td><td class='wide'>{e(q.difficulty)}</td>"
        f"<td>{score_text(q.score)}</td><td>{minutes(q.time_used_s)} of {minutes(q.budget_s)}</td>"
        f"<td>{e(status_text(q.status))}</td></tr>" for q in report.questions)
    ungraded = "" if report.graded else "<p class='muted'>Not graded: the answer grader is not installed.</p>"
    steps = "".join(f"<li>{md(step.markdown(shell, base_url))}</li>" for step in report.practise_next)
    details = "".join(_question_html(q, md, shell, base_url) for q in report.questions)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mock interview #{report.session_id}</title><style>{_CSS}</style></head><body><main>
<h1>Mock interview #{report.session_id} — {e(report.level)} level, {report.minutes} min</h1>
<p class="muted">{e(summary_line(report))}</p>{ungraded}
<img alt="Score by topic" src="data:image/png;base64,{png}">
<h2>Results by question</h2><div class="scroll" tabindex="0" role="region" aria-label="Results by question">
<table><tr><th>#</th><th>question</th><th class="wide">topic</th><th class="wide">level</th><th>score</th>
<th>time used</th><th>status</th></tr>{rows}</table></div>
<h2>Strengths</h2><ul>{''.join(f'<li>{md(s)}</li>' for s in report.strengths)}</ul>
<h2>Topics to work on</h2><ul>{''.join(f'<li>{e(t)}</li>' for t in report.topics_to_work_on_text)}</ul>
<h2>Three things to practise next</h2><ol>{steps}</ol>
<h2>Question by question</h2>{details}
</main></body></html>
"""


def _question_html(q: QuestionResult, md: Callable[[str], str], shell: Shell, base_url: str) -> str:
    e = html.escape
    part = [f"<h3>{e(q.heading)}</h3>", f"<blockquote>{md(q.prompt)}</blockquote>",
            "<p><strong>Your answer:</strong></p>",
            f"<div class='answer'>{e(q.answer.strip()) or '<em>(no answer)</em>'}</div>"]
    if q.follow_up:
        part.append(f"<p><strong>Follow-up:</strong> {md(q.follow_up)}</p>"
                    + (f"<p class='muted'>{e(q.follow_up_reason)}</p>" if q.follow_up_reason else "")
                    + f"<div class='answer'>{e((q.follow_up_answer or '').strip()) or '<em>(no answer)</em>'}</div>")
    debrief = q.debrief
    for title, lines in (("What was strong", debrief.strong), ("What was missing", debrief.missing)):
        if lines:
            part.append(f"<h4>{title}</h4><ul>" + "".join(f"<li>{md(line)}</li>" for line in lines) + "</ul>")
    part.append(f"<p><strong>Practise next:</strong> {md(debrief.next_step.markdown(shell, base_url))}</p>")
    return "".join(part)


def export_report(report: MockReport, out_dir: Path) -> tuple[Path, Path]:
    """Write ``mock-<id>.md`` and ``mock-<id>.html`` into ``out_dir`` (the terminal's wording); returns both
    paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"mock-{report.session_id}"
    md_path, html_path = out_dir / f"{stem}.md", out_dir / f"{stem}.html"
    md_path.write_text(to_markdown(report), encoding="utf-8")
    html_path.write_text(to_html(report), encoding="utf-8")
    return md_path, html_path
