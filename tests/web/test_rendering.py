"""Template helpers: the inline SVG bar chart."""

from __future__ import annotations

import re

from gauntlet.web.rendering import BAR_LABEL_CHARS, bar_chart_svg


def test_bar_chart_labels_are_escaped_and_long_ones_cut_with_the_full_text_as_tooltip():
    long_name = "Model Evaluation & Experimentation, and a good deal more"
    svg = str(bar_chart_svg([("<b>Core</b>", 0.5), (long_name, 1.5)]))
    assert "<b>" not in svg and "&lt;b&gt;Core&lt;/b&gt;" in svg
    labels = re.findall(r'class="bar-label">([^<]*)<', svg)
    assert labels[1].endswith("…") and len(labels[1].replace("&amp;", "&")) == BAR_LABEL_CHARS
    assert "<title>Model Evaluation &amp; Experimentation, and a good deal more: 150%</title>" in svg
    widths = [float(w) for w in re.findall(r'width="([\d.]+)" height="18" class="bar"', svg)]
    assert widths == [110.0, 220.0]  # half a bar, and a value over the maximum drawn as a full one
