"""Export a mock interview report as Markdown and as one self-contained HTML file (plot inlined)."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from gauntlet.markdown import to_inline_html


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def _score(value) -> str:
    return "—" if value is None else f"{value:.1f}/5"


def to_markdown(report: dict) -> str:
    o = report["overall"]
    lines = [
        f"# Mock interview #{report['session_id']} — {report['level']} level, {report['minutes']} min",
        "",
        f"Started {report['started_at'][:16].replace('T', ' ')} UTC · answered {o['answered']}/{o['planned']}"
        f" · time used {_minutes(o['time_used_s'])} · overall {_score(o['mean_score'])}",
        "",
    ]
    if not report["graded"]:
        lines += ["> Not graded: the answer grader is not installed, so scores are missing.", ""]
    lines += ["## Results by question", "", "| # | question | topic | level | score | time used | status |",
              "|---|---|---|---|---|---|---|"]
    for q in report["questions"]:
        lines.append(f"| {q['position']} | {q['title']} | {q['topic_name']} | {q['difficulty']} | {_score(q['score'])}"
                     f" | {_minutes(q['time_used_s'])} of {_minutes(q['budget_s'])} | {q['status'].replace('_', ' ')} |")
    lines += ["", "## Strengths", ""] + [f"- {s}" for s in report["strengths"]]
    lines += ["", "## Weakest topics", ""] + ([f"- {t}" for t in report["weakest_topics"]] or ["- (not graded)"])
    lines += ["", "## Three things to practise next", ""] + [f"{i}. {s}" for i, s in enumerate(report["practise_next"], 1)]
    lines += ["", "## Details", ""]
    for q in report["questions"]:
        lines += [f"### {q['position']}. {q['title']} ({_score(q['score'])})", "", f"> {q['prompt']}", ""]
        lines += ["**Your answer:**", "", q["answer"].strip() or "_(no answer)_", ""]
        if q["missed_key_points"]:
            lines += ["**Key points to add:**", ""] + [f"- {p}" for p in q["missed_key_points"]] + [""]
        if q["signals_shown"]:
            lines += ["**Signals shown:** " + ", ".join(q["signals_shown"]), ""]
        if q["signals_absent"]:
            lines += ["**Signals absent:**", ""] + [f"- {s['name']}: {s['tip']}" for s in q["signals_absent"]] + [""]
        if q["follow_up"]:
            lines += [f"**Follow-up:** {q['follow_up']}", "", q["follow_up_answer"] or "_(no answer)_", ""]
    return "\n".join(lines)


# Scores above this have their label inside the bar (a label beside it would run off the 0-5 axis).
LABEL_INSIDE_FROM = 4.4


def score_by_topic_png(report: dict) -> bytes:
    """A bar chart of mean score per topic (PNG bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    topics = [t for t in report["by_topic"] if t["mean_score"] is not None]
    fig, ax = plt.subplots(figsize=(7, 0.6 * max(len(topics), 1) + 1.4), dpi=110)
    names = [t["name"] for t in topics] or ["(not graded)"]
    scores = [t["mean_score"] for t in topics] or [0]
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


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left}
th{background:#f3f3f3}.answer{white-space:pre-wrap;background:#f8f8f8;padding:.6rem;border-radius:4px}
.muted{color:#666}img{max-width:100%}blockquote{border-left:3px solid #bbb;margin:0;padding-left:.8rem;color:#444}
"""


def to_html(report: dict) -> str:
    """The report as one self-contained HTML page. Texts from the bank (prompts, key points, tips) are
    Markdown, rendered as on the web pages; the candidate's own answers are shown as typed (escaped)."""
    e, md = html.escape, to_inline_html
    o = report["overall"]
    png = base64.b64encode(score_by_topic_png(report)).decode("ascii")
    rows = "".join(
        f"<tr><td>{q['position']}</td><td>{e(q['title'])}</td><td>{e(q['topic_name'])}</td><td>{e(q['difficulty'])}</td>"
        f"<td>{_score(q['score'])}</td><td>{_minutes(q['time_used_s'])} of {_minutes(q['budget_s'])}</td>"
        f"<td>{e(q['status'].replace('_', ' '))}</td></tr>" for q in report["questions"])
    details = []
    for q in report["questions"]:
        part = [f"<h3>{q['position']}. {e(q['title'])} ({_score(q['score'])})</h3>", f"<blockquote>{md(q['prompt'])}</blockquote>",
                f"<div class='answer'>{e(q['answer'].strip()) or '<em>(no answer)</em>'}</div>"]
        if q["missed_key_points"]:
            part.append("<p><strong>Key points to add:</strong></p><ul>" +
                        "".join(f"<li>{md(p)}</li>" for p in q["missed_key_points"]) + "</ul>")
        if q["signals_shown"]:
            part.append(f"<p><strong>Signals shown:</strong> {e(', '.join(q['signals_shown']))}</p>")
        if q["signals_absent"]:
            part.append("<p><strong>Signals absent:</strong></p><ul>" +
                        "".join(f"<li>{e(s['name'])}: {md(s['tip'])}</li>" for s in q["signals_absent"]) + "</ul>")
        if q["follow_up"]:
            part.append(f"<p><strong>Follow-up:</strong> {md(q['follow_up'])}</p>"
                        f"<div class='answer'>{e(q['follow_up_answer'] or '') or '<em>(no answer)</em>'}</div>")
        details.append("".join(part))
    ungraded = "" if report["graded"] else "<p class='muted'>Not graded: the answer grader is not installed.</p>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mock interview #{report['session_id']}</title><style>{_CSS}</style></head><body>
<h1>Mock interview #{report['session_id']} — {e(report['level'])} level, {report['minutes']} min</h1>
<p class="muted">Started {e(report['started_at'][:16].replace('T', ' '))} UTC · answered {o['answered']}/{o['planned']} ·
time used {_minutes(o['time_used_s'])} · overall {_score(o['mean_score'])}</p>{ungraded}
<img alt="Score by topic" src="data:image/png;base64,{png}">
<h2>Results by question</h2><table><tr><th>#</th><th>question</th><th>topic</th><th>level</th><th>score</th>
<th>time used</th><th>status</th></tr>{rows}</table>
<h2>Strengths</h2><ul>{''.join(f'<li>{md(s)}</li>' for s in report['strengths'])}</ul>
<h2>Weakest topics</h2><ul>{''.join(f'<li>{e(t)}</li>' for t in report['weakest_topics']) or '<li>(not graded)</li>'}</ul>
<h2>Three things to practise next</h2><ol>{''.join(f'<li>{md(s)}</li>' for s in report['practise_next'])}</ol>
<h2>Details</h2>{''.join(details)}
</body></html>
"""


def export_report(report: dict, out_dir: Path) -> tuple[Path, Path]:
    """Write ``mock-<id>.md`` and ``mock-<id>.html`` into ``out_dir``; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"mock-{report['session_id']}"
    md_path, html_path = out_dir / f"{stem}.md", out_dir / f"{stem}.html"
    md_path.write_text(to_markdown(report), encoding="utf-8")
    html_path.write_text(to_html(report), encoding="utf-8")
    return md_path, html_path
