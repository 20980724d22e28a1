"""Mock interview sessions and their answers.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mock_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("plan_json", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("report_json", sa.Text, nullable=True),
    )
    op.create_index("ix_mock_sessions_user", "mock_sessions", ["user_id", "started_at"])
    op.create_table(
        "mock_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("mock_sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("time_used_s", sa.Float, nullable=False),
        sa.Column("follow_up", sa.Text, nullable=True),
        sa.Column("follow_up_answer", sa.Text, nullable=True),
        sa.Column("follow_up_time_s", sa.Float, nullable=False),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
        sa.UniqueConstraint("session_id", "position", name="uq_mock_answers_position"),
    )


def downgrade() -> None:
    op.drop_table("mock_answers")
    op.drop_table("mock_sessions")
