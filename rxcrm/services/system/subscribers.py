"""Every change-event subscriber, registered in this one place when a process starts.

Called by the Reflex app (rxcrm/rxcrm.py, which adds the UI's live-refresh feeds), the REST API factory,
the CLI and the test fixtures. Importing a module never registers anything; calling this twice is harmless.
"""

from __future__ import annotations

from collections.abc import Iterable

from rxcrm.services.pipeline import board
from rxcrm.services.records import activities, events, files, notifications
from rxcrm.services.settings import workflows
from rxcrm.services.tasks import assignment as task_assignment
from rxcrm.services.tickets import notices as ticket_notices

# In-transaction subscribers, in the order they run on every published change.
IN_TRANSACTION: tuple[events.InTransaction, ...] = (
    board.note_board_columns,
    notifications.owners_follow_their_records,
    notifications.notify_about_change,
    workflows.run_workflow_rules,
    activities.drop_activities_of_deleted_records,
    files.drop_files_of_gone_records,
    task_assignment.notify_task_assignee,
    ticket_notices.notify_ticket_assignee,
)
AFTER_COMMIT: tuple[events.AfterCommit, ...] = ()


def install_subscribers(after_touch: Iterable[events.AfterTouch] = ()) -> None:
    """Register the services' subscribers, plus the given after-touch feeds (the UI's live refresh)."""
    for handler in IN_TRANSACTION:
        events.on_change(handler)
    for committed in AFTER_COMMIT:
        events.after_commit(committed)
    for feed in after_touch:
        events.after_touch(feed)
    events.mark_installed()
