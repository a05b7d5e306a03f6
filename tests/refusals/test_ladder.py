"""The chain-of-command ladder for every topic, with full and gappy rosters."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from playbook.advocacy.models import Ask
from playbook.children.models import TeamMember
from playbook.refusals.ladder import (
    BUILDING_TOPICS,
    TEACHERS_AND_THERAPISTS,
    TOPICS,
    UnknownTopic,
    build_ladder,
    involved_in,
    roster_of,
)
from playbook.trail.chain import append

FULL_ROSTER = [
    ("t1", "general_ed_teacher"),
    ("t2", "special_ed_teacher"),
    ("ot", "therapist"),
    ("psy", "school_psychologist"),
    ("cm", "case_manager"),
    ("pr", "principal"),
    ("sup", "special_ed_supervisor"),
    ("dir", "director_special_services"),
    ("asst", "assistant_superintendent"),
    ("supt", "superintendent"),
    ("nurse", "other"),
]

DISTRICT_LADDER = [
    TEACHERS_AND_THERAPISTS,
    "case_manager",
    "special_ed_supervisor",
    "director_special_services",
    "assistant_superintendent",
    "superintendent",
]
BUILDING_LADDER = DISTRICT_LADDER[:2] + ["principal"] + DISTRICT_LADDER[2:]


def roles(ladder):
    return [rung.role for rung in ladder.rungs]


def next_role(ladder):
    return ladder.next_rung.role if ladder.next_rung else None


@pytest.mark.parametrize("topic", ["services", "placement", "evaluation", "other"])
def test_district_topics_leave_the_principal_off(topic):
    ladder = build_ladder(FULL_ROSTER, topic)
    assert roles(ladder) == DISTRICT_LADDER
    assert all("pr" not in rung.members for rung in ladder.rungs)


@pytest.mark.parametrize("topic", ["discipline", "scheduling", "staffing", "safety"])
def test_building_topics_put_the_principal_right_after_the_case_manager(topic):
    ladder = build_ladder(FULL_ROSTER, topic)
    assert roles(ladder) == BUILDING_LADDER
    assert ladder.rungs[2].members == ["pr"]
    assert topic in BUILDING_TOPICS


def test_every_topic_is_covered_by_the_two_shapes():
    assert set(TOPICS) == {"services", "placement", "evaluation", "other"} | BUILDING_TOPICS


def test_the_psychologist_sits_with_teachers_for_evaluation_only():
    evaluation = build_ladder(FULL_ROSTER, "evaluation")
    assert evaluation.rungs[0].members == ["t1", "t2", "ot", "psy"]
    for topic in set(TOPICS) - {"evaluation"}:
        ladder = build_ladder(FULL_ROSTER, topic)
        assert ladder.rungs[0].members == ["t1", "t2", "ot"]
        assert all("psy" not in rung.members for rung in ladder.rungs)


def test_role_other_is_never_on_the_ladder():
    for topic in TOPICS:
        assert all("nurse" not in r.members for r in build_ladder(FULL_ROSTER, topic).rungs)


def test_with_nobody_involved_next_is_the_lowest_present_rung():
    assert next_role(build_ladder(FULL_ROSTER, "services")) == TEACHERS_AND_THERAPISTS
    only_top = [("dir", "director_special_services")]
    assert next_role(build_ladder(only_top, "services")) == "director_special_services"


@pytest.mark.parametrize(
    ("topic", "involved", "expected"),
    [
        ("services", ["t1"], "case_manager"),
        ("services", ["cm"], "special_ed_supervisor"),
        ("services", ["t1", "cm"], "special_ed_supervisor"),
        ("services", ["sup"], "director_special_services"),
        ("services", ["supt"], None),
        ("discipline", ["cm"], "principal"),
        ("discipline", ["pr"], "special_ed_supervisor"),
        ("safety", ["t2"], "case_manager"),
        ("scheduling", ["t1", "cm"], "principal"),
        ("staffing", ["cm", "ot"], "principal"),
        ("evaluation", ["psy"], "case_manager"),
        # The principal is not on the services ladder, so involving them moves nothing.
        ("services", ["cm", "pr"], "special_ed_supervisor"),
        ("placement", ["pr"], TEACHERS_AND_THERAPISTS),
        # Someone outside the ladder ("other") moves nothing either.
        ("other", ["nurse"], TEACHERS_AND_THERAPISTS),
    ],
)
def test_next_is_the_first_present_rung_above_everyone_involved(topic, involved, expected):
    ladder = build_ladder(FULL_ROSTER, topic, involved)
    assert next_role(ladder) == expected
    assert sum(rung.next for rung in ladder.rungs) == (0 if expected is None else 1)


def test_missing_rungs_are_marked_and_skipped_by_next():
    roster = [
        ("t1", "general_ed_teacher"),
        ("cm", "case_manager"),
        ("dir", "director_special_services"),
    ]
    ladder = build_ladder(roster, "services", ["cm"])
    present = {rung.role: rung.present for rung in ladder.rungs}
    assert present == {
        TEACHERS_AND_THERAPISTS: True,
        "case_manager": True,
        "special_ed_supervisor": False,
        "director_special_services": True,
        "assistant_superintendent": False,
        "superintendent": False,
    }
    assert next_role(ladder) == "director_special_services"
    assert [r.role for r in ladder.missing] == [
        "special_ed_supervisor",
        "assistant_superintendent",
        "superintendent",
    ]


def test_a_missing_principal_is_shown_for_discipline_and_skipped():
    roster = [("cm", "case_manager"), ("sup", "special_ed_supervisor")]
    ladder = build_ladder(roster, "discipline", ["cm"])
    principal = ladder.rungs[2]
    assert principal.role == "principal" and principal.present is False and not principal.next
    assert next_role(ladder) == "special_ed_supervisor"


def test_the_principal_is_never_first_for_services_even_when_alone():
    ladder = build_ladder([("pr", "principal")], "services")
    assert ladder.next_rung is None
    assert all(not rung.present for rung in ladder.rungs)
    assert next_role(build_ladder([("pr", "principal")], "discipline")) == "principal"


def test_an_empty_roster_has_every_rung_missing():
    ladder = build_ladder([], "safety")
    assert roles(ladder) == BUILDING_LADDER
    assert not any(rung.present or rung.next or rung.members for rung in ladder.rungs)


def test_several_people_on_one_rung_are_all_listed():
    roster = [("s1", "special_ed_supervisor"), ("s2", "special_ed_supervisor")]
    ladder = build_ladder(roster, "placement", ["s1"])
    assert ladder.rungs[2].members == ["s1", "s2"]
    # s1 is involved, so the supervisors' rung is reached; nothing above is on the roster.
    assert ladder.next_rung is None


def test_unknown_topic_names_the_topics():
    with pytest.raises(UnknownTopic) as raised:
        build_ladder(FULL_ROSTER, "lunch")
    for topic in TOPICS:
        assert topic in str(raised.value)


def test_involved_in_collects_asked_of_involved_and_entry_counterparts(child, case_manager):
    teacher = TeamMember.objects.create(child=child, name="T", role="general_ed_teacher")
    supervisor = TeamMember.objects.create(child=child, name="S", role="special_ed_supervisor")
    principal = TeamMember.objects.create(child=child, name="P", role="principal")
    ask = Ask.objects.create(
        child=child, subject="Aide", asked_of=teacher, asked_on=date(2025, 3, 3)
    )
    ask.involved.add(principal)
    entry = append(
        child,
        occurred_at=datetime(2025, 3, 4, tzinfo=UTC),
        kind="email",
        direction="received",
        counterpart=supervisor,
    )
    ask.entries.add(entry)
    assert involved_in(ask) == {str(teacher.pk), str(principal.pk), str(supervisor.pk)}
    assert involved_in(None) == set()
    ladder = build_ladder(roster_of(child), "services", involved_in(ask))
    assert next_role(ladder) is None  # nobody above the supervisor on this roster
    ladder = build_ladder(roster_of(child), "discipline", {str(teacher.pk)})
    assert ladder.next_rung.members == [str(case_manager.pk)]


def test_a_former_team_member_is_off_the_ladder(child):
    from datetime import date

    from playbook.children.models import TeamMember
    from playbook.refusals.ladder import roster_of

    left = TeamMember.objects.create(child=child, name="Gone", role="superintendent")
    stays = TeamMember.objects.create(child=child, name="Here", role="case_manager")
    left.left_on = date(2026, 9, 1)
    left.save()
    assert roster_of(child) == [(str(stays.pk), "case_manager")]
