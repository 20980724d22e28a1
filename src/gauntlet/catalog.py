"""Ids of the labs and coding drills, for cross-references from the question bank.

Both catalogs are light (no NumPy, no matplotlib), so checking the bank stays fast. They ship in this
package: an import failure here is a broken install and surfaces as one, never as "no labs".
"""

from __future__ import annotations


def lab_ids() -> set[str]:
    """Ids of the shipped labs."""
    from gauntlet.labs.catalog import lab_ids as _lab_ids

    return set(_lab_ids())


def drill_ids() -> set[str]:
    """Ids of the shipped coding drills."""
    from gauntlet.drills.loader import drill_ids as _drill_ids

    return set(_drill_ids())
