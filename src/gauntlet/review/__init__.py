"""Spaced repetition (FSRS), drill sessions, mock interviews, progress and history export."""
