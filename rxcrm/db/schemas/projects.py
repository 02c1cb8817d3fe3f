"""Project shapes: where opportunities belong; admins add projects."""

from __future__ import annotations

from rxcrm.db.models import Project
from rxcrm.db.schemas.shapes import Body, RecordId, public_shape


class ProjectCreate(Body):
    """A new project's name and parent."""

    name: str
    parent_id: RecordId | None = None


ProjectPublic = public_shape(Project, "A project with CRM enabled.")
