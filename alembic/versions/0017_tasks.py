"""tasks: tasks and their linked accounts

Tasks (issue 16): a title, description, assignee, due date, status (open/done), priority, the deal,
project, contact or lead they were made from, and the accounts they are linked to in order (the first
is the primary account).

Revision 0017 (after 0016), created 2026-12-06 19:00.
"""

from rxcrm.db import migration_columns as mc

revision: str = '0017'
down_revision: str | None = '0016'


def upgrade() -> None:
    mc.create_entity_table(
        'task',
        mc.text('title', 200, nullable=False),
        mc.text('description', 5000),
        mc.integer('assignee_id'),
        mc.day('due_date'),
        mc.text('status', 10, nullable=False),
        mc.text('priority', 10, nullable=False),
        *mc.links('opportunity_id', 'project_id', 'contact_id', 'lead_id'),
        mc.moment('done_at'),
        *mc.created(updated=True),
        *mc.foreign_keys(
            assignee_id='user',
            contact_id=('contact', 'SET NULL'),
            created_by_id='user',
            lead_id=('lead', 'SET NULL'),
            opportunity_id=('opportunity', 'SET NULL'),
            project_id=('project', 'SET NULL'),
        ),
    )
    mc.create_indexes('task', 'contact_id', 'lead_id', 'opportunity_id', 'project_id')
    mc.create_named_indexes('task', {'ix_task_assignee_status_due': ['assignee_id', 'status', 'due_date']})
    mc.create_link_table(
        'taskaccount', mc.integer('position'), task_id=('task', 'CASCADE'), account_id=('account', 'CASCADE')
    )
    mc.create_indexes('taskaccount', 'account_id')


def downgrade() -> None:
    mc.drop_tables('taskaccount', 'task')
