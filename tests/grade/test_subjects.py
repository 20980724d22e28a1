"""Key points that name different things lend their names as paired terms: a description given under
another key point's name is read as a contradiction, the right name as support."""

from __future__ import annotations

from gauntlet.grade.claims import analyse, make_claim, read_span
from gauntlet.grade.subjects import subject_pairs, with_subject_pairs

BIAS_POINTS = [
    ("Historical bias is when accurate data records an unfair past, which the model reproduces.",
     ["historical bias", "past decisions"]),
    ("Sampling or representation bias comes from under-represented groups in the training data.",
     ["sampling bias", "representation bias", "under-represented"]),
    ("Measurement bias is when a label measures the true quantity differently across groups.",
     ["measurement bias", "proxy label"]),
    ("The model must be checked per group.", ["audit"]),  # opens with no name
    ("Random assignment makes groups comparable.", ["balance"]),  # looks like a name, is not listed as one
]


def test_names_the_key_points_list_become_pairs_and_nothing_else():
    pairs = subject_pairs(BIAS_POINTS)
    assert pairs == [("historical bias", "sampling bias, representation bias"),
                     ("historical bias", "measurement bias"),
                     ("sampling bias, representation bias", "measurement bias")]


def test_nested_names_and_lexicon_pairs_are_left_out():
    assert subject_pairs([("Bias is the error of the average model.", ["bias"]),
                          ("Historical bias is when data records an unfair past.", ["historical bias"])]) == []
    assert subject_pairs([("High bias means underfitting.", ["high bias"]),
                          ("High variance means overfitting.", ["high variance"])]) == []
    assert subject_pairs([("Sigmoid and tanh saturate.", ["sigmoid and tanh"]),
                          ("ReLU does not saturate for positive inputs.", ["relu"])]) == []


def _relation(statement: str, said: str) -> str:
    oppositions = with_subject_pairs([], BIAS_POINTS)
    return read_span(analyse(said, oppositions), 0, len(said), make_claim(statement, oppositions)).relation


def test_a_description_under_another_name_contradicts_and_under_its_own_supports():
    historical = BIAS_POINTS[0][0]
    assert _relation(historical, "Representation bias is when the accurate data records an unfair past.") == \
        "contradicts"
    assert _relation(historical, "Measurement bias is when accurate data records an unfair past.") == "contradicts"
    assert _relation(historical, "Historical bias: the data is accurate but records an unfair past, and the "
                                 "model reproduces it.") == "supports"
