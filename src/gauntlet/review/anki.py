"""Export the question bank as an Anki deck (.apkg) with topic, difficulty and audience tags."""

from __future__ import annotations

import html
import re
from pathlib import Path

from gauntlet.bank.model import Bank, Question

# Fixed ids: re-exporting updates the same deck and notes in Anki instead of duplicating them.
DECK_ID = 1_734_925_117
MODEL_ID = 1_734_925_118


def markdown_to_html(text: str) -> str:
    """Enough Markdown for Anki cards: paragraphs, bullet and numbered lists, **bold**, *italic*, `code`."""
    def inline(line: str) -> str:
        line = html.escape(line)
        line = re.sub(r"`([^`]+)`", r"<code>\1</code>", line)
        line = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", line)
        return re.sub(r"(?<!\*)\*([^*]+)\*(?!\*)", r"<i>\1</i>", line)

    out, in_list = [], None
    for raw in text.strip().splitlines():
        line = raw.strip()
        bullet = re.match(r"^([-*]|\d+\.)\s+(.*)", line)
        kind = ("ol" if bullet and bullet.group(1)[0].isdigit() else "ul") if bullet else None
        if in_list and kind != in_list:
            out.append(f"</{in_list}>")
            in_list = None
        if bullet:
            if not in_list:
                out.append(f"<{kind}>")
                in_list = kind
            out.append(f"<li>{inline(bullet.group(2))}</li>")
        elif line:
            out.append(f"<p>{inline(line)}</p>")
    if in_list:
        out.append(f"</{in_list}>")
    return "".join(out)


def _back(q: Question) -> str:
    points = "".join(f"<li>{html.escape(kp.text)}</li>" for kp in q.key_points)
    pitfalls = "".join(f"<li><b>✗</b> {html.escape(p.mistake)}<br><b>✓</b> {html.escape(p.correction)}</li>"
                       for p in q.pitfalls)
    return (f"{markdown_to_html(q.model_answer)}<h4>Key points</h4><ul>{points}</ul>"
            f"<h4>Pitfalls</h4><ul>{pitfalls}</ul>")


def export_anki(bank: Bank, path: Path) -> int:
    """Write the deck to ``path``; returns the number of notes."""
    import genanki

    model = genanki.Model(
        MODEL_ID, "Gauntlet question",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Topic"}, {"name": "Id"}],
        templates=[{
            "name": "Recall",
            "qfmt": "<div class='topic'>{{Topic}}</div><div class='prompt'>{{Question}}</div>",
            "afmt": "{{FrontSide}}<hr id='answer'>{{Answer}}",
        }],
        css=".card{font-family:sans-serif;font-size:17px;text-align:left;max-width:44em;margin:auto}"
            ".topic{color:#888;font-size:13px}.prompt{font-weight:bold;margin:.6em 0}",
    )
    deck = genanki.Deck(DECK_ID, "Gauntlet — ML interview questions")
    topics = {t.id: t.name for t in bank.topics}
    for q in bank.questions:
        tags = [f"gauntlet::{q.topic}", f"difficulty::{q.difficulty}", f"audience::{q.audience}"] + \
               [f"tag::{t}" for t in q.tags] + (["scenario"] if q.kind == "scenario" else [])
        deck.add_note(genanki.Note(model=model, guid=genanki.guid_for("gauntlet", q.id),
                                   fields=[html.escape(q.prompt), _back(q), html.escape(topics.get(q.topic, q.topic)),
                                           q.id], tags=tags))
    path.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(deck).write_to_file(str(path))
    return len(bank.questions)
