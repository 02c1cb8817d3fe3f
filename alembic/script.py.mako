"""${message}

Revision ${up_revision} (after ${down_revision | comma,n}), created ${create_date}.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op
${imports if imports else ""}
import rxcrm.db.types

revision: str = ${repr(up_revision)}
down_revision: str | None = ${repr(down_revision)}
% if branch_labels:
branch_labels = ${repr(branch_labels)}
% endif
% if depends_on:
depends_on = ${repr(depends_on)}
% endif


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
