"""Count a campaign's creation attempts: one whose job keeps dying is failed by the sweep, not re-queued for ever.

Existing campaigns start at 0 attempts (a queued one gets the full number of tries, as a new one would).

Revision ID: 0016_campaign_attempts
Revises: 0015_campaign_failure
Create Date: 2026-12-06 20:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_campaign_attempts'
down_revision = '0015_campaign_failure'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        # the server default only filled existing rows; the model sets the value from now on
        batch_op.alter_column('attempts', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('attempts')
