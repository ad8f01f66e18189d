"""Invitations that reach people, sign-in links, buyer's reference and response deadline.

Invitations gain when they were last sent, how often, and revocation; existing invitations count as
sent once, at creation. `sign_in_links` holds single-use, expiring e-mail links (password-less sign-in
and password reset), stored as token hashes. Assessments gain the buyer's own reference and the date
the supplier should answer by; both empty for existing assessments.

Revision ID: 0008_people
Revises: 0007_notification_reads
Create Date: 2026-12-06 07:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_people'
down_revision = '0007_notification_reads'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('send_count', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('revoked_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_invitations_revoked_by_users'), 'users',
                                    ['revoked_by'], ['id'])
    op.execute("UPDATE invitations SET sent_at = created_at")
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('buyer_reference', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('response_due', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessments_response_due'), ['response_due'], unique=False)
    op.create_table(
        'sign_in_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.String(length=16), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_in_links_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sign_in_links_token_hash')),
    )
    with op.batch_alter_table('sign_in_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_links_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sign_in_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_links_user_id'))
    op.drop_table('sign_in_links')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_response_due'))
        batch_op.drop_column('response_due')
        batch_op.drop_column('buyer_reference')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitations_revoked_by_users'), type_='foreignkey')
        batch_op.drop_column('revoked_by')
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('send_count')
        batch_op.drop_column('sent_at')
