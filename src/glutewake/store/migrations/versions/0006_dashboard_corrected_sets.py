"""dashboard: a small index of the corrected sets, so the coach's dashboard finds them at once

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 19:10:00

Only a new index: every record stays as it is. The dashboard tells whose sets changed since
it last looked from each client's number of sets (the ``ix_set_log_person_day`` index) and
their corrected sets; a correction leaves the number as it was, so the corrected sets (a
handful) are kept in this partial index instead of reading every set's revisions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The same words as ``store.coaching_facts.CORRECTED``: a query uses a partial index only when
# it asks for its condition.
CORRECTED = sa.text("CAST(revisions AS TEXT) <> '[]'")


def upgrade() -> None:
    op.create_index(
        "ix_set_log_corrected",
        "set_log",
        ["person_id", "day"],
        postgresql_where=CORRECTED,
        sqlite_where=CORRECTED,
    )


def downgrade() -> None:
    op.drop_index("ix_set_log_corrected", table_name="set_log")
