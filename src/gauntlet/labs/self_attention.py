"""Self-attention on a toy sentence: a one-head attention layer learns which words tell "bank"
(river) from "bank" (money).

Words have fixed "static" embeddings (like word2vec): money words cluster around one direction,
river words around another, filler words around a third (each leaning a little, at random, towards
money or river), and "bank" sits halfway between money and river. A static embedding cannot tell
the two senses apart: it is the same vector in every sentence.

Each sentence has ``sentence_length`` words: "bank", one cue word of its sense (money: loan, cash...;
river: water, fish...) at a random other position, and fillers. The model is one attention head
read out at the "bank" position,

    a = softmax(q K^T / sqrt(d_k)),  q = x_bank W_q,  K = X W_k,  V = X W_v,
    P(money sense) = sigmoid(u . (a V) + c),

trained by Adam on cross-entropy. The "bank" query attends over the other words (its own
position is masked out), so the weights show exactly what it takes from its context; a full
transformer also lets a token attend to itself and adds its own embedding back through a residual
connection. The baseline replaces the learnt weights with equal ones over the other words (their
average value): a bag of words.

A third reader is causal, as in a decoder (GPT-style): the causal mask lets 'bank' attend only to
the words before it, so a cue that comes after it is out of reach. Finally a two-head
self-attention layer (random weights, no training) shows what the causal mask guarantees: changing
a sentence's last word cannot change the output at any earlier position.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import SelfAttention, causal_mask, scaled_dot_product_attention
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "self-attention",
    params=(
        Param("sentence_length", "int", 10, "words per training sentence", low=4, high=30),
        Param("n_train", "int", 1000, "training sentences", low=200, high=10000),
        Param("steps", "int", 150, "Adam steps (full batch)", low=20, high=2000),
    ),
    notice=(
        "Self-attention computes, for every position, a weighted average of all positions' value vectors, with "
        "weights softmax(q·k / sqrt(d_k)) from the position's query and every position's key. Here only the "
        "'bank' position is read out, so its row of weights (over the other words) is the one that learns.",
        "After training, 'bank' puts most of its weight on the one word that decides its sense (river, fish... "
        "or loan, cash...) and little on fillers, wherever that word sits: the weights are learnt from what "
        "the words are, not from how near they are.",
        "The static embedding of 'bank' is the same vector in every sentence, so a classifier on it alone is "
        "stuck at chance; the attention output is a contextual vector that differs by sentence.",
        "Averaging all words equally (a bag of words) also contains the cue, but diluted by the fillers, so "
        "it is less accurate; the dilution grows with sentence length. Learnt weights are what let attention "
        "pick the relevant word out of many.",
        "Attention alone is blind to word order: shuffling the sentence leaves the output for 'bank' exactly "
        "unchanged (permutation equivariance). Transformers add positional encodings to the inputs so that "
        "order can matter.",
        "A decoder (GPT-style) applies a causal mask: position i attends only to positions up to i, so every "
        "next-word prediction of a sentence trains at once and generation runs left to right; the price is that "
        "a word cannot use the context after it. An encoder (BERT-style) attends both ways, which is why it "
        "suits understanding a sentence and a decoder suits writing one.",
        "No training sentence had cues of both senses. Given one, the sharply trained head puts its weight on "
        "whichever cue's key scores higher and answers confidently: a confident verdict on a genuinely ambiguous "
        "input, which is what models do outside their training distribution. Real transformers stack layers "
        "of many heads, each free to learn a different relation.",
    ),
    takeaway=(
        "Self-attention builds each token's representation as a weighted sum of value vectors of all tokens, "
        "with weights softmax(QK^T / sqrt(d_k)) computed from content, so an ambiguous word can draw on the one "
        "context word that disambiguates it, however far away. Scaling by sqrt(d_k) keeps the softmax from "
        "saturating; positional encodings supply order; multiple heads and layers capture different relations. "
        "Cost is quadratic in sequence length, which is what efficient-attention variants attack."
    ),
)

FILLERS = ("the a of was by on near it we sat saw went to there again old new big my our that gave swam "
           "lost").split()
MONEY = ("money", "loan", "account", "deposit", "cash", "interest")
RIVER = ("river", "water", "fish", "shore", "mud", "boat")
VOCAB = ("bank", *FILLERS, *MONEY, *RIVER)
INDEX = {w: i for i, w in enumerate(VOCAB)}
D_MODEL, D_K = 16, 8
FILLER_LEAN = 0.4
N_TEST = 2000
LEARNING_RATE = 0.05
EXAMPLES = (
    "we sat on the bank of the river",
    "the bank gave my loan again",
    "the fish swam near the old bank",
    "we went to the bank to deposit cash",
    "the boat was by the bank",
    "the bank near the river lost my money",
)


def static_embeddings(rng: np.random.Generator) -> np.ndarray:
    """(len(VOCAB), D_MODEL): topic direction plus word-specific noise; 'bank' between the two senses."""
    money_dir, river_dir, filler_dir = np.linalg.qr(rng.standard_normal((D_MODEL, 3)))[0].T
    E = 0.6 * rng.standard_normal((len(VOCAB), D_MODEL)) / np.sqrt(D_MODEL)
    for word in MONEY:
        E[INDEX[word]] += money_dir
    for word in RIVER:
        E[INDEX[word]] += river_dir
    for word in FILLERS:  # fillers lean a little towards one topic or the other, as real words do
        lean_money, lean_river = FILLER_LEAN * rng.uniform(-1, 1, 2)
        E[INDEX[word]] += filler_dir + lean_money * money_dir + lean_river * river_dir
    E[INDEX["bank"]] = 0.5 * (money_dir + river_dir)  # the same vector whichever sense is meant
    return E


def make_sentences(rng: np.random.Generator, n: int, length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token ids (n, length), the position of 'bank' (n,), and the sense (n,): 1 = money, 0 = river."""
    tokens = rng.choice([INDEX[w] for w in FILLERS], size=(n, length))
    sense = rng.integers(0, 2, n)
    bank_at = rng.integers(0, length, n)
    cue_at = (bank_at + rng.integers(1, length, n)) % length
    cue = np.where(sense == 1, rng.choice([INDEX[w] for w in MONEY], n), rng.choice([INDEX[w] for w in RIVER], n))
    rows = np.arange(n)
    tokens[rows, bank_at] = INDEX["bank"]
    tokens[rows, cue_at] = cue
    return tokens, bank_at, sense


class BankReader:
    """One attention head read out at the 'bank' position, with its gradients written out by hand."""

    def __init__(self, rng: np.random.Generator, uniform: bool = False, causal: bool = False):
        scale = 1.0 / np.sqrt(D_MODEL)
        self.params = {"Wq": rng.standard_normal((D_MODEL, D_K)) * scale,
                       "Wk": rng.standard_normal((D_MODEL, D_K)) * scale,
                       "Wv": rng.standard_normal((D_MODEL, D_K)) * scale,
                       "u": np.zeros(D_K), "c": np.zeros(1)}
        self.uniform = uniform  # the bag-of-words baseline: fixed equal weights, nothing to attend with
        self.causal = causal  # decoder-style: only the words before 'bank' are visible

    def forward(self, X: np.ndarray, bank_at: np.ndarray) -> dict[str, np.ndarray]:
        """X (n, L, D_MODEL) embedded sentences -> intermediate arrays; 'z' (n,) are the logits."""
        P = self.params
        n, length, _ = X.shape
        x_bank = X[np.arange(n), bank_at]
        q, K, V = x_bank @ P["Wq"], X @ P["Wk"], X @ P["Wv"]
        others = np.arange(length)[None, :] != bank_at[:, None]  # (n, L): True = may attend
        if self.causal:
            # row bank_at of the causal mask: positions <= bank_at; with 'bank' itself excluded, the words
            # before it (none when 'bank' comes first: then the weights are all zero and only the bias speaks)
            others = others & causal_mask(length)[bank_at]
        if self.uniform:
            a = others / others.sum(axis=1, keepdims=True)
            out = np.einsum("nl,nld->nd", a, V)
        else:
            out, a = scaled_dot_product_attention(q[:, None, :], K, V, others[:, None, :])
            out, a = out[:, 0, :], a[:, 0, :]
        return {"X": X, "x_bank": x_bank, "q": q, "K": K, "V": V, "a": a, "out": out,
                "z": out @ P["u"] + P["c"][0]}

    def loss_and_gradients(self, X: np.ndarray, bank_at: np.ndarray, y: np.ndarray):
        """Mean binary cross-entropy and its gradient for every parameter (backprop through softmax)."""
        f = self.forward(X, bank_at)
        z, a, V, K, q = f["z"], f["a"], f["V"], f["K"], f["q"]
        loss = float(np.mean(np.logaddexp(0.0, z) - y * z))
        dz = (1.0 / (1.0 + np.exp(-z)) - y) / len(y)
        P = self.params
        grads = {"u": f["out"].T @ dz, "c": np.array([dz.sum()])}
        d_out = dz[:, None] * P["u"][None, :]
        grads["Wv"] = np.einsum("nld,nl,ne->de", X, a, d_out)  # out = sum_l a_l V_l
        if self.uniform:
            grads["Wq"], grads["Wk"] = np.zeros_like(P["Wq"]), np.zeros_like(P["Wk"])
            return loss, grads
        d_a = np.einsum("nle,ne->nl", V, d_out)
        # softmax backward: ds_l = a_l (da_l - sum_m a_m da_m); scores s = q.k / sqrt(d_k)
        d_scores = a * (d_a - np.sum(a * d_a, axis=1, keepdims=True)) / np.sqrt(D_K)
        grads["Wq"] = f["x_bank"].T @ np.einsum("nl,nle->ne", d_scores, K)
        grads["Wk"] = np.einsum("nld,nl,ne->de", X, d_scores, q)
        return loss, grads

    def train(self, X: np.ndarray, bank_at: np.ndarray, y: np.ndarray, steps: int) -> list[float]:
        """Full-batch Adam; returns the loss before each step."""
        first = {k: np.zeros_like(v) for k, v in self.params.items()}
        second = {k: np.zeros_like(v) for k, v in self.params.items()}
        history = []
        for t in range(1, steps + 1):
            loss, grads = self.loss_and_gradients(X, bank_at, y)
            history.append(loss)
            for k, g in grads.items():
                first[k] = 0.9 * first[k] + 0.1 * g
                second[k] = 0.999 * second[k] + 0.001 * g * g
                step = (first[k] / (1 - 0.9**t)) / (np.sqrt(second[k] / (1 - 0.999**t)) + 1e-8)
                self.params[k] = self.params[k] - LEARNING_RATE * step
        return history


def run(seed: int, progress: ProgressFn = no_progress, *, sentence_length: int, n_train: int,
        steps: int) -> LabResult:
    rng = np.random.default_rng(seed)
    E = static_embeddings(rng)
    tokens, bank_at, sense = make_sentences(rng, n_train, sentence_length)
    test_tokens, test_bank_at, test_sense = make_sentences(rng, N_TEST, sentence_length)
    attention = BankReader(rng)
    attention_history = attention.train(E[tokens], bank_at, sense, steps)
    progress(1, 3)
    bag = BankReader(rng, uniform=True)
    bag.train(E[tokens], bank_at, sense, steps)
    progress(2, 3)
    causal = BankReader(rng, causal=True)
    causal.train(E[tokens], bank_at, sense, steps)
    progress(3, 3)

    test = attention.forward(E[test_tokens], test_bank_at)
    is_cue = np.isin(test_tokens, [INDEX[w] for w in MONEY + RIVER])
    top_is_cue = is_cue[np.arange(N_TEST), np.argmax(test["a"], axis=1)]
    shuffled = np.array([rng.permutation(sentence_length) for _ in range(200)])
    rows = np.arange(200)[:, None]
    original = attention.forward(E[test_tokens[:200]], test_bank_at[:200])["out"]
    new_bank_at = np.argmax(shuffled == test_bank_at[:200, None], axis=1)  # where 'bank' moved to
    moved = attention.forward(E[test_tokens[:200][rows, shuffled]], new_bank_at)["out"]
    bag_test = bag.forward(E[test_tokens], test_bank_at)
    causal_test = causal.forward(E[test_tokens], test_bank_at)
    cue_before = np.argmax(is_cue, axis=1) < test_bank_at  # each test sentence has exactly one cue word
    right = {"attention": (test["z"] > 0) == test_sense, "causal": (causal_test["z"] > 0) == test_sense}
    layer_change = _causal_layer_change(rng, E, test_tokens[:100])

    numbers = {
        "attention_test_accuracy": float(np.mean((test["z"] > 0) == test_sense)),
        "bag_of_words_test_accuracy": float(np.mean((bag_test["z"] > 0) == test_sense)),
        "static_embedding_accuracy": 0.5,  # one input vector for both senses: no classifier beats a coin flip
        "mean_weight_on_cue_word": float(test["a"][is_cue].mean()),
        "equal_weight_per_other_word": 1.0 / (sentence_length - 1),
        "share_of_sentences_where_top_weight_is_the_cue": float(top_is_cue.mean()),
        "final_training_loss": attention_history[-1],
        "max_output_change_when_words_are_shuffled": float(np.max(np.abs(original - moved))),
        "causal_test_accuracy": float(right["causal"].mean()),
        "causal_accuracy_cue_before_bank": float(right["causal"][cue_before].mean()),
        "causal_accuracy_cue_after_bank": float(right["causal"][~cue_before].mean()),
        "attention_accuracy_cue_after_bank": float(right["attention"][~cue_before].mean()),
        "causal_layer_max_change_before_the_changed_word": layer_change[True],
        "full_layer_max_change_before_the_changed_word": layer_change[False],
    }
    examples = [_explain(attention, E, sentence) for sentence in EXAMPLES]
    table = ResultTable("Example sentences: where 'bank' looks, and what it decides",
                        ["sentence", "most-weighted word", "its weight", "P(money sense)"],
                        [[" ".join(words), words[int(np.argmax(a))], float(np.max(a)), p]
                         for words, a, p in examples])
    notices = [
        f"Test accuracy on the sense of 'bank': attention {numbers['attention_test_accuracy']:.3f}, equal weights "
        f"(bag of words) {numbers['bag_of_words_test_accuracy']:.3f}, static embedding alone 0.5 (by construction).",
        f"'bank' gives its cue word an average weight of {numbers['mean_weight_on_cue_word']:.2f}, against "
        f"{1 / (sentence_length - 1):.2f} for equal weights; the cue is the most-weighted word in "
        f"{numbers['share_of_sentences_where_top_weight_is_the_cue']:.1%} of test sentences.",
        f"Shuffling the words changes the output for 'bank' by at most "
        f"{numbers['max_output_change_when_words_are_shuffled']:.1e}: order is invisible without positional "
        f"encodings.",
        f"Both senses in one sentence: '{EXAMPLES[-1]}' gets weight {_weight_of(examples[-1], 'river'):.2f} on 'river' "
        f"and {_weight_of(examples[-1], 'money'):.2f} on 'money', and P(money sense) = {examples[-1][2]:.2f}.",
        _causal_notice(numbers),
    ]
    figures = {
        "attention_weights": lambda: _weights_figure(examples),
        "training": lambda: _training_figure(attention_history),
    }
    return LabResult("self-attention", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _causal_layer_change(rng: np.random.Generator, E: np.ndarray, tokens: np.ndarray) -> dict[bool, float]:
    """Largest change, at any position before the last, of a two-head layer's output when each sentence's
    last word is replaced by another word: with the causal mask and without it."""
    layer = SelfAttention(D_MODEL, n_heads=2, random_state=int(rng.integers(0, 2**31)))
    changed = tokens.copy()
    changed[:, -1] = (tokens[:, -1] + 1) % len(VOCAB)  # a different word in the last position
    change = {}
    for causal in (True, False):
        before, after = layer.forward(E[tokens], causal=causal)[0], layer.forward(E[changed], causal=causal)[0]
        change[causal] = float(np.max(np.abs(before[:, :-1] - after[:, :-1])))
    return change


def _causal_notice(n: dict) -> str:
    before, after = n["causal_accuracy_cue_before_bank"], n["causal_accuracy_cue_after_bank"]
    gap = ("no better than a coin flip" if after < 0.6 else f"well below its {before:.3f} with the cue before"
           if after < before - 0.05 else "about as well as with the cue before")
    return (f"The causal reader ('bank' sees only the words before it, as in a decoder) scores "
            f"{n['causal_test_accuracy']:.3f}: {before:.3f} when the cue comes before 'bank', {after:.3f} when it "
            f"comes after ({gap}); the two-way reader scores {n['attention_accuracy_cue_after_bank']:.3f} on those. "
            f"In a two-head layer, replacing each sentence's last word changed the outputs at earlier positions by "
            f"at most {n['causal_layer_max_change_before_the_changed_word']:.1g} with the causal mask and "
            f"{n['full_layer_max_change_before_the_changed_word']:.2g} without it.")


def _explain(model: BankReader, E: np.ndarray, sentence: str) -> tuple[list[str], np.ndarray, float]:
    """The words, the weights 'bank' gives them, and P(money sense), for one hand-written sentence."""
    words = sentence.split()
    f = model.forward(E[np.array([[INDEX[w] for w in words]])], np.array([words.index("bank")]))
    return words, f["a"][0], float(1.0 / (1.0 + np.exp(-f["z"][0])))


def _weight_of(example: tuple[list[str], np.ndarray, float], word: str) -> float:
    words, a, _ = example
    return float(sum(w for token, w in zip(words, a, strict=True) if token == word))


def _weights_figure(examples):
    width = max(len(words) for words, _, _ in examples)
    grid = np.full((len(examples), width), np.nan)
    for i, (words, a, _) in enumerate(examples):
        grid[i, : len(words)] = a
    fig, ax = new_figure(width=10.0, height=0.8 * len(examples) + 1.6,
                         title="Attention weights from 'bank' to every word of the sentence")
    image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i, (words, a, _) in enumerate(examples):
        for j, (word, weight) in enumerate(zip(words, a, strict=True)):
            label = f"{word}\n(query)" if word == "bank" else f"{word}\n{weight:.2f}"
            ax.text(j, i, label, ha="center", va="center", fontsize=8,
                    color="white" if weight > 0.5 else "black", fontweight="bold" if word == "bank" else None)
    ax.set_yticks(range(len(examples)), [f"P(money) = {p:.2f}" for _, _, p in examples], fontsize=8)
    ax.set_xticks(range(width), [str(j + 1) for j in range(width)])
    ax.set_xlabel("word position in the sentence")
    ax.set_ylabel("sentence (with the model's verdict)")
    fig.colorbar(image, ax=ax, label="attention weight")
    return fig


def _training_figure(history):
    fig, ax = new_figure(width=6.0, title="Training the attention head")
    ax.plot(np.arange(1, len(history) + 1), history, color=COLOURS[0])
    ax.axhline(np.log(2), color="0.5", ls=":", label="ln 2 (a coin flip)")
    ax.set_yscale("log")
    ax.set_xlabel("Adam step (full batch)")
    ax.set_ylabel("training cross-entropy (log scale)")
    ax.legend()
    return fig
