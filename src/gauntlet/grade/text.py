"""Plain-text plumbing for the grader: cleaning, words and stems, sentences and clauses with offsets.

Everything here is pure Python and linear in the input length (no regex that can backtrack
catastrophically), so a megabyte of arbitrary text is processed in well under a second.
All spans are (start, end) character offsets into the *original* answer: cleaning replaces one code
point with one code point and never deletes, so offsets computed on the cleaned text index the original.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

# Word pieces the encoder reads per answer; beyond this the rest is still searched for words and
# signals but not embedded, and the grade says so (see grader.MAX_EMBEDDED_PIECES).
MAX_SEGMENT_CHARS = 400

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours yourself
    yourselves also may might must shall us one ones get gets got use used uses using make makes made way
    thing things etc e.g i.e eg ie like well really basically just""".split()
)

NEGATION_WORDS = frozenset(
    "not no never cannot none nothing neither nor without nobody nowhere hardly barely".split()
)
# "not only X but also Y", "no matter", "whether or not" negate nothing.
NEGATION_EXCEPTIONS = re.compile(
    r"\b(?:not\s+(?:only|just|necessarily\s+only)|no\s+matter|whether\s+or\s+not|no\s+doubt)\b"
)

_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:[.,]\d+)*(?:\s?%|x\b)?")
# The lookbehind starts a match only at the beginning of a run of punctuation and the possessive
# quantifiers never give characters back: a megabyte of "....." is one linear scan, not n^2 retries.
_SENTENCE_END = re.compile(
    r"(?<![.!?。！？])[.!?。！？]++[\"')\]]*+(?=\s)|\n[^\S\n]*+\n|\n(?=[^\S\n]*+(?:[-*•]|\d+[.)])\s)"
)
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "dr.", "mr.", "ms.", "fig.", "approx.", "no.", "al.")
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|,\s|\s(?=(?:but|whereas|while|although|though|because|since|so that|which|however|unless|"
    r"otherwise|therefore|thus|hence|whilst)\b)",
    re.IGNORECASE,
)
_FENCE = re.compile(r"```")


# Characters clean() may have to change: anything but printable ASCII, newline and tab. Most answers
# have none, and the rest are few: a regex finds them without a Python step per character.
_UNUSUAL = re.compile("[^\x20-\x7e\n\t]")


def _cleaned_char(match: re.Match[str]) -> str:
    ch: str = match.group(0)
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return "\ufffd"
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
        return "\n" if ch in "\r\u2028\u2029" else " "
    return ch


def clean(text: str) -> str:
    """Same length as ``text``: control characters become spaces, lone surrogates U+FFFD.

    Newlines and tabs are kept (they delimit sentences and code); bidi marks and zero-width characters
    become spaces so they cannot glue or split words invisibly.
    """
    if not _UNUSUAL.search(text):
        return text
    return _UNUSUAL.sub(_cleaned_char, text)


def normalise_quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits of any script; inner - ' . kept: "t-sne", "don't")."""
    return [m.group(0).lower().replace("’", "'") for m in _WORD.finditer(text)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower().replace("’", "'"), m.start(), m.end()) for m in _WORD.finditer(text)]


def numbers(text: str) -> set[str]:
    """Numbers as written ("0.5", "30%", "10x"), normalised (commas dropped, spaces before % removed)."""
    return {m.group(0).replace(",", "").replace(" ", "").lstrip("+") for m in _NUMBER.finditer(text)}


_SUFFIXES = (
    ("ational", "ate"), ("isations", "ize"), ("izations", "ize"), ("isation", "ize"), ("ization", "ize"),
    ("ising", "ize"), ("izing", "ize"), ("ised", "ize"), ("ized", "ize"), ("ises", "ize"), ("izes", "ize"),
    ("iser", "ize"), ("izer", "ize"), ("ise", "ize"), ("fulness", "ful"), ("ousness", "ous"),
    ("iveness", "ive"), ("ements", "e"), ("ement", "e"), ("ments", ""), ("ment", ""), ("nesses", ""),
    ("ness", ""), ("ities", ""), ("ity", ""), ("ations", "ate"), ("ation", "ate"), ("ically", "ic"),
    ("ally", "al"), ("ingly", ""), ("edly", ""), ("ly", ""), ("ings", ""), ("ing", ""), ("ied", "y"),
    ("ies", "y"), ("sses", "ss"), ("ed", ""), ("ers", "er"), ("our", "or"), ("es", ""), ("s", ""),
)


# Words the suffix rules would cut wrongly ("bias" is not the plural of "bia").
_IRREGULAR = {"bias": "bias", "biases": "bias", "biased": "bias", "always": "always", "less": "less"}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A small suffix stripper: enough to match "normalises"/"normalization", "weights"/"weighted".

    Not Porter: it over-merges rarely-confused forms, which is the right error for matching evidence.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + replacement
            # "stopped" -> "stopp" -> "stop"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" and replacement == "":
                base = base[:-1]
            return base
    return word


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


@dataclass(frozen=True)
class Segment:
    """A sentence (or a line of code) of the answer: its text and character span."""

    start: int
    end: int
    text: str
    is_code: bool = False


def sentences(text: str) -> list[Segment]:
    """Sentences with offsets into ``text``. Fenced code blocks give one segment per non-empty line;
    prose sentences longer than MAX_SEGMENT_CHARS are cut at clause breaks or spaces, never dropped."""
    segments: list[Segment] = []
    position = 0
    in_code = False
    for fence in list(_FENCE.finditer(text)) + [None]:
        stop = fence.start() if fence else len(text)
        if in_code:
            segments.extend(_code_lines(text, position, stop))
        else:
            segments.extend(_prose_sentences(text, position, stop))
        if fence is None:
            break
        position = fence.end()
        in_code = not in_code
    return segments


def _code_lines(text: str, start: int, stop: int) -> list[Segment]:
    out = []
    at = start
    for line in text[start:stop].split("\n"):
        stripped = line.strip()
        if stripped:
            lead = at + (len(line) - len(line.lstrip()))
            out.extend(_cap(Segment(lead, lead + len(stripped), stripped, True)))
        at += len(line) + 1
    return out


def _prose_sentences(text: str, start: int, stop: int) -> list[Segment]:
    out = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        end = match.end()
        tail = text[max(cursor, end - 12):end]  # only the tail: slicing the whole piece would be quadratic
        if tail.rstrip().lower().endswith(_ABBREVIATIONS) and "\n" not in match.group(0):
            continue
        out.extend(_trimmed(text, cursor, end))
        cursor = end
    out.extend(_trimmed(text, cursor, stop))
    return out


def _trimmed(text: str, start: int, end: int) -> list[Segment]:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not any(ch.isalnum() for ch in stripped):
        return []
    lead = start + (len(piece) - len(piece.lstrip()))
    return _cap(Segment(lead, lead + len(stripped), stripped))


def _cap(segment: Segment) -> list[Segment]:
    if len(segment.text) <= MAX_SEGMENT_CHARS:
        return [segment]
    out = []
    text, base = segment.text, segment.start
    at = 0
    while at < len(text):
        cut = min(at + MAX_SEGMENT_CHARS, len(text))
        if cut < len(text):
            window = text[at:cut]
            best = max(window.rfind(", "), window.rfind("; "), window.rfind(" "))
            if best > MAX_SEGMENT_CHARS // 3:
                cut = at + best + 1
        piece = text[at:cut]
        stripped = piece.strip()
        if stripped:
            lead = at + (len(piece) - len(piece.lstrip()))
            out.append(Segment(base + lead, base + lead + len(stripped), stripped, segment.is_code))
        at = cut
    return out


def clauses(segment: Segment, min_words: int = 3) -> list[tuple[int, int]]:
    """Clause spans inside a sentence, cut at ; : , and before but/because/which...; tiny pieces merge
    into their neighbour. Returns absolute (start, end) offsets; a one-clause sentence gives itself."""
    if segment.is_code:
        return [(segment.start, segment.end)]
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(segment.text)] + [len(segment.text)]
    pieces = []
    for a, b in itertools.pairwise(cuts):
        if b > a:
            pieces.append([a, b])
    merged: list[list[int]] = []
    for piece in pieces:
        if merged and len(words(segment.text[merged[-1][0]:merged[-1][1]])) < min_words:
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    if len(merged) > 1 and len(words(segment.text[merged[-1][0]:merged[-1][1]])) < min_words:
        last = merged.pop()
        merged[-1][1] = last[1]
    spans = []
    for a, b in merged:
        text = segment.text[a:b]
        stripped = text.strip(" ,;:—–")
        if stripped:
            lead = a + text.find(stripped)
            spans.append((segment.start + lead, segment.start + lead + len(stripped)))
    return spans or [(segment.start, segment.end)]


def is_negated(text: str) -> bool:
    """True when the text contains a negation that is not a fixed non-negating phrase."""
    lowered = NEGATION_EXCEPTIONS.sub(" ", normalise_quotes(text).lower())
    for token in words(lowered):
        if token in NEGATION_WORDS or token.endswith("n't"):
            return True
    return False
