"""Jinja2 templates and the helpers they use (safe Markdown, highlighted answers, small SVG charts)."""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from gauntlet.errors import GauntletError
from gauntlet.markdown import to_html as markdown_to_html
from gauntlet.markdown import to_inline_html
from gauntlet.web.inputs import MAX_ANSWER_CHARS
from gauntlet.web.security import CSRF_FIELD

TEMPLATES = Path(__file__).parent / "templates"
MARKDOWN_CACHED_CHARS = 20_000  # longer texts (a pasted essay) are rendered each time rather than kept


@lru_cache(maxsize=2048)
def _markdown_html(text: str) -> str:
    # The same model answers and tables are rendered on every page view: keep their HTML.
    return markdown_to_html(text)


def markdown(text: str | None) -> Markup:
    """Markdown to HTML with raw HTML disabled: user or content text can never inject markup."""
    text = text or ""
    return Markup(_markdown_html(text) if len(text) <= MARKDOWN_CACHED_CHARS else markdown_to_html(text))


def inline_markdown(text: str | None) -> Markup:
    """A short Markdown text (a list item, a heading) without the paragraph around it; raw HTML escaped."""
    return Markup(to_inline_html(text))


def highlight_spans(text: str, spans: list[dict]) -> Markup:
    """The user's own answer with its key-point evidence marked (covered, partly, contradicted).

    ``spans``: [{"start", "end", "label", "status"}] character offsets into ``text``; overlapping spans
    are merged into the first. Everything is escaped.
    """
    pieces, cursor = [], 0
    for span in sorted((s for s in spans if 0 <= s["start"] < s["end"] <= len(text)), key=lambda s: s["start"]):
        if span["start"] < cursor:
            continue
        pieces.append(html.escape(text[cursor:span["start"]]))
        pieces.append(f'<mark class="kp kp-{html.escape(span["status"])}" title="{html.escape(span["label"])}">'
                      f'{html.escape(text[span["start"]:span["end"]])}</mark>')
        cursor = span["end"]
    pieces.append(html.escape(text[cursor:]))
    return Markup("".join(pieces))


BAR_LABEL_CHARS = 36  # longer labels are cut with an ellipsis (the full one is the bar's tooltip)


def bar_chart_svg(rows: list[tuple[str, float]], maximum: float = 1.0, unit: str = "%") -> Markup:
    """A horizontal bar chart as inline SVG (no JavaScript, no external library)."""
    height = 26 * len(rows) + 8
    # The label column (x 0-225) fits BAR_LABEL_CHARS characters at 12 px; bars start after it.
    bar_x, bar_w = 230, 220
    parts = [f'<svg class="bars" viewBox="0 0 {bar_x + bar_w + 40} {height}" role="img" aria-label="bar chart" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value) in enumerate(rows):
        y = 4 + 26 * i
        width = 0 if maximum <= 0 else max(min(value / maximum, 1.0), 0.0) * bar_w
        shown = f"{value * 100:.0f}%" if unit == "%" else f"{value:.1f}"
        cut = label if len(label) <= BAR_LABEL_CHARS else label[: BAR_LABEL_CHARS - 1] + "…"
        parts.append(f'<g><title>{html.escape(label)}: {shown}</title>'
                     f'<text x="0" y="{y + 15}" class="bar-label">{html.escape(cut)}</text>'
                     f'<rect x="{bar_x}" y="{y}" width="{bar_w}" height="18" class="bar-bg"/>'
                     f'<rect x="{bar_x}" y="{y}" width="{width:.1f}" height="18" class="bar"/>'
                     f'<text x="{bar_x + 5 + width:.1f}" y="{y + 14}" class="bar-value">{shown}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def error_message(exc: GauntletError) -> Markup:
    """An error as the browser says it: the web wording (form fields and pages, never `gauntlet ...`
    commands), with the page its hint points to as a link. Everything else is escaped."""
    text = html.escape(exc.web_message())
    hint = exc.hint
    if hint is not None and hint.link is not None:
        words, url = (html.escape(part) for part in hint.link)
        text = text.replace(words, f'<a href="{url}">{words}</a>', 1)
    return Markup(text)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    # Templates ship inside the package and change only with it: do not stat every file on every render.
    templates.env.auto_reload = False
    templates.env.filters["markdown"] = markdown
    templates.env.filters["inline_markdown"] = inline_markdown
    templates.env.globals.update(highlight_spans=highlight_spans, bar_chart_svg=bar_chart_svg, CSRF_FIELD=CSRF_FIELD,
                                 MAX_ANSWER_CHARS=MAX_ANSWER_CHARS,
                                 now_iso=lambda: dt.datetime.now(dt.UTC).isoformat())
    return templates


def page(request: Request, name: str, status_code: int = 200, **context):
    """Render a template with what every page needs (user, mode, CSRF token, nav)."""
    app_state = request.app.state
    user = getattr(request.state, "user", None)
    return app_state.templates.TemplateResponse(
        request, name, {"user": user, "shared": app_state.config.shared, "csrf_token": request.state.csrf_token,
                        **context}, status_code=status_code)
