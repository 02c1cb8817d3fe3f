"""Use cases: each takes a Session and the acting user, applies domain rules and persists."""

from rxcrm.services import (
    board,  # noqa: E402,F401  (registers the board-columns subscriber)
    notifications,  # noqa: E402,F401  (registers the change-event subscribers)
    workflows,  # noqa: E402,F401  (registers the workflow-rule subscriber)
)
