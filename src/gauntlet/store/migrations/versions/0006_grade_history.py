"""Grade history: the grade an attempt had before `gauntlet regrade` replaced it.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grade_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("grade_json", sa.Text, nullable=True),
        sa.Column("grader_version", sa.String(40), nullable=True),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_grade_history_attempt", "grade_history", ["attempt_id"])


def downgrade() -> None:
    op.drop_table("grade_history")
