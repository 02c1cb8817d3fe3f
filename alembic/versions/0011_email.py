"""e-mail templates and the e-mail log

E-mail from records: templates with the quote tokens, and one row per message sent to a contact
(queued, sent, written to the outbox or failed with its error, to be retried).

Revision 0011 (after 0010), created 2026-12-06 11:00.
"""

from rxcrm.db import migration_columns as mc

revision: str = '0011'
down_revision: str | None = '0010'


def upgrade() -> None:
    mc.create_named_table(
        'emailtemplate',
        200,
        mc.text('subject', 500, nullable=False),
        mc.text('body', 20000, nullable=False),
        *mc.created(updated=True),
        *mc.foreign_keys(created_by_id='user'),
    )
    mc.create_entity_table(
        'email',
        *mc.record_ref(),
        mc.link('contact_id'),
        mc.text('to', 320, nullable=False),
        mc.text('subject', 500, nullable=False),
        mc.text('body', 20000, nullable=False),
        mc.document('attachment_ids'),
        mc.link('template_id'),
        mc.text('status', 10, nullable=False),
        mc.text('error', 2000),
        mc.moment('sent_at'),
        *mc.created(),
        *mc.foreign_keys(
            contact_id=('contact', 'SET NULL'),
            created_by_id='user',
            template_id=('emailtemplate', 'SET NULL'),
        ),
    )
    mc.create_named_indexes(
        'email',
        {
            'ix_email_entity': ['entity', 'entity_id', 'created_at'],
            'ix_email_status': ['status', 'created_at'],
        },
    )


def downgrade() -> None:
    mc.drop_tables('email', 'emailtemplate')
