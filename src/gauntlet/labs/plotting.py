"""Figures for labs: matplotlib's object API on the Agg canvas, never pyplot.

pyplot keeps global state and picks a GUI backend; labs run in the CLI, in tests and in the web
app's worker threads, so each figure is a standalone ``Figure`` rendered by Agg into a PNG.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 110

# One colour per compared variant, the same across labs (matplotlib's colour-blind-safe tab10 order).
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def new_figure(ncols: int = 1, nrows: int = 1, *, width: float = 6.0, height: float = 4.2,
               title: str | None = None) -> tuple[Figure, Any]:
    """A Figure with an Agg canvas and its grid of axes (a single Axes when the grid is 1 x 1)."""
    fig = Figure(figsize=(width * ncols, height * nrows), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=True)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig, axes


def save_png(fig: Figure, path: Path) -> None:
    # No "Software" stamp: the same run then writes the same bytes whatever matplotlib version.
    fig.savefig(path, dpi=DPI, format="png", metadata={"Software": None})
