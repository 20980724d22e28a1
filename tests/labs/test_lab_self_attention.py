"""self-attention: the trained head looks at the one word that decides the sense of 'bank', beats
equal weights and the static embedding, and is blind to word order; a causal (decoder-style) reader
cannot use a cue that comes after 'bank', and a causally masked layer's earlier outputs ignore later
words; its hand-written gradients match finite differences."""

import numpy as np
import pytest

from gauntlet.labs.runner import run_lab
from gauntlet.labs.self_attention import BankReader, make_sentences, static_embeddings
from tests.support import slow_after


@pytest.mark.slow  # trains the attention layer three times: seconds
@pytest.mark.parametrize("seed", range(10))
def test_bank_attends_to_its_disambiguating_word(seed):
    result = run_lab("self-attention", seed)
    n = result.numbers
    assert n["attention_test_accuracy"] > 0.99
    assert n["attention_test_accuracy"] > n["bag_of_words_test_accuracy"]
    assert n["share_of_sentences_where_top_weight_is_the_cue"] > 0.95
    assert n["mean_weight_on_cue_word"] > 5 * n["equal_weight_per_other_word"]
    assert n["max_output_change_when_words_are_shuffled"] < 1e-10
    # the hand-written sentences: each single-sense example looks at a cue word and gets its sense right
    verdicts = {row[0]: (row[1], row[3]) for row in result.tables[0].rows}
    assert verdicts["we sat on the bank of the river"] == ("river", pytest.approx(0, abs=0.1))
    assert verdicts["the bank gave my loan again"] == ("loan", pytest.approx(1, abs=0.1))
    assert verdicts["the fish swam near the old bank"][0] == "fish"
    # decoder-style: a cue before 'bank' is read as well as ever, one after it is out of reach
    assert n["causal_accuracy_cue_before_bank"] > 0.95
    assert n["causal_accuracy_cue_after_bank"] < 0.65 < n["attention_accuracy_cue_after_bank"]
    assert n["causal_layer_max_change_before_the_changed_word"] == 0.0  # exactly: masked weights are exact zeros
    assert n["full_layer_max_change_before_the_changed_word"] > 1e-3
    assert "(no better than a coin flip)" in result.notices[-1]


@pytest.mark.slow
def test_longer_sentences_dilute_the_bag_of_words_not_attention():
    short = run_lab("self-attention", 0, {"sentence_length": "5"}).numbers
    long = run_lab("self-attention", 0, {"sentence_length": "30"}).numbers
    assert long["bag_of_words_test_accuracy"] < short["bag_of_words_test_accuracy"]
    assert long["attention_test_accuracy"] > 0.98


@pytest.mark.parametrize(("uniform", "causal"), slow_after(1, [(False, False), (True, False), (False, True)]))
def test_hand_written_gradients_match_finite_differences(uniform, causal):
    rng = np.random.default_rng(0)
    E = static_embeddings(rng)
    tokens, bank_at, sense = make_sentences(rng, 12, 6)
    model = BankReader(rng, uniform=uniform, causal=causal)
    model.params["u"] = rng.standard_normal(model.params["u"].shape)
    _, grads = model.loss_and_gradients(E[tokens], bank_at, sense)
    for name, array in model.params.items():
        numeric = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            original = array[index]
            array[index] = original + 1e-6
            plus = model.loss_and_gradients(E[tokens], bank_at, sense)[0]
            array[index] = original - 1e-6
            minus = model.loss_and_gradients(E[tokens], bank_at, sense)[0]
            array[index] = original
            numeric[index] = (plus - minus) / 2e-6
        np.testing.assert_allclose(grads[name], numeric, atol=1e-7, rtol=1e-5, err_msg=name)
