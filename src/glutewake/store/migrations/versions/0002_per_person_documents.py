"""break settings as their own document, clearance limits, set corrections, (person, day) index

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 12:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

preferences = sa.table(
    "preferences",
    sa.column("person_id", sa.Integer()),
    sa.column("data", sa.JSON()),
    sa.column("updated_at", sa.DateTime()),
)
break_settings = sa.table(
    "break_settings",
    sa.column("person_id", sa.Integer()),
    sa.column("data", sa.JSON()),
    sa.column("updated_at", sa.DateTime()),
)


def upgrade() -> None:
    op.create_table(
        "break_settings",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("person_id"),
    )
    _move_break_settings_out_of_preferences()
    with op.batch_alter_table("clearance", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("restrictions", sa.JSON(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("set_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revisions", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.create_index("ix_set_log_person_day", ["person_id", "day"], unique=False)


def _move_break_settings_out_of_preferences() -> None:
    connection = op.get_bind()
    for person_id, data, updated_at in connection.execute(
        sa.select(preferences.c.person_id, preferences.c.data, preferences.c.updated_at)
    ):
        if not isinstance(data, dict) or "breaks" not in data:
            continue
        breaks = data["breaks"]
        rest = {key: value for key, value in data.items() if key != "breaks"}
        connection.execute(
            break_settings.insert().values(person_id=person_id, data=breaks, updated_at=updated_at)
        )
        connection.execute(
            preferences.update().where(preferences.c.person_id == person_id).values(data=rest)
        )


def downgrade() -> None:
    with op.batch_alter_table("set_log", schema=None) as batch_op:
        batch_op.drop_index("ix_set_log_person_day")
        batch_op.drop_column("revisions")
    with op.batch_alter_table("clearance", schema=None) as batch_op:
        batch_op.drop_column("restrictions")
    op.drop_table("break_settings")
