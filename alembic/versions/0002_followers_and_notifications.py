"""followers and notifications

Revision 0002 (after 0001), created 2026-11-23 15:12.
"""

import sqlalchemy as sa
from alembic import op

from rxcrm.db import migration_columns as mc

revision: str = '0002'
down_revision: str | None = '0001'


def upgrade() -> None:
    mc.create_entity_table(
        'follower',
        *mc.record_ref(),
        mc.integer('user_id'),
        mc.moment('created_at'),
        *mc.foreign_keys(user_id=('user', 'CASCADE')),
        sa.UniqueConstraint('entity', 'entity_id', 'user_id', name='uq_follower'),
    )
    mc.create_indexes('follower', 'entity_id')
    mc.create_named_indexes('follower', {'ix_follower_user_entity': ['user_id', 'entity']})
    mc.create_entity_table(
        'notification',
        mc.integer('user_id'),
        *mc.record_ref(),
        mc.text('message', 500, nullable=False),
        mc.link('by_id'),
        mc.flag('read'),
        mc.moment('at'),
        *mc.foreign_keys(by_id='user', user_id=('user', 'CASCADE')),
    )
    mc.create_indexes('notification', 'at')
    mc.create_named_indexes('notification', {'ix_notification_user_read': ['user_id', 'read']})
    for table in ("account", "contact", "opportunity"):
        for column in ("owner_id", "second_owner_id"):
            op.execute(
                f"INSERT INTO follower (entity, entity_id, user_id, created_at) "
                f"SELECT DISTINCT '{table}', t.id, t.{column}, CURRENT_TIMESTAMP FROM {table} t "
                f"WHERE t.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follower f WHERE "
                f"f.entity = '{table}' AND f.entity_id = t.id AND f.user_id = t.{column})"
            )


def downgrade() -> None:
    mc.drop_tables('notification', 'follower')
