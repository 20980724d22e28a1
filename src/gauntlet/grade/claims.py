"""Claims: does a stretch of an answer assert a statement, assert its opposite, or neither?

A sentence embedding barely sees the difference between "L1 gives sparse weights" and "L2 gives sparse
weights", or between a claim and its denial. This module decides it from the words, the way a careful
reader does, with three ideas:

1. **Paired terms.** Some terms have an opposite that turns a claim false when swapped in: L1/L2,
   precision/recall, increase/decrease, before/after (``data/opposites.txt``, plus the pairs a question
   declares in the bank). Each place where a claim uses such a term is a *slot*. A slot is judged by
   its *anchors*, the claim's other words around it: in the answer, which side of the pair sits next
   to those same words? "Precision = TP/(TP+FN)" puts FN where the claim "precision = TP/(TP+FP)" has
   FP, even though the sentence may name FP later for recall.
2. **Negation with a scope.** A negation ("not", "never", "rarely", "it is a myth that") counts
   against a claim only when the words it governs (up to the end of its clause) include the claim's
   words: "the model cannot represent the pattern, so it underfits" does not deny "it underfits". The
   claim's own negations count the same way, so "X is not Y" against "X is Y" is caught in either
   direction. A negation right before a paired term flips that term instead ("unlike L2", "rather
   than L1", "does not increase").
3. **Parity.** Every flipped slot and every negation that applies changes the claim's truth once: an
   odd count contradicts the claim, an even non-zero count states a different (dual) claim - "high
   variance means overfitting" neither makes nor denies "high bias means underfitting" - and zero
   flips, with the words close enough, supports it.

Everything here is plain Python over word tokens with character offsets, linear in the answer's length
for the analysis and bounded per span for the judgement.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gauntlet.grade import text as textlib

OPPOSITES_FILE = Path(__file__).resolve().parent / "data" / "opposites.txt"

# How far (in content words) an anchor looks for the paired term it goes with, in the answer; and how
# far from its slot a claim word still counts as that slot's anchor, in the claim.
ANSWER_WINDOW = 10
CLAIM_WINDOW = 4
# An anchor finds its paired term in the answer within the distance it has in the claim plus SLACK;
# a synonym (no position in the claim) within EVIDENCE_REACH.
SLACK = 1
EVIDENCE_REACH = 4
NEGATION_SCOPE = 12
REJECTION_SCOPE = 20

# Negations that govern what follows them.
NEGATORS = frozenset("not no never cannot none nothing neither nor without rarely seldom avoid avoids avoiding "
                     "prevent prevents preventing lack lacks poor poorly useless unreliable misleading".split())
# Two-word negations that govern what follows ("rather than accuracy", "instead of the default").
_NEGATING_BIGRAMS = (("rather", "than"), ("instead", "of"), ("fails", "to"), ("fail", "to"), ("unable", "to"))
# Words that mark what follows as a belief the speaker rejects ("it is a myth that ...").
REJECTORS = frozenset("myth misconception wrongly incorrectly mistakenly debunked".split())
_REJECTING_PHRASES = (("not", "true"), ("people", "think"), ("people", "believe"), ("common", "belief"),
                      ("some", "say"), ("often", "said"), ("people", "assume"))
# Rejections that usually follow the belief they reject ("... is a myth"), unless "that" follows them.
_BACKWARD_REJECTORS = frozenset("myth misconception".split())
# Two-word negations that stand right before a paired term and flip it: "rather than L2", "instead of L1".
_TERM_NEGATING_BIGRAMS = (("rather", "than"), ("instead", "of"), ("opposed", "to"))
_TERM_NEGATORS = frozenset(("not", "unlike", "never", "no", "non"))
# Fixed phrases with a negation word that negate nothing.
_NON_NEGATING = (("not", "only"), ("not", "just"), ("no", "matter"), ("no", "doubt"), ("or", "not"),
                 ("not", "necessarily"))
# Negation and contrast words carry no content of their own (they are never anchors).
_NOT_CONTENT = frozenset("not no never cannot none nothing neither nor without rarely seldom unlike rather instead "
                         "non opposed".split())
# Verbs that make a negation a statement about the speaker's knowledge, not about the subject.
_META_VERBS = frozenset("know knew remember recall sure studied study learned learnt familiar seen heard "
                        "understand covered looked used worked explain say tell".split())
_FIRST_PERSON = frozenset("i i've i'm i'd i'll im ive we we've honestly".split())
# Words between a term-negator and its term that do not break the link ("not the L2 penalty").
_SKIPPABLE = frozenset("the a an its their this that these those any much".split())
# Words that end a negation's reach within a sentence.
_CLAUSE_WORDS = frozenset("but whereas while although though because since which however unless yet whilst so "
                          "then and".split())
# Words too common to show that a negation is about a claim ("the model cannot represent the pattern"
# says nothing about a claim whose only shared word is "model").
_GENERIC_KEYS = frozenset("model data use value result way thing good work also get make time case need want".split())

@functools.lru_cache(maxsize=65536)
def term_key(word: str) -> str:
    """The matching form of a word: stem without hyphens or a final "e" ("over-fitting" = "overfits",
    "increase" = "increases")."""
    cleaned = word.lower().replace("’", "'").replace("-", "")
    if cleaned.endswith("n't"):
        return cleaned
    return textlib.stem(cleaned.replace("'", "")).rstrip("e") or cleaned


_STOP_KEYS = frozenset(term_key(w) for w in textlib.STOPWORDS)

# Words that make a span a statement rather than a list of terms: auxiliaries and copulas, verbs ML
# answers relate things with, and verbs that are also nouns ("weight", "split", "test"), which count
# only after a subject or modal ("it splits", "we test"). "-ing" forms never count: in a list they are
# nouns ("overfitting, boosting"). Matched on keys, so one form of each is enough.
_AUX = frozenset("is are was were be been being am isn't aren't wasn't can could will would should may might "
                 "must shall do does did has have had means".split())
_VERBS = frozenset(term_key(w) for w in """
add adjust affect allow apply assume avoid become behave blow bring calculate capture catch cause choose collapse
combine compare compute contain converge correct create decide decrease define depend describe detect determine
diverge divide drive ensure estimate evaluate exceed exist explain explode expose fail favour favor find fit fix
flag follow force generalise generalize get give go grow guarantee handle happen hide hold hurt ignore improve
include increase inflate introduce keep lead learn leak let lie lose lower maximise maximize memorise memorize
minimise minimize miss move multiply normalise normalize optimise optimize overfit overestimate penalise penalize
pick predict prefer prevent produce provide push put raise reach recover reduce reflect regularise regularize
reject rely remain remove replace represent require rescale reuse rise saturate say see select send separate
serve show shrink skew slow smooth solve stay subtract suffer take tell tend throw transform treat trust try
tune underfit underestimate vanish vary want weigh win yield
""".split())
_NOUN_VERBS = frozenset(term_key(w) for w in """
mean cost score sample label test train weight split drift trade zero set run work change scale rank spread sum output
update use control balance check count fill limit need return shift sort start stop store switch turn value
average cluster decay double drop end focus look place read cut
""".split())
_SUBJECTS = frozenset("it they we you i he she this that which who to can could will would should must may might "
                      "does do doesn't don't not also often usually always never then just only".split())
_QUESTION_TALK = re.compile(r"\b(?:the question is|question is (?:about|asking)|you(?:'re| are) asking|"
                            r"asks? (?:about|what|why|how|whether)|we need to explain)\b", re.IGNORECASE)
_UNSURE = re.compile(r"\b(?:not sure|no idea|no clue|i(?:'d| would) (?:need|have) to (?:look|check)|"
                     r"(?:couldn't|can't|cannot) (?:really )?(?:explain|say|tell|remember))\b", re.IGNORECASE)
_RELATION_SYMBOLS = re.compile(r"=|->|→|=>|<|>|≈|∝")


@dataclass(frozen=True)
class Token:
    word: str  # lower-cased, as written
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Opposition:
    """Two sides of a pair; each side lists alternatives as tuples of word keys."""

    sides: tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]
    label: str = ""
    modifier: bool = False  # direction/level/quantity words: they qualify, they do not anchor


def _side(text: str) -> tuple[tuple[str, ...], ...]:
    alternatives = []
    for alternative in text.split(","):
        keys = tuple(term_key(w) for w in textlib.words(alternative))
        if keys:
            alternatives.append(keys)
    return tuple(alternatives)


def make_opposition(left: str | Sequence[str], right: str | Sequence[str]) -> Opposition | None:
    """A pair from two sides given as comma-separated text or lists of alternatives."""
    left_text = left if isinstance(left, str) else ", ".join(left)
    right_text = right if isinstance(right, str) else ", ".join(right)
    sides = (_side(left_text), _side(right_text))
    if not sides[0] or not sides[1] or set(sides[0]) & set(sides[1]):
        return None
    return Opposition(sides, f"{left_text} / {right_text}")


@lru_cache(maxsize=1)
def generic_oppositions() -> tuple[Opposition, ...]:
    """The pairs in ``data/opposites.txt``."""
    pairs = []
    modifiers = False
    for line in OPPOSITES_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line in ("[modifiers]", "[terms]"):
            modifiers = line == "[modifiers]"
            continue
        if "~" not in line:
            continue
        left, right = line.split("~", 1)
        pair = make_opposition(left, right)
        if pair is not None:
            pairs.append(Opposition(pair.sides, pair.label, modifiers))
    return tuple(pairs)


def oppositions_with(extra: Iterable[tuple[str, str]] = ()) -> tuple[Opposition, ...]:
    """The generic pairs plus a question's own (``extra``: (term, opposite) text pairs)."""
    pairs = list(generic_oppositions())
    seen = {frozenset(p.sides) for p in pairs}
    # A question's pair may not reuse a generic pair's term: the term would then belong to two pairs.
    for left, right in extra:
        pair = make_opposition(left, right)
        # The same two terms declared by several key points (either way round) are one pair.
        if pair is not None and frozenset(pair.sides) not in seen:
            seen.add(frozenset(pair.sides))
            pairs.append(pair)
    return tuple(pairs)


@dataclass(frozen=True)
class Occurrence:
    pair: int  # index into the oppositions
    side: int  # 0 or 1, after any negation right before it
    first: int  # index of its first token
    last: int  # index of its last token
    negated_by: int = -1  # index of the token that flipped it, or -1


@dataclass
class Analysis:
    """One text, read once: tokens, which tokens are content words, paired terms, negations."""

    text: str
    tokens: list[Token]
    content: list[bool]
    content_rank: list[int]  # position among content tokens (for distances)
    clause: list[int]  # clause number of each token (negations do not reach past it)
    occurrences: list[Occurrence]
    occurrence_at: dict[int, Occurrence]  # token index -> occurrence covering it
    negations: list[tuple[int, int, int]]  # (negation token, first and last token of its scope)
    starts: list[int] = field(default_factory=list)
    pair_group: tuple[int, ...] = ()  # per pair: the first pair it shares a word with (see _pair_groups)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens inside characters [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        while j > i and self.tokens[j - 1].end > end:
            j -= 1
        return i, j


def analyse(text: str, oppositions: Sequence[Opposition]) -> Analysis:
    tokens = _tokens(text, oppositions)
    keys = [t.key for t in tokens]
    clause, sentence = _clause_numbers(text, tokens)
    occurrences = _find_occurrences(keys, tokens, oppositions, clause)
    occurrence_at = {}
    for occ in occurrences:
        for index in range(occ.first, occ.last + 1):
            occurrence_at[index] = occ
    content = [((t.key not in _STOP_KEYS and len(t.key) > 1 and t.word not in _NOT_CONTENT) or i in occurrence_at
                or t.key.isdigit()) for i, t in enumerate(tokens)]
    rank, at = [], 0
    for flag in content:
        rank.append(at)
        at += 1 if flag else 0
    negations = _find_negations(tokens, clause, sentence)
    return Analysis(text, tokens, content, rank, clause, occurrences, occurrence_at, negations,
                    [t.start for t in tokens], _pair_groups(tuple(oppositions)))


@lru_cache(maxsize=64)
def _pair_groups(oppositions: tuple[Opposition, ...]) -> tuple[int, ...]:
    """For each pair, the lowest-numbered pair linked to it by a shared word. "lower" is on a side of
    increase/decrease and of high/low: a token covered by both pairs is read as one of them, so "raises"
    and "lowers" would get different blind keys and a clause that swaps them would not be matched to the
    clause it swaps. Linked pairs share one blind key."""
    parent = list(range(len(oppositions)))

    def root(p: int) -> int:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    owner: dict[tuple[str, ...], int] = {}
    for p, pair in enumerate(oppositions):
        for side in pair.sides:
            for alternative in side:
                q = owner.setdefault(alternative, p)
                a, b = root(p), root(q)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return tuple(root(p) for p in range(len(oppositions)))


def _tokens(text: str, oppositions: Sequence[Opposition]) -> list[Token]:
    """Word tokens with keys. A hyphenated word is split into its parts ("high-variance" is "high" and
    "variance") unless the lexicon knows it whole ("non-linear", "held-out")."""
    whole_terms = {alt[0] for pair in oppositions for side in pair.sides for alt in side if len(alt) == 1}
    tokens = []
    for word, start, end in textlib.word_spans(text):
        key = term_key(word)
        if "-" not in word or key in whole_terms:
            tokens.append(Token(word, key, start, end))
            continue
        at = start
        for piece in word.split("-"):
            if piece:
                tokens.append(Token(piece, term_key(piece), at, at + len(piece)))
            at += len(piece) + 1
    return tokens


def _clause_numbers(text: str, tokens: list[Token]) -> tuple[list[int], list[int]]:
    """Clause and sentence number of each token."""
    clauses, sentences = [], []
    clause = sentence = 0
    for i, token in enumerate(tokens):
        if i:
            gap = text[tokens[i - 1].end: token.start]
            if any(ch in gap for ch in ".!?\n"):
                sentence += 1
            # "not because X": the clause word after a negation stays in its clause.
            if any(ch in gap for ch in ",;:.!?\n—–") or (token.word in _CLAUSE_WORDS and tokens[i - 1].word != "not"):
                clause += 1
        clauses.append(clause)
        sentences.append(sentence)
    return clauses, sentences


@lru_cache(maxsize=64)
def _first_key_index(oppositions: tuple[Opposition, ...]) -> dict[str, list[tuple[int, int, tuple[str, ...]]]]:
    index: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
    for p, pair in enumerate(oppositions):
        for side, alternatives in enumerate(pair.sides):
            for alternative in alternatives:
                index.setdefault(alternative[0], []).append((p, side, alternative))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[2]))  # longest alternative first
    return index


def _find_occurrences(keys: list[str], tokens: list[Token], oppositions: Sequence[Opposition],
                      clause: list[int]) -> list[Occurrence]:
    index = _first_key_index(tuple(oppositions))
    found: list[Occurrence] = []
    taken: dict[tuple[int, int], bool] = {}  # (pair, token) already part of a longer match
    for i, key in enumerate(keys):
        for p, side, alternative in index.get(key, ()):
            if (p, i) in taken:
                continue
            n = len(alternative)
            if tuple(keys[i: i + n]) != alternative:
                continue
            negator = _term_negator(tokens, i, clause)
            found.append(Occurrence(p, side if negator < 0 else 1 - side, i, i + n - 1, negator))
            for j in range(i, i + n):
                taken[(p, j)] = True
    return found


def _term_negator(tokens: list[Token], i: int, clause: list[int]) -> int:
    """Index of a negation standing right before token ``i`` ("not the L2", "rather than L1"), or -1."""
    j = i - 1
    skipped = 0
    while j >= 0 and tokens[j].word in _SKIPPABLE and skipped < 2 and clause[j] == clause[i]:
        j -= 1
        skipped += 1
    if j < 0 or clause[j] != clause[i]:
        return -1
    word = tokens[j].word
    if word in _TERM_NEGATORS or word.endswith("n't"):
        return j
    if j >= 1 and (tokens[j - 1].word, word) in _TERM_NEGATING_BIGRAMS:
        return j
    return -1


def _about_the_speaker(tokens: list[Token], i: int) -> bool:
    """A negation in "I don't know ...", "I haven't studied ...", "I can't explain ...": the candidate
    speaks about themselves."""
    if not any(tokens[t].word in _FIRST_PERSON for t in range(max(i - 3, 0), i + 1)):
        return False
    return any(tokens[t].word in _META_VERBS for t in range(i + 1, min(i + 4, len(tokens))))


def _find_negations(tokens: list[Token], clause: list[int], sentence: list[int]) -> list[tuple[int, int, int]]:
    """Each negation as (token index, first, last token of its scope). A plain negation governs the
    rest of its clause; a rejection ("people think ...", "it is a myth that ...") the rest of its
    sentence; "... is a myth" and "... is not true" govern what came before them in the sentence."""
    out = []
    n = len(tokens)
    for i, token in enumerate(tokens):
        word = token.word
        following = tokens[i + 1].word if i + 1 < n else ""
        previous = tokens[i - 1].word if i else ""
        if (word, following) in _NON_NEGATING or (previous, word) in _NON_NEGATING:
            continue
        if _about_the_speaker(tokens, i):
            continue  # "I don't know", "haven't studied it": about the candidate, not the subject
        if word == "not" and following == "true":
            continue  # handled at "true"
        backward = ((previous, word) == ("not", "true")
                    or (word in _BACKWARD_REJECTORS and following not in ("that", "is", "to", "are")))
        rejecting = word in REJECTORS or (previous, word) in _REJECTING_PHRASES or backward
        if not rejecting and not (word in NEGATORS or word.endswith("n't") or (previous, word) in _NEGATING_BIGRAMS):
            continue
        if backward:
            first = i - 1
            while first > 0 and sentence[first - 1] == sentence[i] and i - first < REJECTION_SCOPE:
                first -= 1
            out.append((i, first, i - 1))
            continue
        reach = REJECTION_SCOPE if rejecting else NEGATION_SCOPE
        same = sentence if rejecting else clause
        end = i
        while end + 1 < n and end + 1 - i <= reach and same[end + 1] == same[i]:
            end += 1
        out.append((i, i + 1, end))
    return out


# -- judging one span against one claim ------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimReading:
    """How a span of an answer relates to a claim."""

    relation: str  # "supports", "contradicts", "dual" (a different claim, consistent with this one), "none"
    overlap: float  # share of the claim's words the span repeats, counting either side of a paired term
    asserts: bool  # the span relates terms (has a verb or a relation), it is not a bare list


@dataclass(frozen=True)
class Claim:
    """A statement (key point, pitfall) read once, with extra words that evidence it (synonyms)."""

    reading: Analysis
    keys: frozenset[str]  # content keys of the statement, paired terms as their pair ("pair:3")
    evidence_keys: frozenset[str]  # keys of its synonyms not already in the statement
    parts: tuple[tuple[int, int], ...]  # token ranges of its clauses, when it has more than one
    symmetric_pairs: frozenset[int]  # pairs it names both sides of together ("precision and recall")
    oppositions: tuple[Opposition, ...] = ()


def make_claim(text: str, oppositions: Sequence[Opposition], synonyms: Sequence[str] = ()) -> Claim:
    reading = analyse(text, oppositions)
    keys = frozenset(blind_keys(reading, 0, len(reading.tokens)))
    # Each synonym word as written (an anchor for a paired term) and, when it is a paired term
    # ("sparse"), as its pair too (how a negation's scope is read).
    readings = [analyse(s, oppositions) for s in synonyms]
    extra = frozenset(term_key(w) for s in synonyms for w in textlib.words(s)) | \
        frozenset(k for r in readings for k in blind_keys(r, 0, len(r.tokens)))
    extra = extra - keys - _STOP_KEYS
    parts = _parts(reading, 0, len(reading.tokens))
    return Claim(reading, keys, extra, tuple(parts) if len(parts) > 1 else (), _symmetric_pairs(reading),
                 tuple(oppositions))


def oppositions_of(claim: Claim) -> tuple[Opposition, ...]:
    return claim.oppositions


def blind_keys(reading: Analysis, i: int, j: int) -> set[str]:
    """Content keys of tokens [i, j), a paired term standing for its whole pair: the words a claim and
    its swapped version share."""
    out = set()
    for t in range(i, j):
        if not reading.content[t]:
            continue
        occ = reading.occurrence_at.get(t)
        out.add(f"pair:{reading.pair_group[occ.pair]}" if occ is not None else reading.tokens[t].key)
    return out


def _parts(reading: Analysis, i: int, j: int, min_content: int = 2) -> list[tuple[int, int]]:
    """Token ranges of the clauses in [i, j) (cut at punctuation and conjunctions, "and" included);
    a clause with fewer than ``min_content`` content words joins its neighbour."""
    parts: list[list[int]] = []
    for t in range(i, j):
        if parts and reading.clause[t] == reading.clause[parts[-1][1] - 1]:
            parts[-1][1] = t + 1
        else:
            parts.append([t, t + 1])

    def small(part: list[int]) -> bool:
        return sum(reading.content[part[0]: part[1]]) < min_content

    def verbless(part: list[int]) -> bool:
        return not any(_is_verb(reading.tokens, t) for t in range(part[0], part[1]))

    merged: list[list[int]] = []
    for part in parts:
        # A clause too small to stand alone, or a subject without its verb ("L2, ridge or weight
        # decay, is ..."), joins what follows it.
        if merged and (small(merged[-1]) or (verbless(merged[-1]) and not verbless(part))):
            merged[-1][1] = part[1]
        else:
            merged.append(part)
    if len(merged) > 1 and small(merged[-1]):
        last = merged.pop()
        merged[-1][1] = last[1]
    return [(a, b) for a, b in merged]


def _symmetric_pairs(reading: Analysis) -> frozenset[int]:
    """Pairs whose two sides the claim names together ("precision and recall", "bias vs variance"):
    their order carries no meaning, so swapping them states the same claim."""
    out = set()
    by_pair: dict[int, list[Occurrence]] = {}
    for occ in reading.occurrences:
        by_pair.setdefault(occ.pair, []).append(occ)
    for pair, occs in by_pair.items():
        for a in occs:
            for b in occs:
                if a.side != b.side and 0 < b.first - a.last <= 3:
                    between = {reading.tokens[t].word for t in range(a.last + 1, b.first)}
                    gap = reading.text[reading.tokens[a.last].end: reading.tokens[b.first].start]
                    if between & {"and", "or", "vs", "versus"} or "/" in gap:
                        out.add(pair)
    return frozenset(out)


def read_span(answer: Analysis, start: int, end: int, claim: Claim) -> ClaimReading:
    """How the answer's characters [start, end) relate to ``claim``.

    The span is read against the whole claim and, clause by clause, against each clause of the claim
    that it repeats at least half of: compound sentences ("precision is TP/(TP+FN) and recall is
    TP/(TP+FP)") and compound key points are judged part by part. Any part that contradicts makes the
    span contradict; otherwise it supports when the whole or a part supports.
    """
    i, j = answer.token_range(start, end)
    whole_keys = blind_keys(answer, i, j)
    overlap = len(claim.keys & whole_keys) / len(claim.keys) if claim.keys else 0.0
    asserts = asserts_relation(answer, i, j)
    if j <= i:
        return ClaimReading("none", 0.0, False)
    relations = []
    claim_parts = claim.parts or ((0, len(claim.reading.tokens)),)
    span_parts = _parts(answer, i, j)
    if len(claim_parts) > 1 or len(span_parts) > 1:
        # Clause against clause first: a sentence that mixes two statements ("L1 zeroes weights, L2
        # makes them small but not zero") is judged statement by statement.
        for ci, cj in claim_parts:
            part_relations: list[str] = []
            part_keys = blind_keys(claim.reading, ci, cj)
            if not part_keys:
                continue
            part_pairs = {k for k in part_keys if k.startswith("pair:")}
            part_words = part_keys - part_pairs
            elsewhere = {k for k in claim.keys if k.startswith("pair:")} - part_pairs
            # A part without paired terms in a claim that has them ("L1 adds |w| and drives weights to
            # zero"): its subject is the paired term of another part, which a span part without that
            # term ("... and rarely makes any exactly zero", said of L2) cannot be matched on.
            if elsewhere and not part_pairs:
                continue
            for si, sj in span_parts:
                span_part_keys = blind_keys(answer, si, sj)
                # A span part that also uses paired terms of the claim's other parts is only judged
                # with them: read alone against this part it would lose a compensating swap.
                if span_part_keys & elsewhere:
                    continue
                # The same sub-claim: it shares the part's paired terms and at least half of its
                # other words (sharing "error" and "type I/II" does not make two sub-claims one).
                shared_words = part_words & span_part_keys
                if not (part_pairs & span_part_keys) and len(shared_words) < 2:
                    continue
                if part_words and (not shared_words or len(shared_words) * 2 < len(part_words)):
                    continue
                # A part none of whose paired terms the span part names ("... and rarely to exactly
                # zero", its subject left in the previous clause) cannot be judged on its own.
                if part_pairs and not part_pairs & span_part_keys:
                    continue
                if len(part_keys & span_part_keys) >= 2:
                    part_relations.append(_relation(answer, si, sj, claim, ci, cj))
            # A part of the claim that one clause of the span says is said: another clause matched
            # to it only through paired terms ("easy cases to a cheap model and hard ones to the
            # expensive model": its second half read against the first) does not unsay it.
            if "supports" in part_relations:
                relations.append("supports")
            else:
                relations.extend(part_relations)
    if not relations:
        # No clause of the span matches a clause of the claim on its own: judge them whole. A span of
        # several clauses read whole against the claim mixes statements: its "contradiction" is not
        # trusted (a short span, one clause, is).
        whole = _relation(answer, i, j, claim, 0, len(claim.reading.tokens))
        if whole == "contradicts" and len(span_parts) > 1:
            whole = "none"
        relations = [whole]
    if "contradicts" in relations:
        relation = "contradicts"
    elif "supports" in relations:
        relation = "supports"
    else:
        relation = "dual" if "dual" in relations else "none"
    return ClaimReading(relation, overlap, asserts)


def _relation(answer: Analysis, i: int, j: int, claim: Claim, ci: int, cj: int) -> str:
    """The relation of answer tokens [i, j) to claim tokens [ci, cj)."""
    reading = claim.reading
    flips = _flipped_slots(answer, i, j, claim, ci, cj)
    negated = _negation_flip(answer, i, j, reading, ci, cj, claim.evidence_keys)
    if (flips + negated) % 2:
        return "contradicts"
    return "dual" if flips or negated else "supports"


def _negation_flip(answer: Analysis, i: int, j: int, reading: Analysis, ci: int, cj: int,
                   evidence_keys: frozenset[str] = frozenset()) -> bool:
    """One side negates what the two say and the other has no negation at all. When both negate
    something, the negations are taken to correspond: "not a 95% probability statement" and "doesn't
    mean a 95% chance" say the same thing in words too different to align. The claim's synonyms count
    as its words: "L1 does not give sparse weights" negates "L1 drives weights to zero" (synonym
    "sparse")."""
    applicable = {occ.pair for occ in reading.occurrences if ci <= occ.first < cj}
    span_keys = blind_keys(answer, i, j)
    own_keys = blind_keys(reading, ci, cj) - _GENERIC_KEYS
    if not applicable and own_keys and len(own_keys & (span_keys | evidence_keys)) * 2 <= len(own_keys):
        # No paired term, and half the claim's words or fewer: the span is about something else
        # ("constructors don't have a return type" does not deny "functions have to indicate a return
        # type"). With paired terms the negation is weighed against their swap, as before.
        return False
    claim_keys = blind_keys(reading, ci, cj) | evidence_keys
    span_negated = _polarity(answer, i, j, claim_keys, applicable, evidence_keys)
    claim_negated = _polarity(reading, ci, cj, span_keys, applicable)
    if span_negated == claim_negated:
        return False
    if span_negated:
        return not _has_negation(reading, ci, cj, applicable)
    return not _has_negation(answer, i, j, applicable)


def _has_negation(reading: Analysis, i: int, j: int, applicable: set[int]) -> bool:
    spent = {occ.negated_by for occ in reading.occurrences if occ.negated_by >= 0 and occ.pair in applicable}
    return any(i <= at < j and at not in spent for at, _, _ in reading.negations)


def _polarity(reading: Analysis, i: int, j: int, other_keys: Iterable[str], applicable_pairs: set[int],
              strong_keys: frozenset[str] = frozenset()) -> bool:
    """Odd number of negations in tokens [i, j) whose scope holds one of ``other_keys``. A negation
    already spent on flipping a paired term of an applicable pair does not count again. A
    ``strong_keys`` word (a synonym of the claim: "sparse") weighs like a paired term."""
    other = set(other_keys) - _GENERIC_KEYS
    spent = {occ.negated_by for occ in reading.occurrences if occ.negated_by >= 0 and occ.pair in applicable_pairs}
    count = 0
    for at, first, last in reading.negations:
        if at < i or at >= j or at in spent:
            continue
        scope = blind_keys(reading, max(first, i), min(last, j - 1) + 1) - _GENERIC_KEYS
        shared = scope & other
        # The negation is about the other text when it governs what that text says: two of its words
        # or one of its paired terms ("won't fix high bias"), or all of a one-word scope ("not
        # robust"). One shared word ("without affecting users" against "users still get the old model") is not
        # enough.
        weight = len(shared) + sum(1 for k in shared if k.startswith("pair:") or k in strong_keys)
        if weight >= 2 or (shared and shared == scope):
            count += 1
    return bool(count % 2)


def _flipped_slots(answer: Analysis, i: int, j: int, claim: Claim, ci: int, cj: int) -> int:
    """How many times the answer tokens [i, j) change the truth of claim tokens [ci, cj) by filling its
    paired-term slots with the opposite side.

    Each flipped slot counts once ("high variance means overfitting" flips two slots of "high bias means
    underfitting": a different, dual claim; "raise the threshold to lower recall" flips both slots of
    one pair in one clause: the same relation read backwards). Except for pairs whose two sides the claim
    puts in different clauses ("lowers *bias* | but raises *variance*"): together they state one
    association, and exchanging it changes the truth once, whether the answer exchanges the nouns, the
    verbs, or one slot of each ("raises bias and lowers variance", "lowers variance but raises bias").
    Counted per slot, those made two flips and read as a dual claim. A term on a side of two pairs (the
    lexicon's vanishing/exploding and the question's own) flips once."""
    reading = claim.reading
    by_pair: dict[int, list[Occurrence]] = {}
    for occ in reading.occurrences:
        if ci <= occ.first < cj and occ.pair not in claim.symmetric_pairs:
            by_pair.setdefault(occ.pair, []).append(occ)
    if not by_pair:
        return 0
    present_by_pair: dict[int, list[Occurrence]] = {}
    for occ in answer.occurrences:
        if i <= occ.first and occ.last < j:
            present_by_pair.setdefault(occ.pair, []).append(occ)
    key_positions: dict[str, list[int]] = {}
    for t in range(i, j):
        if answer.content[t]:
            key_positions.setdefault(answer.tokens[t].key, []).append(t)
    claim_key_counts: dict[str, int] = {}
    for t in range(ci, cj):
        if reading.content[t]:
            claim_key_counts[reading.tokens[t].key] = claim_key_counts.get(reading.tokens[t].key, 0) + 1
    substituted: set[int] = set()  # claim tokens whose term was flipped: a term in two pairs flips once
    exchanged = False
    for pair, slots in by_pair.items():
        present = present_by_pair.get(pair, [])
        if not present:
            continue
        votes = [0.0] * len(slots)
        voted = [False] * len(slots)
        has_anchor = False
        for t in range(ci, cj):
            if not reading.content[t] or (t in reading.occurrence_at and reading.occurrence_at[t].pair == pair):
                continue
            if reading.tokens[t].key in _GENERIC_KEYS or claim_key_counts[reading.tokens[t].key] > 1:
                continue  # a word the claim uses twice ("type I error ... type II error") anchors nothing
            if t in reading.occurrence_at and oppositions_of(claim)[reading.occurrence_at[t].pair].modifier:
                continue  # "more", "high": they qualify a word, they do not locate another term
            # An anchor belongs to a slot of its own clause: in "global explanations describe overall
            # behaviour; local ones explain one prediction", "behaviour" goes with "global".
            same_clause = [s for s in range(len(slots)) if reading.clause[slots[s].first] == reading.clause[t]]
            if not same_clause:
                continue
            nearest = min(same_clause,
                          key=lambda s: abs(reading.content_rank[slots[s].first] - reading.content_rank[t]))
            distance = reading.content_rank[slots[nearest].first] - reading.content_rank[t]
            if abs(distance) > CLAIM_WINDOW:
                continue
            has_anchor = True
            positions = [p for p in key_positions.get(reading.tokens[t].key, ())
                         if not (p in answer.occurrence_at and answer.occurrence_at[p].pair == pair)]
            vote = _anchor_vote(answer, positions, present, 1 if distance > 0 else -1, slots[nearest].side,
                                abs(distance) + SLACK)
            if vote is not None:
                votes[nearest] += vote / max(abs(distance), 1)  # the words next to a term say most
                voted[nearest] = True
        if len(slots) == 1:
            for key in claim.evidence_keys:
                positions = [p for p in key_positions.get(key, ())
                             if not (p in answer.occurrence_at and answer.occurrence_at[p].pair == pair)]
                vote = _anchor_vote(answer, positions, present, 0, slots[0].side, EVIDENCE_REACH)
                if vote is not None:
                    votes[0] += vote
                    voted[0] = True
        flipped = set()
        for s, slot in enumerate(slots):
            # Voted against; or, for a claim that is little more than the term itself, the answer's term.
            if (voted[s] and votes[s] < 0) or (not voted[s] and len(slots) == 1 and not has_anchor
                                                and {occ.side for occ in present} == {1 - slot.side}):
                flipped.add(slot.first)
        sides_in_clause: dict[int, set[int]] = {}
        for slot in slots:
            sides_in_clause.setdefault(reading.clause[slot.first], set()).add(slot.side)
        # Both sides named, each clause naming one: two clauses (or more) stating one association.
        across_clauses = len({slot.side for slot in slots}) == 2 and \
            all(len(sides) == 1 for sides in sides_in_clause.values())
        if flipped and across_clauses:
            exchanged = True
        else:
            substituted |= flipped
    return len(substituted) + exchanged


def _anchor_vote(answer: Analysis, positions: list[int], present: list[Occurrence], direction: int,
                 side: int, reach: int) -> float | None:
    """+1 when the paired term next to this anchor in the answer is on the claim's side, -1 when it is
    the opposite, averaged over the anchor's occurrences; None when no paired term is near it.
    ``direction``: +1 look after the anchor, -1 before, 0 either way. ``reach``: how far (in
    content words) the term may be: about as far as in the claim, so that a paraphrased term the
    lexicon does not know ("inertia falls as k increases") does not hand the vote to the next one."""
    total, counted = 0.0, 0
    reach = min(reach, ANSWER_WINDOW)
    for at in positions:
        rank = answer.content_rank[at]
        best: Occurrence | None = None
        if direction:
            ahead = [o for o in present if 0 < (answer.content_rank[o.first] - rank) * direction <= reach]
            if ahead:
                best = min(ahead, key=lambda o: abs(answer.content_rank[o.first] - rank))
        else:
            near = [o for o in present if abs(answer.content_rank[o.first] - rank) <= reach]
            if near:
                best = min(near, key=lambda o: abs(answer.content_rank[o.first] - rank))
        if best is not None:
            total += 1.0 if best.side == side else -1.0
            counted += 1
    return total / counted if counted else None


def asserts_relation(reading: Analysis, i: int, j: int) -> bool:
    """Whether tokens [i, j) relate terms (a verb, auxiliary or relation symbol), rather than name them."""
    if j <= i:
        return False
    start, end = reading.tokens[i].start, reading.tokens[j - 1].end
    inner = reading.text[start:end + 1]
    if list_likeness(reading, inner) >= 0.6:
        return False  # a list of terms names them, it relates nothing
    if "?" in inner or _QUESTION_TALK.search(inner):
        return False  # a question, or the question restated, asserts nothing
    if any(_about_the_speaker(reading.tokens, at) for at in range(i, j)
           if reading.tokens[at].word in NEGATORS or reading.tokens[at].word.endswith("n't")) or _UNSURE.search(inner):
        return False  # "I don't know how X works", "not sure": about the candidate, not the subject
    for t in range(i, j):
        if _is_verb(reading.tokens, t):
            return True
    if _RELATION_SYMBOLS.search(inner):
        return True
    # "Bias: error from a model too simple to ..." - a definition with a colon.
    colon = inner.find(":")
    return 0 < colon and len(textlib.words(inner[colon:])) >= 3


def _word_is_verb(word: str, previous: str) -> bool:
    if word in _AUX or word.endswith("n't"):
        return True
    if word.endswith("ing"):
        return False
    key = term_key(word)
    return key in _VERBS or (key in _NOUN_VERBS and previous in _SUBJECTS)


def _is_verb(tokens: list[Token], t: int) -> bool:
    return _word_is_verb(tokens[t].word, tokens[t - 1].word if t else "")


LIST_ITEMS = 3


def is_list(reading: Analysis, start: int, end: int) -> bool:
    """Whether the answer's characters [start, end) are a list of terms."""
    return list_likeness(reading, reading.text[start:end]) >= 0.6


def list_likeness(reading: Analysis, text: str) -> float:
    """Share of the answer's words that sit in short comma/line-separated items without a relation:
    near 1 for "bias, variance, overfitting, U-shape", near 0 for sentences."""
    if not reading.tokens:
        return 0.0
    items = [m for m in re.split(r"[,;\n•·|/]+|\s-\s|^\s*[-*]\s", text) if m.strip()]
    if len(items) < LIST_ITEMS:
        return 0.0  # one or two short phrases are a crisp answer ("At the main function"), not a list
    in_lists = total = 0
    for item in items:
        words = textlib.words(item)
        if not words:
            continue
        total += len(words)
        has_relation = any(_word_is_verb(w, words[k - 1] if k else "") for k, w in enumerate(words)) \
            or _RELATION_SYMBOLS.search(item)
        if len(words) <= 4 and not has_relation:
            in_lists += len(words)
    return in_lists / total if total else 0.0
