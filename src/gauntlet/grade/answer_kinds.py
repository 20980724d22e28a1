"""Answers that are not answers: "I don't know", another language, code alone, the question copied
back, a list of terms. Each is recognised from the text alone (words, scripts, layout), so the grader
can say what it sees instead of scoring it as a weak answer.
"""

from __future__ import annotations

import re
import unicodedata

from gauntlet.grade import text as textlib

_DONT_KNOW = re.compile(
    r"\b(?:i\s+(?:do\s*n[o']?t|don'?t|dont|really\s+don'?t)\s+(?:really\s+)?(?:know|remember|recall)|"
    r"(?:i\s*(?:'m|am)\s+)?not\s+sure|no\s+idea|i\s+have\s+no\s+(?:idea|clue)|(?:i\s+)?(?:have\s*n[o']?t|haven'?t|never)\s+"
    r"(?:studied|learned|learnt|covered|seen|heard\s+of|looked\s+at|used)|can'?t\s+(?:remember|recall|answer)|"
    r"(?:i\s+)?forgot|(?:i'?m\s+)?(?:blanking|drawing\s+a\s+blank)|pass\b|skip\s+this|no\s+clue|not\s+familiar\s+with|"
    r"(?:i\s+)?(?:would|will|'?d|'?ll)\s+(?:have\s+to|need\s+to)\s+(?:look\s+(?:it|this|that)\s+up|google|check))",
    re.IGNORECASE,
)

# The commonest short words of languages a user might answer in by habit. An English answer has many
# English ones; an answer in another Latin-script language has few English ones and many of its own.
_ENGLISH = frozenset("the a an is are of to and in that it for on with as be this by or not which".split())
_OTHER_LATIN = frozenset(
    """le la les des est une un et du que qui dans pour pas sur au avec ce il elle sont aux plus ou mais
    el los las es y en por con una para lo del al como más pero sus muy también esta este son
    der die das und ist nicht mit den dem ein eine zu von auf für sich auch wird werden oder bei
    il della di che è per una non sono gli nel alla come più anche
    o os as um uma não com para são dos das pelo pela mais também
    de het een van en niet met voor zijn op dat""".split()
)


def says_dont_know(text: str) -> bool:
    """The answer says the candidate does not know (and says little else)."""
    words = textlib.words(text)
    return bool(_DONT_KNOW.search(textlib.normalise_quotes(text))) and len(words) <= 60


def language_note(text: str) -> str | None:
    """None for English (or too short to tell); otherwise a sentence saying what was seen."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 20:
        return None
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    if latin < 0.5 * len(letters):
        return ("This answer is not in English (most of its letters are not Latin script). The grader reads "
                "English only, so it is not scored: answer in English to get feedback.")
    words = textlib.words(text)
    if len(words) < 8:
        return None
    english = sum(1 for w in words if w in _ENGLISH)
    other = sum(1 for w in words if w in _OTHER_LATIN and w not in _ENGLISH)
    if other >= 3 and other > 2 * english:
        return ("This answer does not seem to be in English. The grader reads English only, so it is not "
                "scored: answer in English to get feedback.")
    return None


_CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \S+ import|return\b|for .+:\s*$|if .+:\s*$|while .+:|print\(|#|@|"
    r"[\w\[\]\.,\s]+\s*[+\-*/]?=\s*\S|[\w.]+\(.*\)\s*$|\}|\{|elif |else:)"
)


def code_share(text: str, segments: list[textlib.Segment]) -> float:
    """Share of the answer's non-empty lines that are code (in fences, or shaped like Python)."""
    if segments and all(s.is_code for s in segments):
        return 1.0
    lines = [line for line in text.splitlines()
             if line.strip() and line.strip() != "```" and not line.strip().startswith("```")]
    if not lines:
        return 0.0
    code = sum(1 for line in lines if _CODE_LINE.match(line) and not _looks_like_prose(line))
    fenced = sum(1 for s in segments if s.is_code)
    return max(code / len(lines), fenced / max(len(segments), 1))


def _looks_like_prose(line: str) -> bool:
    words = textlib.words(line)
    stop = sum(1 for w in words if w in _ENGLISH)
    return len(words) >= 8 and stop >= 3 and not re.search(r"[=(){}\[\]]", line)


def copied_share(answer: str, question: str, reference: str = "") -> float:
    """Share of the answer's content words that the question already contains (1.0 for a copy).
    Words the reference answer also uses are the answer's own ("To simulate problem solving for parts
    of the problem" repeats "problem solving" but answers with "simulate")."""
    answer_stems = textlib.content_stems(answer)
    if not answer_stems:
        return 0.0
    question_stems = set(textlib.content_stems(question)) - set(textlib.content_stems(reference))
    return sum(1 for s in answer_stems if s in question_stems) / len(answer_stems)
