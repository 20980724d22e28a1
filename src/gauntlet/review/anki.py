"""Export the question bank as an Anki deck (.apkg) with topic, difficulty and audience tags.

Each question is one note. Its text is rendered by the same Markdown renderer as the web pages
(``gauntlet.markdown``), and its parts are fields of their own (model answer, key points, pitfalls,
follow-ups, topic, difficulty, audience, id), so a user's own card template can show or leave out any
of them. A note's GUID comes from the question id: importing a new export updates the cards already
in Anki (and their review history) instead of adding duplicates.
"""

from __future__ import annotations

import html
from pathlib import Path

from gauntlet.bank.model import Bank, Question
from gauntlet.markdown import to_html, to_inline_html

# Fixed ids: re-exporting updates the same deck and notes in Anki instead of duplicating them. The note
# type's id changed when its fields did (2026-12: key points, pitfalls and follow-ups as fields), as
# Anki requires of a note type whose fields change.
DECK_ID = 1_734_925_117
MODEL_ID = 1_765_001_205
FIELDS = ("Question", "Answer", "KeyPoints", "Pitfalls", "FollowUps", "Topic", "Difficulty", "Audience", "Id")

FRONT = "<div class='topic'>{{Topic}} · {{Difficulty}}</div><div class='prompt'>{{Question}}</div>"
BACK = ("{{FrontSide}}<hr id='answer'><div class='answer'>{{Answer}}</div>"
        "{{#KeyPoints}}<h4>Key points</h4>{{KeyPoints}}{{/KeyPoints}}"
        "{{#Pitfalls}}<h4>Pitfalls</h4>{{Pitfalls}}{{/Pitfalls}}"
        "{{#FollowUps}}<h4>Follow-up questions</h4>{{FollowUps}}{{/FollowUps}}")
CSS = (".card{font-family:sans-serif;font-size:17px;line-height:1.45;text-align:left;max-width:44em;margin:auto}"
       ".topic{color:#666;font-size:13px}.prompt{font-weight:bold;margin:.6em 0}"
       "pre{white-space:pre-wrap;background:#f4f4f4;padding:.5em}code{background:#f4f4f4;padding:0 .2em}"
       "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em}"
       "h4{margin:1em 0 .3em}.pitfall-right{color:#1f6f2a}.pitfall-wrong{color:#9b1c1c}")


def markdown_to_html(text: str) -> str:
    """A text of the bank as card HTML (see ``gauntlet.markdown``)."""
    return to_html(text).strip()


def _items(texts: list[str]) -> str:
    """A bullet list of bank texts (each may hold inline Markdown); empty when there are none."""
    if not texts:
        return ""
    return "<ul>" + "".join(f"<li>{to_inline_html(t)}</li>" for t in texts) + "</ul>"


def note_fields(q: Question, topic_name: str) -> list[str]:
    """The note's fields, in ``FIELDS`` order."""
    pitfalls = "" if not q.pitfalls else "<ul>" + "".join(
        f"<li><span class='pitfall-wrong'>✗ {to_inline_html(p.mistake)}</span><br>"
        f"<span class='pitfall-right'>✓ {to_inline_html(p.correction)}</span></li>" for p in q.pitfalls) + "</ul>"
    return [to_inline_html(q.prompt), markdown_to_html(q.model_answer), _items([kp.text for kp in q.key_points]),
            pitfalls, _items([f.text for f in q.follow_ups]), html.escape(topic_name), html.escape(q.difficulty),
            html.escape(q.audience), q.id]


def note_guid(question_id: str) -> str:
    import genanki

    guid: str = genanki.guid_for("gauntlet", question_id)
    return guid


def export_anki(bank: Bank, path: Path) -> int:
    """Write the deck to ``path``; returns the number of notes."""
    import genanki

    model = genanki.Model(MODEL_ID, "Gauntlet question", fields=[{"name": name} for name in FIELDS],
                          templates=[{"name": "Recall", "qfmt": FRONT, "afmt": BACK}], css=CSS)
    deck = genanki.Deck(DECK_ID, "Gauntlet — ML interview questions")
    topics = {t.id: t.name for t in bank.topics}
    for q in bank.questions:
        tags = [f"gauntlet::{q.topic}", f"difficulty::{q.difficulty}", f"audience::{q.audience}"] + \
               [f"tag::{t}" for t in q.tags] + (["scenario"] if q.kind == "scenario" else [])
        deck.add_note(genanki.Note(model=model, guid=note_guid(q.id),
                                   fields=note_fields(q, topics.get(q.topic, q.topic)),
                                   tags=tags))
    path.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(deck).write_to_file(str(path))
    return len(bank.questions)
