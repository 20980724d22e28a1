"""Database tables (SQLAlchemy Core). Changes here need a migration in ``migrations/versions``.

``SCHEMA_HEAD`` names the newest migration: opening a database compares it with the stored version
and only imports Alembic when they differ, which keeps every command's start-up fast.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

SCHEMA_HEAD = "0010"

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=True),  # None for the implicit local user
    Column("is_local", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("answer", Text, nullable=False),
    Column("source", String(20), nullable=False),  # ask | grade | review | mock | web
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    # Filled by the grader when it runs; an attempt is recorded before grading so a crash loses nothing.
    Column("score", Float, nullable=True),
    Column("grade_json", Text, nullable=True),
    Column("grader_version", String(40), nullable=True),
    Index("ix_attempts_user_question", "user_id", "question_id"),
)

# The grade an attempt had before a newer grader replaced it (`gauntlet regrade`): the candidate can
# still see what they were told at the time.
grade_history = Table(
    "grade_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=True),
    Column("grade_json", Text, nullable=True),
    Column("grader_version", String(40), nullable=True),
    Column("replaced_at", DateTime(timezone=True), nullable=False),
    Index("ix_grade_history_attempt", "attempt_id"),
)

user_settings = Table(
    "user_settings",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
)

# One FSRS card per (user, question). Columns mirror ``fsrs.Card`` so the due queue is one indexed query.
cards = Table(
    "cards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("fsrs_card_id", BigInteger, nullable=False),
    Column("state", Integer, nullable=False),  # fsrs.State: 1 learning, 2 review, 3 relearning
    Column("step", Integer, nullable=True),
    Column("stability", Float, nullable=True),
    Column("difficulty", Float, nullable=True),
    Column("due", DateTime(timezone=True), nullable=False),
    Column("last_review", DateTime(timezone=True), nullable=True),
    Column("reps", Integer, nullable=False, default=0),
    UniqueConstraint("user_id", "question_id", name="uq_cards_user_question"),
    Index("ix_cards_user_due", "user_id", "due"),
)

# Every rating ever given: the card before and after (JSON of ``fsrs.Card.to_dict()``), so any card's
# state can be replayed from its log and checked against what ``fsrs`` computes.
review_logs = Table(
    "review_logs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("card_id", Integer, ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("rating", Integer, nullable=False),  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    Column("suggested_rating", Integer, nullable=True),  # what the grader proposed, if it ran
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("duration_ms", Integer, nullable=True),
    Column("was_new", Boolean, nullable=False),
    Column("card_before", Text, nullable=True),  # None for a new card
    Column("card_after", Text, nullable=False),
    Column("desired_retention", Float, nullable=False),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
    # Why the card was in the queue when it was rated ("due", "new", "backlog day 2 of 7", "resurfaced: ...",
    # "due tomorrow, an easy day"): the study plan's balancing moves reviews, never FSRS intervals.
    Column("queue_reason", String(200), nullable=True),
    # The user's own fitted FSRS parameters that scheduled this review (memory_models.id); None: the defaults.
    Column("memory_model_id", Integer, nullable=True),
    Index("ix_review_logs_user_time", "user_id", "reviewed_at"),
    Index("ix_review_logs_card", "card_id"),
)

# A timed mock interview: its plan is fixed when it starts, so an interrupted one resumes exactly.
mock_sessions = Table(
    "mock_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("level", String(20), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("plan_json", Text, nullable=False),  # [{question_id, budget_s}, ...] in asking order
    Column("status", String(20), nullable=False),  # running | finished
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("report_json", Text, nullable=True),
    Index("ix_mock_sessions_user", "user_id", "started_at"),
)

# One row per planned question, written when it is first shown and updated as the user types (drafts),
# so a killed interview resumes with the text and the clock where they were.
mock_answers = Table(
    "mock_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("mock_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("status", String(20), nullable=False),  # in_progress | answered | timed_out | skipped
    Column("answer", Text, nullable=False, default=""),
    Column("time_used_s", Float, nullable=False, default=0.0),
    Column("follow_up", Text, nullable=True),
    Column("follow_up_answer", Text, nullable=True),
    Column("follow_up_time_s", Float, nullable=False, default=0.0),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
    # What the follow-up was aimed at (review.follow_up.Aim) and the key point it probed: the report's
    # "which follow-up targeted which gap".
    Column("follow_up_aim", String(20), nullable=True),
    Column("follow_up_target", Text, nullable=True),
    # The web app's clock: time is added from heartbeat to heartbeat, so a closed tab pauses it.
    Column("last_seen_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("session_id", "position", name="uq_mock_answers_position"),
)

# Browser sessions of the web app in shared mode. Only a hash of the cookie value is stored, so a
# leaked database does not hand out live sessions.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_web_sessions_user", "user_id"),
)

# Failed logins, counted per (username, client) and per client (store.login_throttle); keys are hashes.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_failure_at", DateTime(timezone=True), nullable=False),
    Column("blocked_until", DateTime(timezone=True), nullable=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),  # the row is deleted after this
    Index("ix_login_throttle_expires", "expires_at"),
)

# One row per `gauntlet code submit` (or web Submit): the code exactly as judged, and every test's
# outcome and timing as JSON, so a past attempt can be shown again as it was first reported.
code_attempts = Table(
    "code_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("drill_id", String(100), nullable=False),
    Column("code", Text, nullable=False),
    Column("verdict", String(20), nullable=False),  # drills.verdict.Verdict value
    Column("passed", Integer, nullable=False),
    Column("total", Integer, nullable=False),  # examples + hidden tests, including any not run
    Column("results_json", Text, nullable=False),  # {"tests": [TestResult.to_dict()], "load_seconds", ...}
    Column("sandbox", String(20), nullable=False),  # isolation level: bwrap | unshare | rlimits
    Column("user_seconds", Float, nullable=False),  # time charged to the user's code (what the limit caps)
    Column("duration_s", Float, nullable=False),  # wall-clock time of the whole judged run
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Index("ix_code_attempts_user_drill", "user_id", "drill_id"),
)

# A study plan toward an interview date (review.plan): the one the user asked for (origin "new") and the
# daily re-plans from progress ("replan"), each the whole plan as JSON.
study_plans = Table(
    "study_plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("interview_on", Date, nullable=False),
    Column("origin", String(10), nullable=False),  # new | replan
    Column("plan_json", Text, nullable=False),
    Index("ix_study_plans_user_time", "user_id", "created_at"),
)

# Catching up after a break (review.backlog): the cards overdue when it started, spread over ``days``.
backlog_recoveries = Table(
    "backlog_recoveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("days", Integer, nullable=False),
    Column("question_ids_json", Text, nullable=False),  # the overdue questions, most at-risk first
    Index("ix_backlog_recoveries_user_time", "user_id", "started_at"),
)

# FSRS parameters fitted to one user's review log (review.memory_model), with the log loss of the
# default and of the fitted parameters on that log. ``in_use``: the drill schedules with them.
memory_models = Table(
    "memory_models",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("fitted_at", DateTime(timezone=True), nullable=False),
    Column("reviews", Integer, nullable=False),
    Column("parameters_json", Text, nullable=False),
    Column("log_loss_default", Float, nullable=False),
    Column("log_loss_fitted", Float, nullable=False),
    Column("in_use", Boolean, nullable=False),
    Index("ix_memory_models_user_time", "user_id", "fitted_at"),
)
