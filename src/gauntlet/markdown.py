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
