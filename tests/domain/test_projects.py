"""Projects (spec §5.5): the tree's rules — no cycles, a depth limit, unique names, one role per member."""

from __future__ import annotations

import pytest

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.pipeline.projects import (
    MAX_DEPTH,
    PARTICIPANT,
    RESPONSIBLE,
    check_name_free,
    check_parent,
    check_project_deletable,
    depth_of,
    descendants,
    member_roles,
    tree_order,
    validate_project,
)
from rxcrm.domain.records.validation import FieldErrors

# CRM (1) > North (2) > Hamburg (3) > Harbour (4); CRM > South (5); Services (6) on its own
PARENTS = {1: None, 2: 1, 3: 2, 4: 3, 5: 1, 6: None}


def test_a_project_cannot_hang_below_itself() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_parent(2, 2, PARENTS)
    assert "itself" in refused.value.fields["parent_id"]


@pytest.mark.parametrize("below", [3, 4])
def test_a_project_cannot_hang_below_one_of_its_own_sub_projects(below: int) -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_parent(2, below, PARENTS)
    assert "sub-projects" in refused.value.fields["parent_id"]


def test_a_project_moves_below_a_project_of_another_branch() -> None:
    check_parent(5, 2, PARENTS)
    check_parent(2, 6, {**PARENTS, 4: None})
    check_parent(None, 3, PARENTS)


def test_an_unknown_parent_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_parent(None, 99, PARENTS)
    assert refused.value.fields == {"parent_id": "no such project"}


def test_the_tree_is_at_most_max_depth_levels_deep_with_the_moved_projects_own_sub_projects() -> None:
    assert MAX_DEPTH == 4 and depth_of(4, PARENTS) == 3
    with pytest.raises(ValidationFailed, match="4 levels"):
        check_parent(None, 4, PARENTS)  # a fifth level
    with pytest.raises(ValidationFailed, match="4 levels"):
        check_parent(2, 5, PARENTS)  # North takes Hamburg and Harbour along: Harbour would be fifth
    check_parent(3, 5, PARENTS)  # Hamburg and Harbour below South: still four levels


def test_descendants_are_every_level_below_not_the_project_itself() -> None:
    assert descendants(1, PARENTS) == {2, 3, 4, 5}
    assert descendants(3, PARENTS) == {4}
    assert descendants(6, PARENTS) == set()


def test_names_are_unique_whatever_the_case_and_spaces() -> None:
    with pytest.raises(Conflict, match="'north' already exists"):
        check_name_free("north", ["CRM", " North "])
    check_name_free("Northeast", ["CRM", "North"])


def test_a_name_is_required_and_at_most_100_characters_and_crm_enabled_is_a_flag() -> None:
    errors = FieldErrors()
    validate_project({"name": " ", "crm_enabled": "yes"}, creating=True, errors=errors)
    assert set(errors.fields) == {"name", "crm_enabled"}
    errors = FieldErrors()
    validate_project({"name": "x" * 101}, creating=True, errors=errors)
    assert set(errors.fields) == {"name"}
    errors = FieldErrors()
    assert validate_project({"crm_enabled": False}, creating=False, errors=errors) == {"crm_enabled": False}
    assert errors.fields == {}


def test_a_user_is_responsible_or_participant_not_both() -> None:
    errors = FieldErrors()
    member_roles({}, {"responsible_ids": [7, 8], "participant_ids": [8, 9]}, errors)
    assert "not both (user 8)" in errors.fields["participant_ids"]


def test_a_member_list_sent_replaces_only_that_roles_members() -> None:
    current = {7: RESPONSIBLE, 9: PARTICIPANT}
    errors = FieldErrors()
    assert member_roles(current, {"participant_ids": [10, 10]}, errors) == {7: RESPONSIBLE, 10: PARTICIPANT}
    assert member_roles(current, {"responsible_ids": None}, errors) == {9: PARTICIPANT}
    assert errors.fields == {}


def test_member_lists_hold_user_ids_only() -> None:
    errors = FieldErrors()
    member_roles({}, {"responsible_ids": ["7"], "participant_ids": 3}, errors)
    assert set(errors.fields) == {"responsible_ids", "participant_ids"}


def test_the_tree_lists_each_project_followed_by_its_sub_projects_by_name() -> None:
    projects = [(1, None, "CRM"), (5, 1, "South"), (2, 1, "North"), (3, 2, "Hamburg"), (6, None, "Apps")]
    assert tree_order(projects) == [(6, 0), (1, 0), (2, 1), (3, 2), (5, 1)]
    assert tree_order([(3, 2, "Hamburg"), (4, 3, "Harbour")]) == [(3, 0), (4, 1)]  # parent not listed


def test_a_project_in_use_is_not_deleted_and_the_refusal_names_the_uses() -> None:
    with pytest.raises(Conflict) as refused:
        check_project_deletable("CRM", {"opportunities": 3, "price books": 0, "sub-projects": 2})
    assert "3 opportunities, 2 sub-projects" in refused.value.message
    check_project_deletable("Old", {"opportunities": 0, "price books": 0, "sub-projects": 0})
