"""coaching: the append-only audit trail, coach notes, program templates

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 15:45:00

Only new tables: every existing record stays as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("actor_account_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["actor_account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_event_person_at", "audit_event", ["person_id", "at"])
    op.create_table(
        "coach_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("coach_account_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["coach_account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_coach_note_person_at", "coach_note", ["person_id", "at"])
    op.create_table(
        "program_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["coach_account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_program_template_coach_account_id", "program_template", ["coach_account_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_program_template_coach_account_id", table_name="program_template")
    op.drop_table("program_template")
    op.drop_index("ix_coach_note_person_at", table_name="coach_note")
    op.drop_table("coach_note")
    op.drop_index("ix_audit_event_person_at", table_name="audit_event")
    op.drop_table("audit_event")
