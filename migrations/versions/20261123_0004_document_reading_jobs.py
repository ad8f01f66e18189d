"""Track each document's reading job (state, progress, problems, heartbeat) and procurement's notifications.

Documents read before this revision keep their status; their new columns stay empty
(no problems recorded, no job running), which is what they were.

Revision ID: 0004_reading_jobs
Revises: 0003_surveillance_due
Create Date: 2026-11-23 09:00:00

"""
from alembic import op
from typing import Any

import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_reading_jobs'
down_revision = '0003_surveillance_due'
branch_labels = None
depends_on = None

def document_columns() -> tuple[sa.Column[Any], ...]:
    return (
        sa.Column('parse_token', sa.String(length=32), nullable=True),
        sa.Column('parse_stage', sa.String(length=16), nullable=True),
        sa.Column('parse_page', sa.Integer(), nullable=True),
        sa.Column('parse_pages', sa.Integer(), nullable=True),
        sa.Column('parse_problems', sa.JSON(), nullable=True),
        sa.Column('parse_worker', sa.String(length=200), nullable=True),
        sa.Column('parse_heartbeat', sa.DateTime(), nullable=True),
        sa.Column('parse_attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('queued_at', sa.DateTime(), nullable=True),
        sa.Column('parsed_at', sa.DateTime(), nullable=True),
    )


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        for column in document_columns():
            batch_op.add_column(column)
        batch_op.create_index(batch_op.f('ix_documents_queued_at'), ['queued_at'], unique=False)
    with op.batch_alter_table('documents', schema=None) as batch_op:
        # the server default only filled existing rows; the model sets the value from now on
        batch_op.alter_column('parse_attempts', server_default=None)

    op.create_table(
        'notifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('mailed', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'],
                                name=op.f('fk_notifications_assessment_id_assessments')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_notifications_organisation_id_organisations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index('ix_notifications_org_created', ['organisation_id', 'created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_org_created')
        batch_op.drop_index(batch_op.f('ix_notifications_assessment_id'))
    op.drop_table('notifications')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_queued_at'))
        for column in reversed(document_columns()):
            batch_op.drop_column(column.name)
