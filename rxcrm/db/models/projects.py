"""Project members: the responsibles and participants of a project (the Project table is with the deals)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class ProjectMember(SQLModel, table=True):
    """A user's part in a project: responsible or participant, never both (one row per user)."""

    project_id: int = Field(foreign_key="project.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)
    role: str = Field(max_length=12)
