"""Study plans, backlog recoveries, fitted memory models; why each review was in the queue (issue 16).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("review_logs", sa.Column("queue_reason", sa.String(200), nullable=True))
    op.add_column("review_logs", sa.Column("memory_model_id", sa.Integer, nullable=True))
    op.create_table(
        "study_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("interview_on", sa.Date, nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("plan_json", sa.Text, nullable=False),
    )
    op.create_index("ix_study_plans_user_time", "study_plans", ["user_id", "created_at"])
    op.create_table(
        "backlog_recoveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("question_ids_json", sa.Text, nullable=False),
    )
    op.create_index("ix_backlog_recoveries_user_time", "backlog_recoveries", ["user_id", "started_at"])
    op.create_table(
        "memory_models",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("fitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviews", sa.Integer, nullable=False),
        sa.Column("parameters_json", sa.Text, nullable=False),
        sa.Column("log_loss_default", sa.Float, nullable=False),
        sa.Column("log_loss_fitted", sa.Float, nullable=False),
        sa.Column("in_use", sa.Boolean, nullable=False),
    )
    op.create_index("ix_memory_models_user_time", "memory_models", ["user_id", "fitted_at"])


def downgrade() -> None:
    op.drop_table("memory_models")
    op.drop_table("backlog_recoveries")
    op.drop_table("study_plans")
    with op.batch_alter_table("review_logs") as batch:
        batch.drop_column("memory_model_id")
        batch.drop_column("queue_reason")
