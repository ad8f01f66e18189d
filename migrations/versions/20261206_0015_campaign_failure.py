"""A campaign whose creation job fails says why, and can be retried: its failure and who confirmed it.

Existing campaigns have neither (a queued one keeps being created as its author, as before).

Revision ID: 0015_campaign_failure
Revises: 0014_campaigns
Create Date: 2026-12-06 17:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_campaign_failure'
down_revision = '0014_campaigns'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirmed_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('failure', sa.String(length=1000), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_campaigns_confirmed_by_users'), 'users',
                                    ['confirmed_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_campaigns_confirmed_by_users'), type_='foreignkey')
        batch_op.drop_column('failure')
        batch_op.drop_column('confirmed_by')
