"""What a lab run produces: the key numbers, small tables, run-specific notes, and figures.

``numbers`` and ``tables`` are deterministic for a seed and JSON-safe (plain Python scalars); the
same seed gives byte-identical JSON. Wall-clock measurements are the one thing that cannot be
deterministic, so they live apart in ``timings`` and every comparison of runs leaves them out.
Figures are factories, built only when saved or shown, so a caller that wants just the numbers
(a test, the web app's JSON endpoint) never pays for plotting.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Scalar = int | float | bool | str | None

SIGNIFICANT_DIGITS = 6


def json_scalar(value: object) -> Scalar:
    """A NumPy or Python scalar as a plain JSON value.

    Floats keep 6 significant digits (more is noise for a reader); non-finite floats become the
    strings "inf", "-inf" and "nan" because JSON has no such numbers.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if hasattr(value, "item"):  # NumPy scalar or 0-d array
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    raise TypeError(f"not a JSON scalar: {value!r} ({type(value).__name__})")


@dataclass
class ResultTable:
    """A small table of results (rows of scalars), shown in the terminal and kept in the JSON."""

    title: str
    columns: list[str]
    rows: list[list[Scalar]]

    def __post_init__(self) -> None:
        self.rows = [[json_scalar(v) for v in row] for row in self.rows]
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"table '{self.title}': row {row} does not match columns {self.columns}")

    def to_dict(self) -> dict:
        return {"title": self.title, "columns": list(self.columns), "rows": [list(r) for r in self.rows]}

    @classmethod
    def from_dict(cls, data: dict) -> ResultTable:
        return cls(title=data["title"], columns=list(data["columns"]), rows=[list(r) for r in data["rows"]])


FigureFactory = Callable[[], "Figure"]


@dataclass
class LabResult:
    """The outcome of ``run(seed, **params)`` for one lab.

    params:  the parameter values the lab ran with (all of them, defaults included).
    numbers: the key numbers, name -> scalar, in the order a reader should see them.
    tables:  supporting tables (e.g. one row per model complexity).
    notices: run-specific observations that quote the measured numbers.
    figures: name -> function drawing a matplotlib Figure (not serialised).
    timings: wall-clock seconds of parts of the run; they vary between runs, so they are not numbers.
    """

    lab: str
    seed: int
    # a Mapping so a lab's dict[str, float] fits; __post_init__ stores a fresh dict of JSON scalars
    numbers: Mapping[str, Scalar]
    params: dict[str, Scalar] = field(default_factory=dict)  # filled in by runner.run_lab
    tables: list[ResultTable] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    figures: dict[str, FigureFactory] = field(default_factory=dict, repr=False)
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.params = {k: json_scalar(v) for k, v in self.params.items()}
        self.numbers = {k: json_scalar(v) for k, v in self.numbers.items()}
        self.timings = {k: float(v) for k, v in self.timings.items()}

    def to_dict(self, *, include_timings: bool = True) -> dict:
        data = {
            "lab": self.lab,
            "seed": self.seed,
            "params": dict(self.params),
            "numbers": dict(self.numbers),
            "tables": [t.to_dict() for t in self.tables],
            "notices": list(self.notices),
            "figures": sorted(self.figures),
        }
        if include_timings:
            data["timings"] = {k: round(v, 4) for k, v in self.timings.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict) -> LabResult:
        """The numbers, tables and notes back from JSON (figures are not stored, so none come back)."""
        return cls(lab=data["lab"], seed=int(data["seed"]), numbers=dict(data["numbers"]),
                   params=dict(data["params"]), tables=[ResultTable.from_dict(t) for t in data["tables"]],
                   notices=list(data["notices"]), timings=dict(data.get("timings", {})))

    def json_path(self, out_dir: Path) -> Path:
        return Path(out_dir) / f"{self.lab}.json"

    def figure_path(self, out_dir: Path, name: str) -> Path:
        return Path(out_dir) / f"{self.lab}-{name}.png"

    def save(self, out_dir: Path, *, figures: bool = True) -> list[Path]:
        """Write ``<lab>.json`` and one ``<lab>-<figure>.png`` per figure into ``out_dir``; return the paths."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        json_path = self.json_path(out_dir)
        json_path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written = [json_path]
        if figures:
            from gauntlet.labs.plotting import save_png

            for name, draw in self.figures.items():
                path = self.figure_path(out_dir, name)
                save_png(draw(), path)
                written.append(path)
        return written
