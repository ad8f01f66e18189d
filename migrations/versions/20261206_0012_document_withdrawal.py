"""Documents can be withdrawn: kept on disk and in the database, never scored, shown as withdrawn.

Existing documents are not withdrawn (all three columns empty). The document's type ("role") needs no
new column: an upload whose type is left to the classifier is stored as 'detect' until it is read.

Revision ID: 0012_document_withdrawal
Revises: 0011_second_factor_and_sso
Create Date: 2026-12-06 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_document_withdrawal'
down_revision = '0011_second_factor_and_sso'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_reason', sa.String(length=500), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_documents_withdrawn_by_users'), 'users',
                                    ['withdrawn_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_documents_withdrawn_by_users'), type_='foreignkey')
        batch_op.drop_column('withdrawn_reason')
        batch_op.drop_column('withdrawn_by')
        batch_op.drop_column('withdrawn_at')
