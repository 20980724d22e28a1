"""Answers typed in a review session are stored with source "review", no longer "drill" (issue 18: each
word means one thing, and "drill" now means a coding drill).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE attempts SET source = 'review' WHERE source = 'drill'"))


def downgrade() -> None:
    op.execute(sa.text("UPDATE attempts SET source = 'drill' WHERE source = 'review'"))
