"""permissions, field visibility, custom fields, saved filters, workflow rules

Revision 0003 (after 0002), created 2026-11-23 15:33.
"""

import sqlalchemy as sa
from alembic import op

from rxcrm.db import migration_columns as mc

revision: str = '0003'
down_revision: str | None = '0002'


def upgrade() -> None:
    mc.create_entity_table(
        'customfield',
        mc.text('entity', 20, nullable=False),
        mc.text('key', 64, nullable=False),
        mc.text('label', 100, nullable=False),
        mc.text('type', 20, nullable=False),
        mc.document('options'),
        mc.flag('required'),
        mc.integer('position'),
        mc.flag('active'),
        mc.moment('created_at'),
        sa.UniqueConstraint('entity', 'key', name='uq_customfield_entity_key'),
    )
    mc.create_indexes('customfield', 'entity')
    mc.create_entity_table(
        'fieldvisibility',
        mc.text('entity', 20, nullable=False),
        mc.text('field', 50, nullable=False),
        mc.document('roles'),
        mc.document('user_ids'),
        sa.UniqueConstraint('entity', 'field', name='uq_field_visibility'),
    )
    op.create_table(
        'rolepermission',
        mc.text('role', 20, nullable=False),
        mc.text('entity', 30, nullable=False),
        mc.text('action', 10, nullable=False),
        mc.flag('allowed'),
        mc.primary('role', 'entity', 'action'),
    )
    mc.create_entity_table(
        'savedfilter',
        mc.integer('user_id'),
        mc.text('entity', 20, nullable=False),
        mc.text('name', 100, nullable=False),
        mc.document('params'),
        mc.text('sort', 50),
        mc.text('shared_with_role', 20),
        mc.text('default_for_role', 20),
        mc.flag('is_default'),
        mc.moment('created_at'),
        *mc.foreign_keys(user_id=('user', 'CASCADE')),
    )
    mc.create_named_indexes('savedfilter', {'ix_savedfilter_entity_user': ['entity', 'user_id']})
    mc.create_entity_table(
        'workflowrule',
        mc.text('name', 200, nullable=False),
        mc.text('entity', 20, nullable=False),
        mc.text('trigger', 20, nullable=False),
        mc.text('trigger_field', 100),
        mc.document('condition', nullable=True),
        mc.text('action', 30, nullable=False),
        mc.document('action_params'),
        mc.flag('active'),
        mc.integer('position'),
        *mc.created(),
        *mc.foreign_keys(created_by_id='user'),
    )
    mc.create_named_indexes('workflowrule', {'ix_workflowrule_entity_active': ['entity', 'active']})


def downgrade() -> None:
    mc.drop_tables('workflowrule', 'savedfilter', 'rolepermission', 'fieldvisibility', 'customfield')
