"""Ids of the labs and coding drills, for cross-references from the question bank.

Both catalogs are light (no NumPy, no matplotlib), so checking the bank stays fast.
"""

from __future__ import annotations


def lab_ids() -> set[str] | None:
    """Ids of the shipped labs, or None while the labs package has no catalog."""
    try:
        from gauntlet.labs.catalog import lab_ids as _lab_ids
    except ImportError:
        return None
    return set(_lab_ids())


def drill_ids() -> set[str] | None:
    """Ids of the shipped coding drills, or None while the drills package has no catalog."""
    try:
        from gauntlet.drills.catalog import drill_ids as _drill_ids
    except ImportError:
        return None
    return set(_drill_ids())
