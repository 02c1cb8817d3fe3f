"""projects: responsibles and participants

Projects (issue 16) get their members: each user is a project's responsible or a participant, never
both (one row per project and user). `crm_enabled` and `parent_id` are on `project` since 0004.

Revision 0018 (after 0017), created 2026-12-06 20:00.
"""

from alembic import op
from rxcrm.db import migration_columns as mc

revision: str = '0018'
down_revision: str | None = '0017'


def upgrade() -> None:
    op.create_table(
        'projectmember',
        mc.integer('project_id'),
        mc.integer('user_id'),
        mc.text('role', 12, nullable=False),
        *mc.foreign_keys(project_id=('project', 'CASCADE'), user_id='user'),
        mc.primary('project_id', 'user_id'),
    )
    mc.create_indexes('projectmember', 'user_id')


def downgrade() -> None:
    mc.drop_tables('projectmember')
