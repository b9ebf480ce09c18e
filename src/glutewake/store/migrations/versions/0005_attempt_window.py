"""attempt_window: login and invite attempts counted in the database, shared by every worker

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 19:00:00

Only a new table: every existing record stays as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempt_window",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("attempts", sa.JSON(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key_hash"),
    )
    op.create_index("ix_attempt_window_kind_last_at", "attempt_window", ["kind", "last_at"])


def downgrade() -> None:
    op.drop_index("ix_attempt_window_kind_last_at", table_name="attempt_window")
    op.drop_table("attempt_window")
