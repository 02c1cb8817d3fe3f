"""pipeline board, projects, business roles, exchange rates

Revision 0004 (after 0003), created 2026-11-23 19:41.
"""

import sqlalchemy as sa
from alembic import op

from rxcrm.db import migration_columns as mc

revision: str = '0004'
down_revision: str | None = '0003'

OPPORTUNITY_INDEXES = {
    'ix_opportunity_stage_updated': ['stage_id', 'updated_at'],
    'ix_opportunity_stage_money': ['stage_id', 'currency', 'amount'],
}


def upgrade() -> None:
    op.create_table(
        'exchangerate',
        mc.text('currency', 3, nullable=False),
        mc.decimal('rate', scale=6),
        mc.moment('updated_at'),
        mc.primary('currency'),
    )
    mc.create_named_table(
        'project',
        100,
        mc.link('parent_id'),
        mc.flag('crm_enabled'),
        mc.integer('position'),
        *mc.foreign_keys(parent_id='project'),
    )
    mc.create_entity_table(
        'businessrole',
        mc.integer('opportunity_id'),
        mc.integer('contact_id'),
        mc.text('role', 100, nullable=False),
        mc.text('note', 1000),
        *mc.foreign_keys(contact_id='contact', opportunity_id=('opportunity', 'CASCADE')),
    )
    mc.create_indexes('businessrole', 'contact_id', 'opportunity_id')

    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.add_column(mc.link('project_id'))
        batch_op.add_column(mc.moment('closed_at'))
        batch_op.create_index(batch_op.f('ix_opportunity_project_id'), ['project_id'], unique=False)
        for name, columns in OPPORTUNITY_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        batch_op.create_foreign_key('fk_opportunity_project_id', 'project', ['project_id'], ['id'])

    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_board', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.alter_column('on_board', server_default=None)

    op.execute("UPDATE opportunity SET closed_at = updated_at WHERE status IN ('won', 'lost')")


def downgrade() -> None:
    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.drop_column('on_board')

    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.drop_constraint('fk_opportunity_project_id', type_='foreignkey')
        for name in reversed(OPPORTUNITY_INDEXES):
            batch_op.drop_index(name)
        batch_op.drop_index(batch_op.f('ix_opportunity_project_id'))
        batch_op.drop_column('closed_at')
        batch_op.drop_column('project_id')

    mc.drop_tables('businessrole', 'project', 'exchangerate')
