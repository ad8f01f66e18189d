"""Store each assessment's next surveillance audit date, so the watch list is one indexed query.

Both columns are derived from the current certificate at scoring time; `certscope reassess` (or any
re-scoring) fills them for assessments scored before this revision.

Revision ID: 0003_surveillance_due
Revises: 0002_monitoring
Create Date: 2026-11-22 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_surveillance_due'
down_revision = '0002_monitoring'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('surveillance_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('last_audit_date', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessments_surveillance_due'), ['surveillance_due'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_surveillance_due'))
        batch_op.drop_column('last_audit_date')
        batch_op.drop_column('surveillance_due')
