"""splitter rules hold several conditions

A rule's one field/operator/value becomes a list of conditions (all must match). Upgrade keeps each
rule's condition (an 'any' rule gets no conditions). Downgrade keeps the first condition; a rule
with several is switched off, because its first condition alone would route more leads than it did.

Revision 0008 (after 0007), created 2026-12-05 15:00.
"""
import sqlalchemy as sa
import sqlmodel

from alembic import op
from rxcrm.db import migration_columns as mc

revision: str = '0008'
down_revision: str | None = '0007'

RULES = sa.table(
    'splitterrule',
    sa.column('id', sa.Integer()),
    sa.column('field', sa.String()),
    sa.column('operator', sa.String()),
    sa.column('value', sa.String()),
    sa.column('active', sa.Boolean()),
    sa.column('conditions', sa.JSON()),
)


def upgrade() -> None:
    mc.add_columns('splitterrule', sa.Column('conditions', sa.JSON(), nullable=False, server_default='[]'))
    bind = op.get_bind()
    for rule_id, field, operator, value in bind.execute(
        sa.select(RULES.c.id, RULES.c.field, RULES.c.operator, RULES.c.value)
    ).all():
        conditions = [] if operator == 'any' else [{'field': field, 'operator': operator, 'value': value}]
        bind.execute(RULES.update().where(RULES.c.id == rule_id).values(conditions=conditions))
    mc.drop_columns('splitterrule', 'value', 'operator', 'field')


def downgrade() -> None:
    mc.add_columns(
        'splitterrule',
        sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False, server_default=''),
        sa.Column(
            'operator', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False, server_default='equals'
        ),
        sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False, server_default=''),
    )
    bind = op.get_bind()
    for rule_id, conditions, active in bind.execute(
        sa.select(RULES.c.id, RULES.c.conditions, RULES.c.active)
    ).all():
        first = conditions[0] if conditions else {'field': '', 'operator': 'any', 'value': ''}
        bind.execute(
            RULES.update()
            .where(RULES.c.id == rule_id)
            .values(field=first['field'], operator=first['operator'], value=first['value'],
                    active=active and len(conditions) <= 1)
        )
    mc.drop_columns('splitterrule', 'conditions')
