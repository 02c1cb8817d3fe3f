"""projects: responsibles and participants

Projects (issue 16) get their members: each user is a project's responsible or a participant, never
both (one row per project and user). `crm_enabled` and `parent_id` are on `project` since 0004.

Revision 0018 (after 0017), created 2026-12-06 20:00.
"""

from rxcrm.db import migration_columns as mc

revision: str = '0018'
down_revision: str | None = '0017'


def upgrade() -> None:
    mc.create_link_table(
        'projectmember',
        mc.text('role', 12, nullable=False),
        project_id=('project', 'CASCADE'),
        user_id='user',
    )
    mc.create_indexes('projectmember', 'user_id')


def downgrade() -> None:
    mc.drop_tables('projectmember')
