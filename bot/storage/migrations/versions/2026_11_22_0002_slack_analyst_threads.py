"""slack analyst threads

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('slack_analyst_threads',
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('ts', sa.String(length=32), nullable=False),
    sa.Column('ticket_number', sa.String(length=20), nullable=True),
    sa.Column('person_requested', sa.Boolean(), nullable=False),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conversation_id'),
    sa.UniqueConstraint('channel', 'ts', name='uq_slack_analyst_threads_message')
    )


def downgrade() -> None:
    op.drop_table('slack_analyst_threads')
