"""The claim reader as a specification: what a span of an answer says about a statement - supports it,
contradicts it (swapped paired terms, a negation in either direction, a reversed direction), or says
a different, consistent claim ("dual"). Pure text, no model: these run in milliseconds."""

from __future__ import annotations

import pytest

from gauntlet.grade.claims import analyse, list_likeness, make_claim, oppositions_with, read_span

OPPOSITIONS = oppositions_with()
RELATION = {"s": "supports", "c": "contradicts", "d": "dual"}

# (statement, what the answer says, expected relation, [synonyms of the statement])
CASES = [
 ("High bias means the model is too simple and underfits, making systematic errors.",
  "High bias means the model is overfitting.", "c"),
 ("High bias means the model is too simple and underfits, making systematic errors.",
  "High variance means overfitting.", "d"),
 ("High bias means the model is too simple and underfits, making systematic errors.",
  "high bias is when the model is too simple so it underfits", "s"),
 ("High bias means the model is too simple and underfits, making systematic errors.",
  "the model can't capture the real pattern, it underfits because of high bias", "s"),
 ("Precision = TP/(TP+FP)", "precision = TP/(TP+FN) and recall = TP/(TP+FP)", "c"),
    # Two clauses with both sides of two pairs: the second clause is not read against the first.
 ("A cascade sends easy cases to a cheap model and only hard ones to the expensive model.",
  "A cascade sends easy cases to a cheap model and only hard ones to the expensive model.", "s"),
 ("A cascade sends easy cases to a cheap model and only hard ones to the expensive model.",
  "A cascade sends hard cases to a cheap model and only easy ones to the expensive model.", "c"),
 ("Precision = TP/(TP+FP)", "recall = TP/(TP+FN) while precision = TP/(TP+FP)", "s"),
 ("Precision = TP/(TP+FP)", "recall is TP/(TP+FN) and precision is TP/(TP+FP)", "s"),
 ("L1 can drive some weights exactly to zero, so it performs feature selection.", "L2 gives sparse solutions", "c",
  ["sparse","exactly zero"]),
 ("L1 can drive some weights exactly to zero, so it performs feature selection.", "L1, unlike L2, gives sparse weights",
  "s", ["sparse","exactly zero"]),
 ("L1 can drive some weights exactly to zero, so it performs feature selection.", "L2, unlike L1, gives sparse weights",
  "c", ["sparse","exactly zero"]),
 ("L1 can drive some weights exactly to zero, so it performs feature selection.",
  "L2 shrinks weights smoothly and rarely to exactly zero", "d", ["sparse","exactly zero"]),
 ("The p-value is not the probability that the null hypothesis is true.",
  "The p-value is the probability that the null is true.", "c"),
 ("The p-value is not the probability that the null hypothesis is true.",
  "It doesn't tell you the chance that the null is true.", "s"),
 ("More data reduces variance, while richer features or models reduce bias.", "more data does not reduce variance",
  "c"),
 ("More data reduces variance, while richer features or models reduce bias.", "More data won't help with high bias",
  "d"),
 ("More data reduces variance, while richer features or models reduce bias.", "adding data lowers the variance", "s"),
 ("More data reduces variance, while richer features or models reduce bias.", "more data increases variance", "c"),
 # One association stated in two clauses: exchanging its nouns, its verbs or one of each contradicts it once
 # ("lowers" is also on the low/high side: the two pairs are read as one).
 ("More flexibility lowers bias but raises variance.", "more flexibility raises bias and lowers variance", "c"),
 ("More flexibility lowers bias but raises variance.", "more flexibility lowers variance but raises bias", "c"),
 ("More flexibility lowers bias but raises variance.", "more flexibility lowers bias and raises variance", "s"),
 ("Lower the threshold to raise recall.", "raise the threshold to raise recall", "c"),
 ("Lower the threshold to raise recall.", "raise the threshold to lower recall", "d"),
 ("If my model has high bias, collecting a lot more training data will fix it.",
  "It's a myth that more training data fixes high bias.", "c"),
 ("If my model has high bias, collecting a lot more training data will fix it.",
  "People think more data fixes a high-bias model, but it doesn't.", "c"),
 ("If my model has high bias, collecting a lot more training data will fix it.",
  "With high bias, just collect more data and it will go away.", "s"),
 ("F1 is the harmonic mean of precision and recall.", "F1 is the arithmetic mean of precision and recall", "c"),
 ("F1 is the harmonic mean of precision and recall.", "F1 is the harmonic mean of recall and precision", "s"),
 ("Fit the scaler on the training set only, then apply it to the test set.", "fit the scaler on the test set", "c"),
 ("Fit the scaler on the training set only, then apply it to the test set.",
  "you fit scaling on training data and just transform validation and test", "s"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[2]}:{c[1][:40]}" for c in CASES])
def test_the_reading_of_a_span(case):
    statement, said, expected = case[:3]
    synonyms = case[3] if len(case) > 3 else ()
    reading = read_span(analyse(said, OPPOSITIONS), 0, len(said), make_claim(statement, OPPOSITIONS, synonyms))
    assert reading.relation == RELATION[expected]


@pytest.mark.parametrize("said", ["L1 does not produce sparse weights.", "L1 never gives sparse weights.",
                                  "L2 produces sparse weights."])
def test_a_synonym_of_the_statement_carries_its_negation_and_its_pair(said):
    claim = make_claim("L1 drives some weights to exactly zero, so it selects features.", OPPOSITIONS,
                       ("sparse", "feature selection", "exactly zero"))
    assert read_span(analyse(said, OPPOSITIONS), 0, len(said), claim).relation == "contradicts"


def test_a_clause_whose_subject_is_the_other_paired_term_is_not_read_as_a_negation():
    claim = make_claim("L1 regularisation adds the sum of absolute weights to the loss and drives some weights to "
                       "exactly zero", OPPOSITIONS)
    said = ("L1 pushes some coefficients to exactly zero, which gives a sparse model. L2 only shrinks the weights "
            "smoothly and rarely makes any of them exactly zero.")
    assert read_span(analyse(said, OPPOSITIONS), 0, len(said), claim).relation != "contradicts"


def test_a_bare_list_of_terms_reads_as_a_list_and_a_sentence_does_not():
    words = "bias, variance, underfitting, overfitting, regularisation, cross-validation"
    sentence = "High bias means the model is too simple, so it underfits the training data."
    assert list_likeness(analyse(words, OPPOSITIONS), words) >= 0.6
    assert list_likeness(analyse(sentence, OPPOSITIONS), sentence) < 0.6


def test_a_term_on_a_side_of_two_pairs_flips_once():
    """The question declares vanishing/exploding, which the lexicon also pairs: one swap, one flip."""
    oppositions = oppositions_with([("vanishing", "exploding")])
    claim = make_claim("Sigmoid and tanh saturate, giving vanishing gradients.", oppositions)
    said = "Sigmoid and tanh saturate for large inputs, which causes exploding gradients."
    assert read_span(analyse(said, oppositions), 0, len(said), claim).relation == "contradicts"
