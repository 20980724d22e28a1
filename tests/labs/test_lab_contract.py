"""The contract every lab shares: catalog, spec, parameter checking, determinism, saved output.

Each lab's own effect (what it claims to show) is tested in ``test_lab_<name>.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gauntlet.errors import InputError, NotFoundError
from gauntlet.labs.catalog import LABS, entry, lab_ids, load_lab
from gauntlet.labs.result import LabResult, ResultTable, json_scalar
from gauntlet.labs.runner import run_lab
from gauntlet.labs.spec import Param, parse_assignments

# Question files link to these ids: they must never change.
FIXED_IDS = [
    "bias-variance", "l1-vs-l2", "learning-rate", "gd-variants", "vanishing-gradients", "bagging-vs-boosting",
    "imbalanced-data", "cross-validation", "pca", "curse-of-dimensionality", "drift-every-six-hours",
    "precision-recall-costs", "self-attention", "transfer-learning", "deep-net-overfitting",
    "k-means", "optimisers", "feature-importance", "nested-cv", "embeddings-retrieval", "batch-norm", "calibration",
    "leakage", "ab-testing", "double-descent", "learning-curves",
]

# Labs that take about a second or more (benchmarks/labs_runtime.py): their three runs for the
# determinism check are in the slow suite.
SLOW_LABS = {"bagging-vs-boosting", "transfer-learning", "deep-net-overfitting", "self-attention",
             "curse-of-dimensionality", "vanishing-gradients", "calibration", "leakage", "ab-testing",
             "double-descent", "learning-curves", "optimisers", "feature-importance", "nested-cv",
             "embeddings-retrieval", "batch-norm",
             # about half a second each, three runs: the fast suite keeps the quickest labs
             "cross-validation", "drift-every-six-hours", "gd-variants", "bias-variance", "k-means", "pca",
             "imbalanced-data"}


def test_catalog_lists_exactly_the_fixed_lab_ids():
    assert lab_ids() == FIXED_IDS


def test_catalog_import_is_light():
    probe = ("import sys, gauntlet.labs.catalog as c, gauntlet.catalog as g; ids = c.lab_ids(); g.lab_ids(); "
             "print(','.join(m for m in ('numpy', 'matplotlib') if m in sys.modules))")
    heavy = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert heavy == ""


def test_bank_validator_sees_the_lab_ids():
    from gauntlet.catalog import lab_ids as bank_lab_ids

    assert bank_lab_ids() == set(FIXED_IDS)


@pytest.mark.parametrize("lab_id", FIXED_IDS)
def test_every_lab_module_has_a_spec_matching_the_catalog(lab_id):
    module = load_lab(lab_id)
    spec = module.SPEC
    assert (spec.id, spec.title, spec.summary) == (lab_id, entry(lab_id).title, entry(lab_id).summary)
    assert spec.notice and all(len(text) > 40 for text in spec.notice)
    assert len(spec.takeaway) > 80
    for p in spec.params:
        assert p.coerce(p.default) == p.default  # every default is valid for its own parameter
        assert p.help


def test_unknown_lab_lists_the_valid_ones():
    with pytest.raises(NotFoundError) as excinfo:
        run_lab("no-such-lab")
    assert "no lab 'no-such-lab'" in str(excinfo.value) and "bias-variance" in str(excinfo.value)


def test_bad_parameters_are_rejected_with_what_is_valid():
    with pytest.raises(InputError, match="has no parameter 'lr'.*steps \\(int in \\[5, 1000\\]"):
        run_lab("learning-rate", 0, {"lr": "0.1"})
    with pytest.raises(InputError, match="'steps' = 'ten' has the wrong type; expected int"):
        run_lab("learning-rate", 0, {"steps": "ten"})
    with pytest.raises(InputError, match="'steps' = 2 is out of range; expected int in \\[5, 1000\\]"):
        run_lab("learning-rate", 0, {"steps": "2"})
    with pytest.raises(InputError, match="'rho' = 'nan'|must be finite"):
        run_lab("learning-rate", 0, {"rho": "nan"})
    with pytest.raises(InputError, match="seed must be an integer"):
        run_lab("learning-rate", -1)


def test_param_parsing_by_kind():
    flag = Param("flag", "bool", False, "a switch")
    assert flag.coerce("yes") is True and flag.coerce("0") is False and flag.coerce(True) is True
    with pytest.raises(InputError):
        flag.coerce("maybe")
    mode = Param("mode", "choice", "a", "a mode", choices=("a", "b"))
    assert mode.coerce(" b ") == "b"
    with pytest.raises(InputError, match="expected one of a, b"):
        mode.coerce("c")
    count = Param("count", "int", 3, "a count", low=1, high=5)
    with pytest.raises(InputError):
        count.coerce(True)  # a bool is an int in Python, but never a count
    with pytest.raises(InputError):
        count.coerce("2.5")
    rate = Param("rate", "float", 0.5, "a rate", low=0.0, high=1.0)
    assert rate.coerce("1") == 1.0 and rate.coerce(0) == 0.0
    assert parse_assignments(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    for bad in (["novalue"], ["=3"], ["a=1", "a=2"]):
        with pytest.raises(InputError):
            parse_assignments(bad)


def test_json_scalars_are_plain_and_finite_or_named():
    import numpy as np

    assert json_scalar(np.float64(0.1234567891)) == 0.123457
    assert json_scalar(np.int64(3)) == 3 and type(json_scalar(np.int64(3))) is int
    assert json_scalar(np.bool_(True)) is True
    assert [json_scalar(v) for v in (np.inf, -np.inf, np.nan)] == ["inf", "-inf", "nan"]
    with pytest.raises(ValueError):
        ResultTable("t", ["a", "b"], [[1]])


def test_result_round_trips_through_json(tmp_path):
    result = run_lab("learning-rate", 3, {"steps": "20"})
    written = result.save(tmp_path)
    assert written[0].name == "learning-rate.json" and all(p.exists() for p in written)
    assert {p.name for p in written[1:]} == {f"learning-rate-{name}.png" for name in result.figures}
    for png in written[1:]:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads(written[0].read_text())
    assert data["params"]["steps"] == 20 and data["seed"] == 3
    again = LabResult.from_dict(data)
    assert again.to_dict(include_timings=False) == result.to_dict(include_timings=False) | {"figures": []}


def _run_twice_and_compare(lab_id: str) -> None:
    first = json.dumps(run_lab(lab_id, 7).to_dict(include_timings=False), sort_keys=True)
    second = json.dumps(run_lab(lab_id, 7).to_dict(include_timings=False), sort_keys=True)
    assert first == second
    different_seed = json.dumps(run_lab(lab_id, 8).to_dict(include_timings=False), sort_keys=True)
    assert different_seed != first  # the seed really drives the randomness


@pytest.mark.parametrize("lab_id", [i for i in FIXED_IDS if i not in SLOW_LABS])
def test_same_seed_gives_identical_json(lab_id):
    _run_twice_and_compare(lab_id)


@pytest.mark.slow
@pytest.mark.parametrize("lab_id", sorted(SLOW_LABS))
def test_same_seed_gives_identical_json_slow_labs(lab_id):
    _run_twice_and_compare(lab_id)


@pytest.mark.slow
@pytest.mark.parametrize("lab_id", FIXED_IDS)
def test_every_figure_renders_with_titles_and_labels(lab_id, tmp_path):
    result = run_lab(lab_id, 0)
    assert result.figures, "every lab draws at least one figure"
    for name, draw in result.figures.items():
        fig = draw()
        for ax in fig.axes:
            if not ax.get_visible() or not ax.has_data() or ax.get_label() == "<colorbar>":
                continue
            if ax.images and not ax.lines and not ax.collections:
                continue  # a picture (an image grid, a heat map's tile) has no axis quantities to label
            assert ax.get_xlabel() and ax.get_ylabel(), f"{lab_id}/{name}: unlabelled axis"
            assert ax.get_title() or fig.get_suptitle(), f"{lab_id}/{name}: untitled plot"
    assert len(result.save(tmp_path)) == 1 + len(result.figures)


def test_every_catalog_entry_is_unique_and_slug_like():
    ids = [lab.id for lab in LABS]
    assert len(set(ids)) == len(ids)
    assert all(i == i.lower() and " " not in i for i in ids)
