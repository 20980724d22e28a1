"""What each mock follow-up was aimed at, and the key point it probed (issue 16, adaptive follow-ups).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("mock_answers", sa.Column("follow_up_aim", sa.String(20), nullable=True))
    op.add_column("mock_answers", sa.Column("follow_up_target", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mock_answers") as batch:
        batch.drop_column("follow_up_target")
        batch.drop_column("follow_up_aim")
