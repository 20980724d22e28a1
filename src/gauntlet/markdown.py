"""Markdown to HTML: one renderer for the web pages and the Anki deck, so a model answer reads the same
everywhere. CommonMark (a paragraph wrapped over several lines stays one paragraph; list items keep
their continuation lines), plus tables; raw HTML in the text is escaped, never passed through."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # Building a parser costs more than rendering a paragraph; rendering does not change it, so one serves all.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def to_html(text: str | None) -> str:
    return _parser().render(text or "")


def to_inline_html(text: str | None) -> str:
    """A short text (a key point, a prompt) for use inside a list item or a heading: its Markdown
    without the one paragraph around it."""
    rendered = to_html(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered
