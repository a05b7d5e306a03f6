"""The ledger read from the database: lines across IEPs, default range, threshold."""

from __future__ import annotations

from datetime import date

from playbook.children.models import SchoolBreak
from playbook.children.school_calendar import SchoolCalendar
from playbook.ledger.lines import child_ledger, facts, service_line, services_over_threshold
from playbook.ledger.models import LedgerSettings, ServiceSession
from playbook.ledger.owed import tally

from .conftest import make_iep


def log(service, day, minutes, status="delivered", reason=""):
    return ServiceSession.objects.create(
        service=service, date=day, minutes=minutes, status=status, reason=reason
    )


def test_the_default_range_is_the_current_iep_to_today(child, iep, speech, ot):
    log(speech, date(2026, 8, 31), 30)  # before this IEP: not counted
    log(speech, date(2026, 9, 2), 30)
    log(speech, date(2026, 9, 3), 30, "missed", "provider_absent")
    ledger = child_ledger(child, today=date(2026, 9, 4))
    assert (ledger.start, ledger.end, ledger.iep) == (date(2026, 9, 1), date(2026, 9, 4), iep)
    assert [line.name for line in ledger.lines] == [speech.service, ot.service]
    line = ledger.lines[0]
    # Tue 1 to Fri 4 September: 4 school days of 60 a week; the session the provider
    # missed is owed in full, whatever the short week's share.
    assert (line.tally.promised, line.tally.delivered, line.tally.owed) == (48, 30, 30)
    assert line.tally.missed_by_reason == {"provider_absent": 30}
    assert [s.date for s in line.sessions] == [date(2026, 9, 2), date(2026, 9, 3)]


def test_the_range_end_never_passes_today(child, iep):
    ledger = child_ledger(child, today=date(2026, 9, 4), end=date(2026, 12, 31))
    assert ledger.end == date(2026, 9, 4)


def test_a_service_whose_minutes_changed_with_a_new_iep_keeps_one_line(child):
    old = make_iep(
        child, date(2025, 11, 18), date(2026, 11, 17), services=[("Speech therapy", 90, "week")]
    )
    new = make_iep(
        child, date(2026, 11, 18), date(2027, 11, 17), services=[("speech  Therapy", 60, "week")]
    )
    log(old.services.get(), date(2026, 11, 3), 45)
    log(new.services.get(), date(2026, 11, 19), 30)
    ledger = child_ledger(
        child, today=date(2026, 11, 30), start=date(2026, 11, 2), end=date(2026, 11, 27)
    )
    [line] = ledger.lines
    assert line.service == new.services.get()
    assert line.changed_in_range
    assert [(f.start, f.end) for f in line.in_force] == [
        (date(2026, 11, 2), date(2026, 11, 17)),
        (date(2026, 11, 18), date(2026, 11, 27)),
    ]
    assert line.tally.promised == 90 + 72 + 36 + 36 + 48
    assert line.tally.delivered == 75


def test_the_childs_breaks_come_from_the_calendar(child, iep, speech):
    SchoolBreak.objects.create(
        child=child, name="Thanksgiving", start=date(2026, 11, 23), end=date(2026, 11, 27)
    )
    ledger = child_ledger(
        child, today=date(2026, 12, 1), start=date(2026, 11, 23), end=date(2026, 11, 29)
    )
    assert ledger.line_for(speech).tally.promised == 0


def test_services_over_threshold_use_the_parents_threshold(child, iep, speech, ot):
    log(ot, date(2026, 9, 8), 30)
    log(ot, date(2026, 9, 15), 30)
    log(speech, date(2026, 9, 9), 30, "missed")  # a logged miss: speech is being tracked
    # 1 to 18 September: 13 school days (Labor Day is 7 September)
    today = date(2026, 9, 18)
    over = services_over_threshold(child, today)  # the default threshold: 60 minutes
    assert [line.service for line in over] == [speech]
    line = over[0]
    assert (line.start, line.end, line.threshold) == (date(2026, 9, 1), today, 60)
    assert (line.tally.promised, line.tally.delivered, line.tally.owed) == (156, 0, 156)

    settings = LedgerSettings.objects.create(child=child, owed_threshold_minutes=18)
    over = services_over_threshold(child, today)
    assert [line.service for line in over] == [speech, ot]
    assert over[1].tally.owed == 78 - 60

    settings.owed_threshold_minutes = 157
    settings.save()
    assert services_over_threshold(child, today) == []


def test_the_threshold_read_with_the_sessions_is_the_parents(child, iep, speech):
    today = date(2026, 9, 18)
    assert child_ledger(child, today=today).threshold == 60  # nothing logged: its own query
    log(speech, date(2026, 9, 9), 30, "missed")
    assert child_ledger(child, today=today).threshold == 60  # no settings: the default
    LedgerSettings.objects.create(child=child, owed_threshold_minutes=45)
    for each_session in (True, False):
        ledger = child_ledger(child, today=today, each_session=each_session)
        assert ledger.threshold == 45
        assert [line.threshold for line in ledger.lines] == [45, 45]
    assert child_ledger(child, today=date(2026, 9, 4)).threshold == 45  # before the session


def test_the_coachs_check_reads_only_what_it_can_ask_about(
    child, iep, speech, ot, django_assert_num_queries
):
    """The coach asks on every page: with nothing logged, no threshold and no calendar are
    read; with sessions, the threshold comes with them."""
    today = date(2026, 9, 18)
    with django_assert_num_queries(3):  # IEPs, services, sessions
        assert services_over_threshold(child, today) == []
    log(speech, date(2026, 9, 9), 30, "missed")
    with django_assert_num_queries(4):  # and the breaks, for the tally
        assert [line.service for line in services_over_threshold(child, today)] == [speech]


def test_the_rows_tally_as_each_session_would(child, iep, speech, ot):
    """The ledger tallies its rows counted by kind: the same figures, and the reasons in
    the same order, as a fact per session; a shortened session is measured against the
    length first logged when two lengths are as usual as each other."""
    log(ot, date(2026, 9, 8), 25)
    log(ot, date(2026, 9, 9), 30, "missed", "school_event")
    log(ot, date(2026, 9, 10), 20)
    log(ot, date(2026, 9, 14), 20)
    log(ot, date(2026, 9, 15), 25)
    log(ot, date(2026, 9, 16), 10, "shortened")  # against 25: first of the two usual ones
    log(ot, date(2026, 9, 17), 30, "missed", "provider_absent")
    log(ot, date(2026, 9, 21), 30, "missed", "school_event")
    log(ot, date(2026, 9, 22), 30, "missed", "child_absent")
    log(ot, date(2026, 9, 23), 15, "made_up")
    log(speech, date(2026, 9, 2), 30)
    ledger = child_ledger(child, today=date(2026, 9, 25))
    calendar = SchoolCalendar.for_child(child)
    for line in ledger.lines:
        each = tally(
            [f.promise for f in line.in_force],
            facts(line.sessions, line.service),
            calendar,
            ledger.start,
            ledger.end,
        )
        assert line.tally == each
        assert list(line.tally.missed_by_reason) == list(each.missed_by_reason)
    ot_tally = ledger.line_for(ot).tally
    assert list(ot_tally.missed_by_reason) == ["school_event", "provider_absent"]
    assert ot_tally.shortened == 15


def test_the_rows_carry_their_sessions_and_services(child, iep, speech, ot):
    logged = [log(ot, date(2026, 9, 2), 30), log(speech, date(2026, 9, 3), 30)]
    ledger = child_ledger(child, today=date(2026, 9, 4))
    rows = [row for line in ledger.lines for row in line.sessions]
    assert [(row.pk, row.id, row.service_id, row.service) for row in rows] == [
        (s.pk, s.pk, s.service_id, s.service) for s in reversed(logged)
    ]


def test_service_line_finds_a_service_for_the_letter(child, iep, ot):
    log(ot, date(2026, 9, 8), 20, "shortened")
    line = service_line(child, ot, today=date(2026, 9, 11))
    assert line.service == ot
    assert [s.minutes for s in line.sessions] == [20]
    assert (line.tally.promised, line.tally.owed) == (48, 28)  # 8 school days


def test_the_ledger_costs_the_same_queries_however_many_sessions(
    child, iep, speech, ot, django_assert_num_queries
):
    with django_assert_num_queries(5):  # IEPs, services, sessions, the threshold, breaks
        child_ledger(child, today=date(2026, 12, 18))
    log(speech, date(2026, 9, 2), 30)
    with django_assert_num_queries(4) as few:  # the threshold comes with the sessions
        child_ledger(child, today=date(2026, 12, 18))
    for day in range(1, 28):
        log(speech, date(2026, 10, day), 30)
        log(ot, date(2026, 10, day), 30, "missed", "child_absent")
    with django_assert_num_queries(len(few.captured_queries)):
        child_ledger(child, today=date(2026, 12, 18))


def test_a_service_with_nothing_logged_is_not_tracked_so_never_over(child, iep, speech):
    line = child_ledger(child, today=date(2026, 9, 18)).line_for(speech)
    assert line.tally.owed == 156  # shown on the ledger...
    assert services_over_threshold(child, date(2026, 9, 18)) == []  # ...but no alarm yet


def test_the_coachs_totals_tally_as_the_sessions_do(child, iep, speech, ot):
    """services_over_threshold counts sessions by kind instead of listing them: every line
    must tally exactly as the ledger's rows do, lengths, shortenings and absences included."""
    for day in (2, 9, 16, 23):
        log(speech, date(2026, 9, day), 30)
    log(speech, date(2026, 9, 3), 20, "shortened")
    log(speech, date(2026, 9, 10), 30, "missed", "provider_absent")
    log(speech, date(2026, 9, 17), 30, "missed", "child_absent")
    log(speech, date(2026, 9, 24), 30, "made_up")
    log(ot, date(2026, 9, 8), 25)
    log(ot, date(2026, 9, 15), 20)
    log(ot, date(2026, 9, 22), 20)
    log(ot, date(2026, 9, 29), 10, "shortened")  # measured against 20, the usual length
    log(ot, date(2026, 9, 30), 20, "missed")
    today = date(2026, 10, 2)
    by_rows = child_ledger(child, today=today)
    by_kind = child_ledger(child, today=today, each_session=False)
    assert [line.key for line in by_kind.lines] == [line.key for line in by_rows.lines]
    for rows, kinds in zip(by_rows.lines, by_kind.lines, strict=True):
        assert kinds.tally == rows.tally
        assert kinds.over_threshold == rows.over_threshold
        assert kinds.sessions == [] and sum(a.count for a in kinds.alike) == len(rows.sessions)
    assert by_rows.line_for(ot).tally.shortened == 10
    LedgerSettings.objects.create(child=child, owed_threshold_minutes=1)
    over = services_over_threshold(child, today)
    assert [line.key for line in over] == [line.key for line in by_rows.lines if line.sessions]
