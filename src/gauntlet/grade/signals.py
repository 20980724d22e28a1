"""Interview signals: what interviewers listen for beyond the facts, found by cue phrases per sentence.

Five signals, each with the sentence that evidences it (or a tip when it is absent):
causal reasoning (the *why*), trade-offs, business impact, data skepticism, concrete examples.

Detection is lexical on purpose: it is explainable (the evidence is the sentence that triggered it),
instant, and needs no model. Precision and recall on a hand-labelled set of interview answers are
measured by ``benchmarks/grader_asag.py`` (tests/data/signals_labelled.jsonl). Cue lists are
phrases whose presence in a sentence nearly always means the signal; ambiguous words (``cost``,
``risk``, ``so``, ``since``) count only in the company of something that disambiguates them.
All patterns are linear-time (no nested quantifiers), so arbitrary input cannot make them hang.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gauntlet.grade.result import Evidence, SignalResult
from gauntlet.grade.text import Segment, normalise_quotes


@dataclass(frozen=True)
class SignalSpec:
    id: str
    name: str
    tip: str
    pattern: re.Pattern[str]  # all cues as one alternation: one scan per sentence, not one per cue


def _compile(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_COMPARATIVE = (r"(?:faster|slower|cheaper|costlier|pricier|(?:more|less) (?:expensive|accurate|robust|stable|"
                r"interpretable|complex|memory|compute|data|flexible|biased|variance)|higher|lower|better|worse|"
                r"simpler|harder|easier|larger|smaller|bigger|more|less|fewer|cheap|expensive|costly|slow|fast|"
                r"noisy|exact|stale|fresh|simple|complex|unstable|stable|accurate|interpretable|risky|safe)")

SIGNALS: tuple[SignalSpec, ...] = (
    SignalSpec(
        "why", "Explains the why",
        "Say why, not just what: give the mechanism with \"because ...\" or \"which means ...\".",
        _compile(
            r"\bbecause\b", r"\bso that\b", r"\b(?:which|this|that) means\b", r"\bmeaning that\b",
            r"\btherefore\b", r"\bhence\b", r"\bthus\b", r"\bas a result\b", r"\bdue to\b", r"\bowing to\b",
            r"\b(?:leads?|led|leading) to\b", r"\bresults? in\b", r"\bcaus(?:e|es|ed|ing)\b", r"\bthe reason\b",
            r"\b(?:that|this) is why\b", r"\bthat's why\b", r"\bwhich is why\b", r"\botherwise\b",
            r"\bin order to\b", r"\bsince (?:the|it|they|we|each|every|a|an|this|that|there|gradients?|no|you)\b",
            r"[,;]\s+so\s+(?!far\b|much\b|many\b|on\b)", r"\bwhich (?:makes|forces|lets|keeps|pushes|prevents|explains|"
            r"inflates|hides|biases|breaks|causes|gives|means)\b",
            r"\bif\b[^.;!?]{0,80}?,\s+(?:the|it|you|we|they)\s+(?:\w+\s+)?(?:will|would|can|could)\b",
            r"\bthe mechanism\b", r"\bintuition is\b",
        ),
    ),
    SignalSpec(
        "tradeoffs", "Names trade-offs",
        "Name a trade-off: what you give up for what you gain (accuracy vs latency, bias vs variance, cost vs recall).",
        _compile(
            r"\btrade[- ]?offs?\b", r"\btrading (?:off|some)\b", r"\bat the (?:cost|expense|price) of\b",
            r"\bin exchange for\b",
            r"\bdownsides?\b", r"\bdrawbacks?\b", r"\bpros and cons\b", r"\bon the other hand\b",
            r"\bthe price (?:is|you pay)\b",
            r"\bcomes? at (?:a|the) (?:cost|price)\b", r"\bit depends on\b",
            r"\bdepending on (?:whether|the|how|your)\b",
            r"\bbalanc(?:e|es|ing) (?:between|the|against)\b",
            r"\b(?:but|however|whereas|while|although|though|yet)\b[^.;!?]{0,80}?\b" + _COMPARATIVE + r"\b",
            r"\b" + _COMPARATIVE + r"\b[^.;!?]{0,80}?\b(?:but|however|whereas|at the cost|in exchange)\b",
            r"\bif (?:you|we) (?:need|care about|want)\b[^.;!?]{0,80}?\b(?:choose|pick|prefer|use|go with)\b",
            r"\bnot free\b", r"\bcosts? (?:more|less|extra)\b", r"\bthe (?:cost|price) is\b", r"\btrades?\b",
            r"\bcosts? (?:(?:some|a bit of|a little|a few|\w+ points? of)\s+)?(?:overall\s+)?"
                r"(?:accuracy|recall|precision|latency|memory|speed|throughput)\b",
            r"\bbut\b[^.;!?]{0,60}?\b(?:can|may|might|could)\s+(?:\w+\s+){0,2}?"
                r"(?:hurt|fail|break|underflow|overflow|lose|miss|slow|degrade)",
        ),
    ),
    SignalSpec(
        "business_impact", "Links to business impact",
        "Tie it to impact: who is affected and how much (cost, revenue, users, risk), ideally with a number.",
        _compile(
            r"\brevenue\b", r"\bprofits?\b", r"\bmoney\b", r"\bbudgets?\b", r"\bROI\b", r"\bKPIs?\b",
            r"\b(?:business|businesses|stakeholders?|product managers?)\b", r"\bcomplaints?\b", r"\bsupport tickets?\b",
            r"\b(?:churn (?:rate|goes|went|drops?|rises?)|(?:reduce|cut|lower) churn|customers? churn)\b",
            r"\bconversions?\b", r"\bretention\b", r"\bengagement\b", r"\bclick-?through\b",
            r"\bSLAs?\b", r"\b(?:legal|regulatory|compliance|reputational|financial|business) risks?\b",
            r"\bregulat(?:or|ors|ion|ions|ory)\b",
            r"\bfraud (?:losses|loss|costs?)\b",
            r"\b(?:cloud|compute|serving|inference|labelling|labeling|annotation|infrastructure|GPU|hardware|operating|"
                r"support|business) (?:costs?|bills?|spend)\b",
            r"\bcosts? (?:us|the company|money|dollars)\b", r"\bsav(?:e|es|ed|ing) (?:money|\$|costs?)\b",
            r"[$€£]\s?\d", r"(?<![\d,.])\d[\d,.]*+\s?(?:dollars|euros|pounds|USD|EUR|GBP)\b",
            r"\b(?:millions?|thousands?|hundreds?) of (?:users|customers|people|requests|transactions)\b",
            r"\b(?:users?|customers?|clients?|patients?|drivers?|shoppers?|listeners?|viewers?|borrowers?|applicants?) "
                r"(?:see|get|experience|notice|lose|complain|leave|churn|abandon|wait|"
                r"are (?:harmed|affected|denied|shown))\b",
            r"\b(?:lift|increase|drop|decrease|reduction|improvement|cut|saved?|loss) (?:of|in|by) "
                r"[^.;!?]{0,30}?\d++(?:\.\d++)?\s?%",
            r"(?<![\d.])\d++(?:\.\d++)?\s?% (?:of (?:users|customers|revenue|traffic|transactions|sales)|"
                r"(?:more|fewer|less) (?:users|customers|revenue|sales|fraud|complaints|tickets))",
        ),
    ),
    SignalSpec(
        "data_skepticism", "Shows data skepticism",
        "Question the data: where it came from, whether it is biased or leaks the label, "
        "whether production looks like it.",
        _compile(
            r"\bleak(?:s|ed|ing|age|y)?\b",
            r"\b(?:selection|sampling|survivorship|label(?:ling|ing)?|measurement|reporting|historical|presentation|"
                r"position) bias\b",
            r"\bbiased (?:sample|data|dataset|labels?|towards?)\b", r"\bdistribution (?:shift|drift|mismatch|change)\b",
            r"\b(?:covariate|label|prior|concept|data|domain|dataset) (?:shift|drift)\b", r"\bdrift(?:s|ed|ing)?\b",
            r"\bprovenance\b", r"\bwhere (?:the|this|that) (?:data|labels?) (?:came|comes|come) from\b",
            r"\bhow (?:the|this|that) (?:data|labels?|dataset) (?:was|were|is|are) "
                r"(?:collected|gathered|sampled|labell?ed|generated|created)\b",
            r"\b(?:noisy|wrong|inconsistent|stale|missing) labels?\b", r"\blabel noise\b", r"\bmislabell?ed\b",
            r"\bdata quality\b", r"\bnot representative\b", r"\b(?:un)?representative (?:of|sample)\b",
            r"\bconfound(?:s|ed|er|ers|ing)?\b", r"\bspurious\b", r"\bduplicates?\b", r"\bcontaminat(?:ed|ion)\b",
            r"\bout[- ]of[- ]distribution\b", r"\bOOD\b",
            r"\b(?:train(?:ing)?|test)[- /]+(?:test|serving|production) (?:skew|overlap|mismatch)\b",
            r"\bfeedback loop\b", r"\blook-?ahead\b", r"\bfuture (?:information|data|values)\b",
            r"\bsanity[- ]check(?:s|ed|ing)? (?:the )?(?:data|labels?|inputs?)\b",
            r"\baudit(?:s|ed|ing)? (?:the )?(?:data|labels?|sample)\b",
            r"\b(?:check|verify|question|validate) (?:whether|if|that) "
                r"(?:the )?(?:data|labels?|sample|training set|test set)\b",
            r"\b(?:do|does|did)(?:n't| not)\s+(?:\w+\s+)?(?:look like|match|reflect|represent)\s+"
                r"(?:production|live|real|the|what)\b",
            r"\b(?:how|where|when|who) (?:the )?(?:test |training |eval )?labels? (?:were|was|are|is) "
                r"(?:produced|generated|created|made|assigned)\b",
            r"\b(?:appears?|ends? up|shows? up|present) in both (?:the )?(?:train|training|splits|folds|sets)\b",
            r"\b(?:computed|defined|calculated) (?:\S+\s+){0,4}?differently\b",
            r"\blabels? (?:themselves )?(?:encode|reflect|inherit)\b",
            r"\b(?:logged|observed) (?:clicks|data|feedback|labels) only\b",
            r"\bunbiased (?:data|sample|estimate|labels?)\b",
            r"\b(?:input|feature|prediction|score|label) distributions?\b",
            r"\b(?:labels?|data) (?:are|is) (?:reliable|trustworthy)\b",
            r"\b(?:check|look at|inspect)(?:ing)? (?:a )?(?:batch|sample) of "
                r"(?:the )?(?:inputs|data|examples|labels|rows)\b",
        ),
    ),
    SignalSpec(
        "examples", "Gives concrete examples",
        "Add a concrete example: a specific case, dataset, or number from a project makes the point stick.",
        _compile(
            r"\bfor (?:example|instance)\b", r"\be\.g\.", r"\bsuch as\b", r"\bimagine\b", r"\bsuppose\b",
            r"\bsay (?:we|you)\b",
            r"\bconsider (?:a|an|the)\b", r"\btake (?:a|an) [^.;!?]{0,40}?\bexample\b",
            r"\ba (?:classic|typical|concrete|real) (?:example|case)\b",
            r"\b(?:in|on|at) my (?:last|previous|current|first) (?:project|job|role|team|company|internship)\b",
            r"\bat (?:my|our) (?:last|previous|current) (?:company|job|employer)\b",
            r"\bwe (?:once|had|built|saw|shipped|deployed|found|noticed|ran)\b",
            r"\bI (?:once|built|shipped|deployed|saw|found|noticed|worked on)\b",
            r"\bin one (?:project|case|team)\b", r"\blike when\b", r"\bthink of\b", r"\bonce,? (?:a|an|the|our)\b",
            r"\bat (?:a|an) [\w-]+ (?:company|startup|bank|retailer)\b",
            r"\b(?:our|my) [\w-]+ (?:model|service|system|team|pipeline|project)\b",
            r"\bwe (?:adopted|fine-tuned|moved|used|tried|switched|migrated|trained|launched)\b",
            r"\b(?:examples? (?:are|is|include)|like|such as) (?-i:[A-Z])[\w-]*",  # a named instance: "like BERT"
            # Inactive (it has sat in the comment above since it was written; enabling it changes grades):
            # r"\bfor a (?:fraud|churn|spam|recommendation|search|ranking|credit|medical|ads?) \w+",
        ),
    ),
)

SIGNAL_IDS = tuple(s.id for s in SIGNALS)
# Sentences are scanned up to this many characters of prose (about 8,000 words, far beyond a spoken
# answer); the grade notes when an answer is longer. Keeps a megabyte of text to a bounded cost.
MAX_SCANNED_CHARS = 50_000


def detect_signals(answer: str, sentences: list[Segment]) -> tuple[SignalResult, ...]:
    """One result per signal, in SIGNALS order. Evidence is the first prose sentence with a cue."""
    results = []
    prose = [s for s in sentences if not s.is_code and s.start < MAX_SCANNED_CHARS]
    lowered = [normalise_quotes(s.text) for s in prose]
    for spec in SIGNALS:
        evidence = None
        for segment, text in zip(prose, lowered, strict=True):
            if spec.pattern.search(text):
                evidence = Evidence(segment.start, segment.end, answer[segment.start: segment.end])
                break
        results.append(SignalResult(spec.id, spec.name, evidence is not None, evidence, spec.tip))
    return tuple(results)
