"""dashboards baselines targets

Revision 0006 (after 0005), created 2026-11-30 09:36.
"""

import sqlalchemy as sa
from alembic import op

from rxcrm.db import migration_columns as mc

revision: str = '0006'
down_revision: str | None = '0005'


def upgrade() -> None:
    mc.create_entity_table(
        'baseline',
        mc.text('widget_kind', 40, nullable=False),
        mc.text('name', 100, nullable=False),
        mc.document('params'),
        mc.document('rows'),
        *mc.created(),
        *mc.foreign_keys(created_by_id='user'),
    )
    mc.create_indexes('baseline', 'created_by_id', 'widget_kind')
    mc.create_entity_table(
        'dashboardpage',
        mc.integer('user_id'),
        mc.link('project_id'),
        mc.text('page', 30, nullable=False),
        mc.document('widgets'),
        mc.moment('updated_at'),
        *mc.foreign_keys(project_id=('project', 'CASCADE'), user_id=('user', 'CASCADE')),
        sa.UniqueConstraint('user_id', 'project_id', 'page', name='uq_dashboard_page'),
    )
    mc.create_indexes('dashboardpage', 'user_id')
    mc.create_named_table(
        'pagetemplate',
        100,
        mc.text('page', 30, nullable=False),
        mc.document('widgets'),
        *mc.created(),
        *mc.foreign_keys(created_by_id='user'),
    )
    mc.create_entity_table(
        'usertarget',
        mc.integer('user_id'),
        mc.text('period', 7, nullable=False),
        mc.decimal('amount'),
        *mc.foreign_keys(user_id=('user', 'CASCADE')),
        sa.UniqueConstraint('user_id', 'period', name='uq_user_target'),
    )
    mc.create_indexes('usertarget', 'user_id')
    _create_dashboard_indexes()
    _drop_orphaned_activities()


ACTIVITY_RECORDS = {
    "account": "account",
    "contact": "contact",
    "lead": "lead",
    "opportunity": "opportunity",
    "partner": "partner",
}


def _drop_orphaned_activities() -> None:
    """Deleted records now take their activities along; remove those left behind by earlier deletes."""
    for entity, table in ACTIVITY_RECORDS.items():
        op.execute(
            sa.text(
                f"DELETE FROM activity WHERE entity = :entity AND entity_id NOT IN (SELECT id FROM {table})"
            ).bindparams(entity=entity)
        )


def downgrade() -> None:
    _drop_dashboard_indexes()
    mc.drop_tables('usertarget', 'pagetemplate', 'dashboardpage', 'baseline')


OPPORTUNITY_INDEXES = {
    "ix_opportunity_won_money": [
        "status",
        "closed_at",
        "owner_id",
        "currency",
        "amount",
        "partner_id",
        "campaign_id",
    ],
    "ix_opportunity_open_money": [
        "status",
        "close_date",
        "stage_id",
        "currency",
        "amount",
        "probability",
        "owner_id",
    ],
    "ix_opportunity_created_stage": ["created_at", "status", "stage_id", "owner_id"],
}
ACTIVITY_INDEXES = {
    "ix_activity_record_at": ["entity", "entity_id", "at", "category_id", "author_id"],
    "ix_activity_author_category_at": ["author_id", "category_id", "at", "entity", "entity_id"],
}


def _create_dashboard_indexes() -> None:
    """Covering indexes of the dashboard widgets' GROUP BY queries (100k deals, 1M activities)."""
    mc.create_named_indexes("opportunity", OPPORTUNITY_INDEXES)
    op.drop_index("ix_activity_entity", table_name="activity")
    mc.create_named_indexes("activity", ACTIVITY_INDEXES)
    op.drop_index("ix_follower_user_entity", table_name="follower")
    mc.create_named_indexes(
        "follower", {"ix_follower_user_entity_record": ["user_id", "entity", "entity_id"]}
    )


def _drop_dashboard_indexes() -> None:
    op.drop_index("ix_follower_user_entity_record", table_name="follower")
    mc.create_named_indexes("follower", {"ix_follower_user_entity": ["user_id", "entity"]})
    mc.drop_named_indexes("activity", ACTIVITY_INDEXES)
    mc.create_named_indexes("activity", {"ix_activity_entity": ["entity", "entity_id"]})
    mc.drop_named_indexes("opportunity", OPPORTUNITY_INDEXES)
