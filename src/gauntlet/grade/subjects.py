"""Key points about different named things: their names become a question's paired terms.

Many questions compare several things, one key point each: "Historical bias is when accurate data records an
unfair past", "Sampling or representation bias comes from under-represented groups", "Gini is 1 - sum p^2",
"Entropy is -sum p log p". An answer that gives one thing's description under another's name ("representation
bias is when the data is accurate but records an unfair past") repeats the key point's words almost exactly;
only the name is wrong. The generic lexicon cannot know these names, and a question declares only some of them
(a key point's ``contrasts``). So each key point that opens with a name lends it, and every two key points
with different names make a pair: the claim machinery then reads "representation bias" in "historical bias"'s
slot as the opposite term, as it reads L2 in L1's.

A name is taken only when it is clearly one: the key point lists it among its synonyms and opens with it,
at most four words, no pronoun or article in front, not two things ("sigmoid and tanh"), not only
words of the generic lexicon (those pairs are already known: "high bias", "more data"), and names that share
all their words with another ("bias", "historical bias") are left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from gauntlet.grade import claims as claimlib
from gauntlet.grade import text as textlib

MAX_NAME_WORDS = 4
# Openings that are not a name: a pronoun, an article or a quantifier ("The model ...", "Each node ...").
_NOT_NAMES = frozenset("a an the this that these those it its they their there each every any all some most "
                       "one you your we our if when while with for to in on at by of from as both either "
                       "neither no not only".split())


def subject_pairs(key_points: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, str]]:
    """(name, other name) pairs, as a key point's ``contrasts`` give them, for the named key points.
    ``key_points``: (text, synonyms) of each."""
    generic = _generic_terms()
    names: list[tuple[str, frozenset[str]]] = []
    for text, synonyms in key_points:
        name = _name(text, synonyms, generic)
        if name is not None:
            names.append(name)
    pairs = []
    for i, (left, left_keys) in enumerate(names):
        for right, right_keys in names[i + 1:]:
            # Nested or equal names ("bias" / "historical bias", a name repeated) cannot be told apart.
            if left_keys <= right_keys or right_keys <= left_keys:
                continue
            pairs.append((left, right))
    return pairs


def _name(text: str, synonyms: Sequence[str], generic: frozenset[str]) -> tuple[str, frozenset[str]] | None:
    """The name a key point opens with, as alternatives ("sampling bias, representation bias"), and the
    word keys of all of them; None when it does not open with one. The longest opening the key point also
    lists among its synonyms: the author wrote it as a name ("random assignment makes", "check the split"
    only look like one)."""
    words = [w.lower() for w in textlib.words(re.split(r"[.;:,(]", text, maxsplit=1)[0])]
    if not words or words[0] in _NOT_NAMES:
        return None
    listed = {_keys(s) for s in synonyms}
    for n in range(min(len(words), MAX_NAME_WORDS + 1), 0, -1):
        opening = words[:n]
        if opening[-1] == "or" or sum(w != "or" for w in opening) > MAX_NAME_WORDS:
            continue
        # Two things ("sigmoid and tanh") are not one name; an adverb ends any name ("typically").
        if "and" in opening or any(w.endswith("ly") for w in opening):
            continue
        alternatives = _alternatives(opening)
        if not any(_keys(alternative) in listed for alternative in alternatives):
            continue
        keys = frozenset(claimlib.term_key(w) for w in opening if w != "or")
        if keys <= generic:
            return None  # "high bias", "more data": pairs the lexicon already has
        return ", ".join(alternatives), keys
    return None


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(claimlib.term_key(w) for w in textlib.words(phrase))


def _alternatives(words: list[str]) -> list[str]:
    """"sampling or representation bias" -> ["sampling bias", "representation bias"]: the head noun after
    the last alternative is shared by a one-word alternative before it."""
    if "or" not in words:
        return [" ".join(words)]
    parts = [p.split() for p in " ".join(words).split(" or ")]
    if any(not p for p in parts):
        return []
    head = parts[-1][-1] if len(parts[-1]) > 1 else ""
    return [" ".join(p + [head]) if head and len(p) == 1 else " ".join(p) for p in parts]


def _generic_terms() -> frozenset[str]:
    return frozenset(key for pair in claimlib.generic_oppositions() for side in pair.sides
                     for alternative in side for key in alternative)


def with_subject_pairs(declared: Iterable[tuple[str, str]], key_points: Iterable[tuple[str, Sequence[str]]]
                       ) -> tuple[claimlib.Opposition, ...]:
    """The generic pairs, the question's declared ones, then its key points' names paired."""
    return claimlib.oppositions_with([*declared, *subject_pairs(key_points)])
