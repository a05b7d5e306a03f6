"""What changed between two IEPs: a pure function of the two (with their services, goals and
accommodations loaded; no queries when they were prefetched).

Services are matched by normalised name. When both versions state minutes per the same
period they are compared as written; otherwise both are converted to minutes per week
(per day x 5 school days; per month x 12 months / 52 weeks) and the result says so. Goals are matched word for word after normalising whitespace and case: a
goal repeated unchanged from one year to the next is a warning sign (the child may not have
made the progress the goal expected, or nobody revisited it). A reduction in services or a
dropped accommodation is a change the school must explain in writing before making it:
prior written notice, 34 CFR § 300.503.

Issue 16 adds what the richer IEP facts show (``findings``): less of the day in general
education (the placement's percentage, read as the IEP import reads it), a goal carried over
word for word with the same baseline, and services cut: fewer minutes, fewer sessions for
the same minutes, or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext, gettext_noop

from playbook.children.models import IEP
from playbook.iep_import.iep_details import general_education_percent

from . import labels
from .lines import amount_text, normalise_name, states_amount

PWN_CITATION = "34 CFR § 300.503"
# The IEP explains how much of the day the child is away from non-disabled peers, and a
# child is removed from the regular class only when aids and services cannot make it work.
LRE_CITATION = "34 CFR §§ 300.114, 300.320(a)(5)"
# Measurable annual goals, and the IEP revised to address a lack of expected progress.
GOAL_CITATION = "34 CFR §§ 300.320(a)(2), 300.324(b)(1)(ii)"
_PER_WEEK = {"day": Fraction(5), "week": Fraction(1), "month": Fraction(12, 52)}


def minutes_per_week(minutes: int, per: str) -> Fraction:
    """Per day x 5 school days; per month x 12 months / 52 weeks."""
    return minutes * _PER_WEEK[per]


def _text_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else round(float(value), 1)


@dataclass
class ServiceChange:
    service: str
    change: str  # added, removed, increased, decreased, unchanged, unclear
    from_minutes: int | float | None
    to_minutes: int | float | None
    per: str
    converted: bool = False  # both were converted to minutes per week
    from_text: str = ""  # as each IEP wrote it
    to_text: str = ""
    from_sessions: int | None = None  # sessions per period, when each IEP states them
    to_sessions: int | None = None
    # (minutes, per) as each IEP wrote them, for the text in the reader's language.
    from_amount: tuple = (None, "")
    to_amount: tuple = (None, "")

    @property
    def from_shown(self) -> str:
        """``from_text`` in the reader's language (issue 19)."""
        return labels.amount(*self.from_amount) if self.from_text else ""

    @property
    def to_shown(self) -> str:
        return labels.amount(*self.to_amount) if self.to_text else ""

    @property
    def fewer_sessions(self) -> bool:
        """As many minutes or more, but given less often (same period)."""
        return (
            self.change in ("unchanged", "increased")
            and not self.converted
            and self.from_sessions is not None
            and self.to_sessions is not None
            and self.to_sessions < self.from_sessions
        )

    def as_dict(self) -> dict:
        return {
            "service": self.service,
            "change": self.change,
            "from_minutes": self.from_minutes,
            "to_minutes": self.to_minutes,
            "per": self.per,
            "converted_to_per_week": self.converted,
            "from": self.from_text or None,
            "to": self.to_text or None,
            "from_sessions": self.from_sessions,
            "to_sessions": self.to_sessions,
            "fewer_sessions": self.fewer_sessions,
        }


@dataclass(frozen=True)
class Finding:
    """One year-over-year change worth raising, in plain words."""

    rule: str  # less_general_education, more_general_education, placement_changed,
    # goal_carried_over, goal_repeated, service_dropped, service_minutes_cut,
    # service_sessions_cut
    item: str  # the goal or service as written ("" for the placement)
    what: str
    citation: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "item": self.item, "what": self.what, "citation": self.citation}


@dataclass
class Comparison:
    a: IEP
    b: IEP
    services: list[ServiceChange] = field(default_factory=list)
    goals_added: list[str] = field(default_factory=list)
    goals_removed: list[str] = field(default_factory=list)
    goals_repeated: list[str] = field(default_factory=list)
    # Repeated word for word and with the same baseline: (text, baseline).
    goals_same_baseline: list[tuple[str, str]] = field(default_factory=list)
    accommodations_added: list[str] = field(default_factory=list)
    accommodations_removed: list[str] = field(default_factory=list)
    accommodations_kept: list[str] = field(default_factory=list)
    placement_from: str = ""
    placement_to: str = ""

    @property
    def placement_changed(self) -> bool:
        return _text_key(self.placement_from) != _text_key(self.placement_to)

    @property
    def general_education_from(self) -> int | None:
        return general_education_percent(self.placement_from) if self.placement_from else None

    @property
    def general_education_to(self) -> int | None:
        return general_education_percent(self.placement_to) if self.placement_to else None

    @property
    def findings(self) -> list[Finding]:
        """What the later IEP changed that a parent should ask about, in plain words. Always
        English: the checks' concerns and the letters read them."""
        return self._findings(gettext_noop)

    @property
    def shown_findings(self) -> list[Finding]:
        """The findings in the reader's language, for the pages and the API (issue 19)."""
        return self._findings(gettext)

    def _findings(self, _) -> list[Finding]:
        found: list[Finding] = []
        nothing = _("nothing stated")
        before, after = self.general_education_from, self.general_education_to
        # With both percentages, the same share of the day in other words is no change.
        if (before is None or after is None) and self.placement_changed and self.placement_from:
            found.append(
                Finding(
                    "placement_changed",
                    "",
                    _("The placement changed from %(before)s to %(after)s.")
                    % {"before": self.placement_from, "after": self.placement_to or nothing},
                    PWN_CITATION,
                )
            )
        if before is not None and after is not None and before != after:
            less = after < before
            found.append(
                Finding(
                    "less_general_education" if less else "more_general_education",
                    "",
                    (
                        _(
                            "Time in general education went down from %(before)s%% to "
                            "%(after)s%% of the school day. Your child is now away from "
                            "classmates without disabilities for more of the day: the IEP must "
                            "explain why, and the school must give you written notice of the "
                            "change."
                        )
                        if less
                        else _(
                            "Time in general education went up from %(before)s%% to "
                            "%(after)s%% of the school day."
                        )
                    )
                    % {"before": before, "after": after},
                    LRE_CITATION,
                )
            )
        same_baseline = {_text_key(text) for text, _ in self.goals_same_baseline}
        for text, baseline in self.goals_same_baseline:
            found.append(
                Finding(
                    "goal_carried_over",
                    text,
                    _(
                        'This goal was carried over word for word with the same baseline ("%('
                        'baseline)s"): a year later, the starting point has not moved. Ask what '
                        "the progress data showed and how the goal will be changed."
                    )
                    % {"baseline": baseline},
                    GOAL_CITATION,
                )
            )
        for text in self.goals_repeated:
            if _text_key(text) not in same_baseline:
                found.append(
                    Finding(
                        "goal_repeated",
                        text,
                        _(
                            "This goal was carried over word for word. Ask whether it was met "
                            "and why it was not updated."
                        ),
                        GOAL_CITATION,
                    )
                )
        english = _ is gettext_noop
        for change in self.services:
            words = {
                "service": change.service,
                "before": change.from_text if english else change.from_shown,
                "after": change.to_text if english else change.to_shown,
                "from_minutes": change.from_minutes,
                "to_minutes": change.to_minutes,
                "from_sessions": change.from_sessions,
                "to_sessions": change.to_sessions,
            }
            if change.change == "removed":
                what = _("%(service)s was dropped (it was %(before)s).") % words
                rule = "service_dropped"
            elif change.change == "decreased":
                what = _("%(service)s was cut from %(before)s to %(after)s.") % words
                if change.converted:
                    what += " " + (
                        _("That is %(from_minutes)s to %(to_minutes)s minutes a week.") % words
                    )
                rule = "service_minutes_cut"
            elif change.fewer_sessions:
                what = (
                    _per(
                        _,
                        change.per,
                        day=_(
                            "%(service)s is given less often: %(from_sessions)s sessions per day "
                            "before, %(to_sessions)s now."
                        ),
                        week=_(
                            "%(service)s is given less often: %(from_sessions)s sessions per week "
                            "before, %(to_sessions)s now."
                        ),
                        month=_(
                            "%(service)s is given less often: %(from_sessions)s sessions per month "
                            "before, %(to_sessions)s now."
                        ),
                    )
                    % words
                )
                rule = "service_sessions_cut"
            else:
                continue
            found.append(Finding(rule, change.service, what, PWN_CITATION))
        return found

    @property
    def reductions(self) -> list[ServiceChange]:
        return [s for s in self.services if s.change in ("removed", "decreased")]

    @property
    def prior_written_notice_reasons(self) -> list[str]:
        """Why to ask for prior written notice, in plain words; empty when nothing calls
        for it. Always English: the letters and the coach read them."""
        return self._pwn_reasons(gettext_noop)

    @property
    def shown_pwn_reasons(self) -> list[str]:
        """The same reasons in the reader's language, for the pages and the API (issue 19)."""
        return self._pwn_reasons(gettext)

    def _pwn_reasons(self, _) -> list[str]:
        reasons = []
        for change in self.reductions:
            words = {
                "service": change.service,
                "before": change.from_minutes,
                "after": change.to_minutes,
            }
            if change.change == "removed":
                reasons.append(_("%(service)s was removed.") % words)
            else:
                reasons.append(
                    _per(
                        _,
                        change.per,
                        day=_("%(service)s went from %(before)s to %(after)s minutes per day."),
                        week=_("%(service)s went from %(before)s to %(after)s minutes per week."),
                        month=_("%(service)s went from %(before)s to %(after)s minutes per month."),
                    )
                    % words
                )
        for change in self.services:
            if change.fewer_sessions:
                words = {
                    "service": change.service,
                    "before": change.from_sessions,
                    "after": change.to_sessions,
                }
                reasons.append(
                    _per(
                        _,
                        change.per,
                        day=_("%(service)s went from %(before)s to %(after)s sessions per day."),
                        week=_("%(service)s went from %(before)s to %(after)s sessions per week."),
                        month=_(
                            "%(service)s went from %(before)s to %(after)s sessions per month."
                        ),
                    )
                    % words
                )
        reasons += [
            _('The accommodation "%(text)s" was dropped.') % {"text": text}
            for text in self.accommodations_removed
        ]
        if self.placement_changed and self.placement_from:
            reasons.append(
                _("Placement changed from %(before)s to %(after)s.")
                % {
                    "before": self.placement_from,
                    "after": self.placement_to or _("nothing stated"),
                }
            )
        return reasons

    def as_dict(self) -> dict:
        """The API's answer: codes and the IEPs' own words as they are, the sentences for a
        person in the reader's language."""
        return {
            "a": str(self.a.pk),
            "b": str(self.b.pk),
            "services": [s.as_dict() for s in self.services],
            "goals": {
                "added": self.goals_added,
                "removed": self.goals_removed,
                "repeated": self.goals_repeated,
                "same_baseline": [text for text, _ in self.goals_same_baseline],
            },
            "accommodations": {
                "added": self.accommodations_added,
                "removed": self.accommodations_removed,
            },
            "placement": {
                "from": self.placement_from,
                "to": self.placement_to,
                "changed": self.placement_changed,
                "general_education_percent_from": self.general_education_from,
                "general_education_percent_to": self.general_education_to,
            },
            "findings": [f.as_dict() for f in self.shown_findings],
            "prior_written_notice": {
                "suggested": bool(self.prior_written_notice_reasons),
                "reasons": self.shown_pwn_reasons,
                "citation": PWN_CITATION,
            },
        }


def _per(_, per: str, *, day: str, week: str, month: str) -> str:
    """One of three sentences by the period ("per day", "per week", "per month"): a whole
    sentence each, so that each language words it as it needs. An unknown period keeps the
    English sentence's shape."""
    chosen = {"day": day, "week": week, "month": month}.get(per)
    return chosen if chosen is not None else week.replace("per week", f"per {per}")


def _compare_service(name: str, old, new) -> ServiceChange:
    if old is None:
        return ServiceChange(
            name,
            "added",
            None,
            new.minutes,
            new.per,
            to_text=amount_text(new),
            to_amount=(new.minutes, new.per),
        )
    if new is None:
        return ServiceChange(
            name,
            "removed",
            old.minutes,
            None,
            old.per,
            from_text=amount_text(old),
            from_amount=(old.minutes, old.per),
        )
    if not (states_amount(old) and states_amount(new)):
        # One version states no minutes or frequency: nothing to compare them by.
        return ServiceChange(
            name,
            "unclear",
            old.minutes or None,
            new.minutes or None,
            new.per or old.per,
            from_text=amount_text(old),
            to_text=amount_text(new),
            from_amount=(old.minutes, old.per),
            to_amount=(new.minutes, new.per),
        )
    if old.per == new.per:
        before, after, per, converted = Fraction(old.minutes), Fraction(new.minutes), old.per, False
    else:
        before = minutes_per_week(old.minutes, old.per)
        after = minutes_per_week(new.minutes, new.per)
        per, converted = "week", True
    change = "increased" if after > before else "decreased" if after < before else "unchanged"
    return ServiceChange(
        name,
        change,
        _number(before),
        _number(after),
        per,
        converted,
        amount_text(old),
        amount_text(new),
        old.sessions,
        new.sessions,
        (old.minutes, old.per),
        (new.minutes, new.per),
    )


def _by_key(items, text) -> dict[str, object]:
    keyed: dict[str, object] = {}
    for item in items:
        keyed.setdefault(text(item), item)
    return keyed


def compare_ieps(a: IEP, b: IEP) -> Comparison:
    """What changed from IEP ``a`` (the earlier) to IEP ``b`` (the later)."""
    result = Comparison(a, b, placement_from=a.placement, placement_to=b.placement)

    old_services = _by_key(a.services.all(), lambda s: normalise_name(s.service))
    new_services = _by_key(b.services.all(), lambda s: normalise_name(s.service))
    for key, new in new_services.items():
        result.services.append(_compare_service(new.service, old_services.get(key), new))
    for key, old in old_services.items():
        if key not in new_services:
            result.services.append(_compare_service(old.service, old, None))

    old_goals = _by_key(a.goals.all(), lambda g: _text_key(g.text))
    new_goals = _by_key(b.goals.all(), lambda g: _text_key(g.text))
    result.goals_added = [g.text for k, g in new_goals.items() if k not in old_goals]
    result.goals_removed = [g.text for k, g in old_goals.items() if k not in new_goals]
    result.goals_repeated = [g.text for k, g in new_goals.items() if k in old_goals]
    result.goals_same_baseline = [
        (g.text, g.baseline)
        for k, g in new_goals.items()
        if k in old_goals
        and g.baseline.strip()
        and _text_key(g.baseline) == _text_key(old_goals[k].baseline)
    ]

    old_acc = _by_key(a.accommodations.all(), lambda x: _text_key(x.text))
    new_acc = _by_key(b.accommodations.all(), lambda x: _text_key(x.text))
    result.accommodations_added = [x.text for k, x in new_acc.items() if k not in old_acc]
    result.accommodations_removed = [x.text for k, x in old_acc.items() if k not in new_acc]
    result.accommodations_kept = [x.text for k, x in new_acc.items() if k in old_acc]
    return result
