"""The question bank: content model, loader and validator. Reads files; writes nothing."""

from gauntlet.bank.loader import check_bank, collect_bank, load_bank
from gauntlet.bank.model import (
    AUDIENCES,
    DIFFICULTIES,
    KINDS,
    Bank,
    ComparisonTable,
    FaqEntry,
    KeyPoint,
    Pitfall,
    Question,
    Related,
    Signal,
    Tip,
    Topic,
)

__all__ = [
    "AUDIENCES", "DIFFICULTIES", "KINDS", "Bank", "ComparisonTable", "FaqEntry", "KeyPoint", "Pitfall",
    "Question", "Related", "Signal", "Tip", "Topic", "check_bank", "collect_bank", "load_bank",
]
