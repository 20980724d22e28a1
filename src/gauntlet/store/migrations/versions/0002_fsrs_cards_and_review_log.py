"""FSRS cards, the review log, and per-user settings.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_settings",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("fsrs_card_id", sa.BigInteger, nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("step", sa.Integer, nullable=True),
        sa.Column("stability", sa.Float, nullable=True),
        sa.Column("difficulty", sa.Float, nullable=True),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_review", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.UniqueConstraint("user_id", "question_id", name="uq_cards_user_question"),
    )
    op.create_index("ix_cards_user_due", "cards", ["user_id", "due"])
    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("suggested_rating", sa.Integer, nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("was_new", sa.Boolean, nullable=False),
        sa.Column("card_before", sa.Text, nullable=True),
        sa.Column("card_after", sa.Text, nullable=False),
        sa.Column("desired_retention", sa.Float, nullable=False),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
    )
    op.create_index("ix_review_logs_user_time", "review_logs", ["user_id", "reviewed_at"])
    op.create_index("ix_review_logs_card", "review_logs", ["card_id"])


def downgrade() -> None:
    op.drop_table("review_logs")
    op.drop_table("cards")
    op.drop_table("user_settings")
