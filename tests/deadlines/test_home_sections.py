"""The sections the child home includes: "Coming up" and "This month's plan"."""

from datetime import date

from django.template.loader import render_to_string

from playbook.advocacy.models import Ask
from playbook.deadlines.engine import upcoming
from playbook.meetings.models import Meeting
from playbook.plan.schedule import open_now

TODAY = date(2026, 11, 28)


def test_coming_up_section_lists_deadlines_and_meetings(child):
    Ask.objects.create(
        child=child,
        subject="OT evaluation",
        asked_on=date(2026, 11, 2),
        reply_due=date(2026, 11, 20),
    )
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=date(2026, 12, 10))
    html = render_to_string(
        "deadlines/_coming_up.html", {"child": child, "coming_up": upcoming(child, TODAY)}
    )
    assert "Reply due: OT evaluation" in html
    assert "overdue by 8 days" in html
    assert "IEP meeting" in html and "in 12 days" in html


def test_this_month_section_renders_tick_buttons(child):
    html = render_to_string(
        "plan/_this_month.html",
        {
            "child": child,
            "plan_items": open_now(child, TODAY),
            "plan_more": 2,
            "month": "2026-11",
            "can_write": True,
        },
    )
    assert "Review the behavior and discipline record" in html
    # Behind a summary that counts every open item, the two the home leaves out too.
    assert f"{len(open_now(child, TODAY)) + 2} things still to do</summary>" in html
    assert f"/children/{child.pk}/plan/tick/" in html
