"""Let each procurement user mark notifications read, and link a notification to its document.

Notifications written before this revision count as unread for everyone and link to their
assessment only (document_id empty), which is what they did.

Revision ID: 0007_notification_reads
Revises: 0006_drop_lockout
Create Date: 2026-12-06 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_notification_reads'
down_revision = '0006_drop_lockout'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_notifications_document_id_documents'), 'documents',
                                    ['document_id'], ['id'], ondelete='SET NULL')
    op.create_table(
        'notification_reads',
        sa.Column('notification_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('read_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'],
                                name=op.f('fk_notification_reads_notification_id_notifications'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_notification_reads_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('notification_id', 'user_id', name=op.f('pk_notification_reads')),
    )
    with op.batch_alter_table('notification_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_reads_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notification_reads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_reads_user_id'))
    op.drop_table('notification_reads')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notifications_document_id_documents'), type_='foreignkey')
        batch_op.drop_column('document_id')
