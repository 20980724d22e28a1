"""The shipped bank is valid and holds every item of the seed guide, by id."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from gauntlet.bank import check_bank, load_bank

# Each item the guide names, mapped to the id that covers it. The guide repeats itself (its "top 5"
# list restates bias-variance and L1 vs L2), so two items may share an id.
SEED_QUESTIONS = {
    "bias-variance tradeoff": "bias-variance-tradeoff",
    "imbalanced datasets (SMOTE, undersampling, class weights, P/R/F1)": "imbalanced-datasets",
    "L1 vs L2": "l1-vs-l2",
    "gradient descent for a non-technical person": "gradient-descent-explained",
    "vanishing and exploding gradients": "vanishing-exploding-gradients",
    "bagging vs boosting": "bagging-vs-boosting",
    "how a Transformer works": "transformer-self-attention",
    "batch vs stochastic vs mini-batch gradient descent": "batch-vs-stochastic-gradient-descent",
    "cross-validation (k-fold)": "cross-validation",
    "PCA": "pca",
    "curse of dimensionality": "curse-of-dimensionality",
    "activation functions": "activation-functions",
    "detecting data drift in production": "data-drift-detection",
    "precision vs recall": "precision-vs-recall",
    "transfer learning": "transfer-learning",
    "top 5: supervised vs unsupervised": "supervised-vs-unsupervised",
    "top 5: overfitting in deep nets": "deep-net-overfitting",
    "top 5: bias-variance with a real example": "bias-variance-tradeoff",
    "top 5: L1 vs L2": "l1-vs-l2",
    "top 5: evaluating a classifier on highly imbalanced classes": "imbalanced-classifier-evaluation",
    "opening scenario: input distribution shifts every six hours": "distribution-shift-every-six-hours",
}
SEED_TOPICS = {
    "core-fundamentals": ("beginner", "fresher"),
    "supervised-learning": ("intermediate", "all"),
    "deep-learning-nlp": ("advanced", "senior"),
    "mlops-production": ("advanced", "senior"),
}
SEED_TIPS = {"explain-the-why", "acknowledge-model-decay", "master-the-math", "defend-your-metrics",
             "link-to-business-impact"}
# Issue 19: the behavioural family ships as tips (an example answer graded by key-point claims scored
# 1.5-3.0: a story's structure is not a claim the grader can match).
BEHAVIOURAL_TIPS = {"walk-through-a-shipped-model", "talk-about-a-failure", "push-back-with-evidence"}
SEED_SIGNALS = {"first-principles", "pragmatism", "data-skepticism", "communication"}
SEED_FAQ = {"ml-vs-ai", "need-a-phd", "best-language", "what-is-overfitting", "start-a-career"}


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.mark.slow
def test_shipped_bank_passes_the_validator_with_strict_minimums():
    problems = check_bank()
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("item", sorted(SEED_QUESTIONS))
def test_every_seed_item_is_in_the_bank(bank, item):
    question = bank.question(SEED_QUESTIONS[item])
    assert question.source == "guide"


def test_opening_scenario_is_a_senior_scenario(bank):
    q = bank.question("distribution-shift-every-six-hours")
    assert (q.kind, q.difficulty, q.audience, q.topic) == ("scenario", "advanced", "senior", "mlops-production")
    assert "six hours" in q.prompt


def test_seed_topics_have_their_level_and_audience(bank):
    assert {t.id: (t.difficulty, t.audience) for t in bank.topics if t.id in SEED_TOPICS} == SEED_TOPICS


def test_bank_size_and_per_topic_minimum(bank):
    """Issue 19: at least 280 questions in at least 18 topics, 12 or more in each."""
    assert len(bank.questions) >= 280
    per_topic = Counter(q.topic for q in bank.questions)
    assert len(bank.topics) >= 18
    for topic in bank.topics:
        assert per_topic[topic.id] >= 12, f"{topic.id} has {per_topic[topic.id]} questions"
    originals = sum(q.source == "original" for q in bank.questions)
    assert originals >= 45


def test_every_question_meets_the_content_minimums(bank):
    for q in bank.questions:
        assert len(q.key_points) >= 4, q.id
        assert len(q.pitfalls) >= 2, q.id
        assert len(q.follow_ups) >= 2, q.id
        assert q.senior_angle and q.model_answer and q.reviewed, q.id


def test_every_key_point_is_specific_enough_to_grade(bank):
    """A short key point ("Choose k by cross-validation.") is met by almost any on-topic sentence: under 8
    words it must carry a number or a named method (an acronym or a capitalised name)."""
    vague = []
    for q in bank.questions:
        for point in q.key_points:
            words = point.text.split()
            named = any(re.search(r"\d", w) or re.search(r"[A-Z].*[A-Z]", w) for w in words) or \
                any(w[0].isupper() for w in words[1:])
            if len(words) < 8 and not named:
                vague.append(f"{q.id}: {point.text}")
    assert vague == []


def test_audience_says_who_is_asked_not_how_hard(bank):
    """Audience is not a copy of difficulty: some advanced questions are for everyone or freshers, some
    beginner ones are asked of seniors or of everyone."""
    pairs = Counter((q.difficulty, q.audience) for q in bank.questions)
    assert sum(n for (d, a), n in pairs.items() if d == "advanced" and a != "senior") >= 5, pairs
    assert sum(n for (d, a), n in pairs.items() if d == "beginner" and a != "fresher") >= 5, pairs


def test_topics_mix_difficulty_audience_and_scenarios(bank):
    for topic in (t.id for t in bank.topics):
        qs = bank.questions_in(topic)
        assert len({q.difficulty for q in qs}) >= 2, topic
        assert any(q.kind == "scenario" for q in qs), topic


def test_comparison_table_tips_signals_and_faq(bank):
    table = next(t for t in bank.tables if t.id == "learning-paradigms")
    assert [c.lower() for c in table.columns[1:]] == ["supervised", "unsupervised", "reinforcement"]
    aspects = " ".join(row[0].lower() for row in table.rows)
    for aspect in ("data", "goal", "algorithm", "example"):
        assert aspect in aspects
    assert SEED_TIPS | BEHAVIOURAL_TIPS <= {t.id for t in bank.tips}
    assert {s.id for s in bank.signals} >= SEED_SIGNALS
    assert {f.id for f in bank.faq} >= SEED_FAQ


@pytest.mark.slow
def test_cross_links_run_both_ways(bank):
    """A drill that names a question it illustrates is linked from that question ("implement it"),
    and every lab is linked from at least one question ("see it run")."""
    from gauntlet.drills.loader import load_catalog
    from gauntlet.labs.catalog import lab_ids

    missing = [(drill.id, qid) for drill in load_catalog() for qid in drill.questions
               if drill.id not in bank.question(qid).related.drills]
    assert missing == []
    linked_labs = {lab for q in bank.questions for lab in q.related.labs}
    assert set(lab_ids()) <= linked_labs
