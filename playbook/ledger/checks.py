"""Quality checks on an IEP, as small named rules.

Each rule looks at one part of the IEP and returns a ``Finding`` for every item that falls
short: what is missing, why it matters, and a concern the parent can raise (title and
details, in the parent's voice). The rules read the text the parent entered, so they are
prompts to look closer, not verdicts.

Given the IEP before it, the checks also say what the new IEP cut or carried over (issue
16, from compare.Comparison.findings): less of the day in general education, a goal
carried over with the same baseline, services cut or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from playbook.children.counting import add_months, add_years
from playbook.children.deadline_rules import resolve
from playbook.children.models import IEP, Per

from . import compare

MEASURABLE_GOALS = "34 CFR § 300.320(a)(2)"
HOW_MEASURED = "34 CFR § 300.320(a)(3)(i)"
SERVICES_AND_AIDS = "34 CFR § 300.320(a)(4)"
FREQUENCY_AND_DURATION = "34 CFR § 300.320(a)(4), (a)(7)"
PRESENT_LEVELS = "34 CFR § 300.320(a)(1)"
PROGRESS_REPORTS = "34 CFR § 300.320(a)(3)(ii)"
TRANSITION = "34 CFR § 300.320(b)"
# Words of postsecondary goals and transition services, in the goals, the services or the
# placement the parent entered or the import read (decision 0121).
_TRANSITION = re.compile(
    r"\bpost-?secondary\b|\btransition(al)?\s+(plan|services?|goals?|assessment)|\bafter\s+"
    r"(high\s+school|graduation)\b|\bemployment\b|\bcareer\b|\bcollege\b|\bvocational\b"
    r"|\bindependent\s+living\b|\bjob\s+(skills|training|shadow\w*)\b|\bwork[- ]based\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    rule: str
    item: str  # the goal, service or accommodation as written ("" for the IEP as a whole)
    missing: str
    why: str
    concern_title: str
    concern_details: str
    citation: str
    # What is missing and why it matters in the reader's language, for the pages and the
    # API (issue 19); ``missing`` and ``why`` stay English for the binder and the coach.
    # Empty: the same as English.
    shown_missing: str = field(default="", compare=False)
    shown_why: str = field(default="", compare=False)

    @property
    def missing_shown(self) -> str:
        return self.shown_missing or self.missing

    @property
    def why_shown(self) -> str:
        return self.shown_why or self.why

    def concern_url(self, child_id) -> str:
        query = urlencode({"title": self.concern_title, "details": self.concern_details})
        return reverse("concern_new", args=[child_id]) + f"?{query}"

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "item": self.item,
            "missing": self.missing_shown,
            "why": self.why_shown,
            "concern": {"title": self.concern_title, "details": self.concern_details},
            "citation": self.citation,
        }


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Dates and school years are numbers that measure nothing: "by June 2027", "3/15/2027".
_DATES = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(19|20)\d{2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = r"(one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_CRITERION = re.compile(
    r"\d+(\.\d+)?\s*(%|percent)"
    rf"|\b{_NUMBER_WORDS}\s+(out\s+of|of|in)\s+{_NUMBER_WORDS}\b"
    r"|\b\d+\s*/\s*\d+\b"
    rf"|\b{_NUMBER_WORDS}\s+(consecutive\s+)?(times|trials|opportunities|sessions|days|weeks|probes|occasions|attempts|instances|prompts|minutes|words|correct|errors|steps|sentences|paragraphs|problems|items)\b"
    r"|\b\d+\b",
    re.IGNORECASE,
)
_BASELINE = re.compile(
    r"\bbaseline\b|\bcurrently\b|\bpresent(ly)? level|\bat present\b|\bright now\b"
    r"|\bfrom\s+(a\s+)?\d+(\.\d+)?\s*(%|percent)?.{0,40}?\bto\b|\bis able to\b|\bcan now\b",
    re.IGNORECASE,
)
_MEASURE = re.compile(
    r"\bmeasured\s+(by|with|through|using)\b|\bdata\s+(collection|sheet|tracking|chart)|\bprobes?\b"
    r"|\bwork\s+samples?\b|\bobserv(ation|ed|er)\b|\bcheck ?lists?\b|\brubrics?\b|\brunning\s+records?\b"
    r"|\bcurriculum[- ]based\b|\bcbm\b|\bassessments?\b|\btally\b|\bfrequency\s+counts?\b"
    r"|\bteacher[- ]made\s+tests?\b|\bgraph(ed|s)?\b|\bcharted\b|\bportfolio\b|\bscreener\b"
    r"|\bquiz(zes)?\b|\btests?\b|\bdibels\b|\bbehavior\s+logs?\b|\blogs?\b",
    re.IGNORECASE,
)
VAGUE_PHRASES = (
    "as needed",
    "when needed",
    "if needed",
    "as necessary",
    "when necessary",
    "if necessary",
    "as appropriate",
    "when appropriate",
    "if appropriate",
    "at teacher discretion",
    "at the teacher's discretion",
    "at teacher's discretion",
    "teacher discretion",
    "as requested",
    "upon request",
    "when possible",
    "as possible",
    "as available",
    "may be provided",
    "as deemed",
)


def _finding(
    rule: str,
    item: str,
    missing: str,
    why: str,
    title: str,
    details: str,
    citation: str,
    words: dict | None = None,
    shown_words: dict | None = None,
) -> Finding:
    """A finding whose ``missing`` and ``why`` are English messages (marked with
    gettext_noop) filled with ``words``; the page's copy of them is in the active language,
    filled with ``shown_words`` (the same words unless given)."""
    words = words or {}
    shown_words = words if shown_words is None else shown_words
    return Finding(
        rule,
        item,
        missing % words if words else missing,
        why % words if words else why,
        title,
        details,
        citation,
        gettext(missing) % shown_words if shown_words else gettext(missing),
        gettext(why) % shown_words if shown_words else gettext(why),
    )


def goal_has_baseline(iep: IEP) -> Iterable[Finding]:
    for goal in iep.goals.all():
        if not _BASELINE.search(goal.text):
            yield _finding(
                "goal_has_baseline",
                goal.text,
                gettext_noop("No baseline: the goal does not say where your child starts."),
                gettext_noop(
                    "Without a starting point nobody can tell whether the goal was met or how "
                    "much progress was made."
                ),
                f"Add a baseline to the goal: {_short(goal.text)}",
                f'The goal "{goal.text}" does not state my child\'s current level. Please add a '
                "baseline from recent data so that progress can be measured against it.",
                PRESENT_LEVELS,
            )


def goal_is_measurable(iep: IEP) -> Iterable[Finding]:
    for goal in iep.goals.all():
        if not _CRITERION.search(_DATES.sub(" ", goal.text)):
            yield _finding(
                "goal_is_measurable",
                goal.text,
                gettext_noop(
                    "No measurable criterion: no number, percentage, frequency or "
                    '"x out of y" says when the goal is met.'
                ),
                gettext_noop(
                    "A goal without a criterion can be called met or unmet by opinion alone."
                ),
                f"Make the goal measurable: {_short(goal.text)}",
                f'The goal "{goal.text}" has no measurable criterion. Please state how well and '
                'how often my child must do this for the goal to be met (for example "in 4 out '
                'of 5 trials" or "with 80% accuracy").',
                MEASURABLE_GOALS,
            )


def goal_says_how_measured(iep: IEP) -> Iterable[Finding]:
    for goal in iep.goals.all():
        if not _MEASURE.search(goal.text):
            yield _finding(
                "goal_says_how_measured",
                goal.text,
                gettext_noop(
                    "No way of measuring: the goal does not say how progress will be checked "
                    "(data collection, probes, work samples, observation...)."
                ),
                gettext_noop(
                    "If nobody collects data, the progress report will rest on impressions."
                ),
                f"Say how progress will be measured: {_short(goal.text)}",
                f'The goal "{goal.text}" does not say how progress will be measured. Please '
                "state the method (for example weekly probes, work samples or observation "
                "with a data sheet), who collects the data and how often.",
                HOW_MEASURED,
            )


def service_has_frequency_and_minutes(iep: IEP) -> Iterable[Finding]:
    for service in iep.services.all():
        no_minutes, no_period = not service.minutes, service.per not in Per.values
        if no_minutes and no_period:
            missing = gettext_noop(
                "The service has no minutes and no how often (per day, week or month)."
            )
        elif no_minutes:
            missing = gettext_noop("The service has no minutes.")
        else:
            missing = gettext_noop("The service has no how often (per day, week or month).")
        if no_minutes or no_period:
            yield _finding(
                "service_has_frequency_and_minutes",
                service.service,
                missing,
                gettext_noop(
                    "Without minutes and a frequency, nobody can tell whether the service is "
                    "being delivered, and missed sessions cannot be counted."
                ),
                f"State the minutes and frequency of {service.service}",
                f'The service "{service.service}" does not state how many minutes and how '
                "often it is provided. Please write both into the IEP.",
                FREQUENCY_AND_DURATION,
            )


def accommodation_is_enforceable(iep: IEP) -> Iterable[Finding]:
    for accommodation in iep.accommodations.all():
        text = " ".join(accommodation.text.casefold().replace("’", "'").split())
        vague = next((p for p in VAGUE_PHRASES if p in text), None)
        if vague:
            yield _finding(
                "accommodation_is_enforceable",
                accommodation.text,
                gettext_noop(
                    'Too vague to enforce: "%(vague)s" leaves it to someone\'s judgement each day.'
                ),
                gettext_noop(
                    "An accommodation given only when someone decides it is needed can quietly "
                    "stop being given."
                ),
                f"Make the accommodation specific: {_short(accommodation.text)}",
                f'The accommodation "{accommodation.text}" says "{vague}". Please state when '
                "and how it is provided, and who decides, so that it is given consistently.",
                SERVICES_AND_AIDS,
                {"vague": vague},
            )


def progress_reporting_is_stated(iep: IEP) -> Iterable[Finding]:
    if not iep.progress_reporting.strip():
        yield _finding(
            "progress_reporting_is_stated",
            "",
            gettext_noop(
                "No progress-reporting terms: the IEP does not say when you will get reports "
                "on the goals."
            ),
            gettext_noop(
                "The IEP must say when periodic reports on progress toward the goals are given "
                "(for example quarterly, with report cards)."
            ),
            "State when progress reports will be sent",
            "The IEP does not say when I will receive reports on my child's progress toward "
            "the annual goals. Please add how often the reports will be sent (for example "
            "every quarter, with report cards).",
            PROGRESS_REPORTS,
        )


def transition_is_planned(iep: IEP) -> Iterable[Finding]:
    """The IEP in effect when the child reaches the transition age (16 under IDEA, younger in
    some states' rules) must hold postsecondary goals and the transition services to reach
    them (34 CFR § 300.320(b)); nothing in this one reads like either (decision 0121)."""
    child = iep.child
    if child.birth_date is None:
        return
    resolved = resolve("transition_plan", child.state)
    if not resolved.rule.computable:  # an unverified state age is never applied as a fact
        resolved = resolve("transition_plan", "")
    rule = resolved.rule
    if rule.unit == "months":
        reaches = add_months(child.birth_date, rule.amount)
        age = _age_words_en(rule.amount)
    else:
        reaches, age = add_years(child.birth_date, rule.amount), str(rule.amount)
    if reaches > iep.end_date:
        return
    texts = [g.text for g in iep.goals.all()] + [s.service for s in iep.services.all()]
    if any(_TRANSITION.search(text) for text in [*texts, iep.placement]):
        return
    yield _finding(
        "transition_is_planned",
        "",
        gettext_noop(
            "No transition plan: %(name)s reaches %(age)s while this IEP is in effect, and "
            "no goal or service reads like a postsecondary goal or a transition service."
        ),
        gettext_noop(
            "From the IEP in effect at that age, the IEP must set measurable goals for life "
            "after high school (training or education, work, and where needed independent "
            "living) and the transition services to reach them."
        ),
        "Add postsecondary goals and transition services",
        f"{child.first_name} reaches {age} while this IEP is in effect, and I do not see "
        "postsecondary goals or transition services in it. Please add measurable goals for "
        "after high school, based on age-appropriate transition assessments, and the "
        "transition services (including courses of study) that will help reach them, and "
        f"invite {child.first_name} to the meeting where they are discussed.",
        rule.citation if not resolved.fallback else TRANSITION,
        {"name": child.first_name, "age": age},
    )


def _age_words_en(months: int) -> str:
    years, rest = divmod(months, 12)
    return f"{years}½" if rest == 6 else f"{years} years and {rest} months"


RULES: tuple[Callable[[IEP], Iterable[Finding]], ...] = (
    goal_has_baseline,
    goal_is_measurable,
    goal_says_how_measured,
    service_has_frequency_and_minutes,
    accommodation_is_enforceable,
    progress_reporting_is_stated,
    transition_is_planned,
)


# Year-over-year findings (compare.Finding.rule) -> (what is missing, why it matters, the
# concern's title and details in the parent's voice); {item} and {what} are filled in.
_YEAR_OVER_YEAR = {
    "less_general_education": (
        gettext_noop("Less time in general education than last year."),
        "{what}",
        "Ask why my child spends less of the day in general education",
        "{what} Please explain in writing why my child cannot be educated in the regular "
        "class for that time with supplementary aids and services, and what was considered.",
    ),
    "goal_carried_over": (
        gettext_noop("A goal carried over with the same baseline."),
        gettext_noop(
            "The same goal and the same starting point as last year suggest the goal was not "
            "met and the IEP was not revised to address it."
        ),
        "Ask about the goal carried over: {short}",
        'The goal "{item}" is in this IEP word for word with the same baseline as last '
        "year's. Please share the progress data for last year and revise the goal, and the "
        "services behind it, so that my child can make progress.",
    ),
    "service_dropped": (
        gettext_noop("A service was dropped."),
        gettext_noop(
            "{what} A service cut without a reason in writing can go unnoticed until the "
            "minutes are gone."
        ),
        "Ask why {item} was dropped",
        "{what} Please give me prior written notice explaining why, and the data the "
        "decision was based on.",
    ),
    "service_minutes_cut": (
        gettext_noop("A service was cut."),
        "{what}",
        "Ask why {item} was cut",
        "{what} Please give me prior written notice explaining why, and the data the "
        "decision was based on.",
    ),
    "service_sessions_cut": (
        gettext_noop("A service is given less often."),
        gettext_noop("{what} Fewer, longer sessions are not always the same help."),
        "Ask why {item} is given less often",
        "{what} Please give me prior written notice explaining why, and the data the "
        "decision was based on.",
    ),
}


def year_over_year(iep: IEP, previous: IEP) -> list[Finding]:
    """What ``iep`` cut or carried over from ``previous`` that a parent should raise."""
    found = []
    comparison = compare.compare_ieps(previous, iep)
    # The same findings in the same order, in English and in the reader's language.
    for change, shown in zip(comparison.findings, comparison.shown_findings, strict=True):
        if change.rule not in _YEAR_OVER_YEAR:
            continue  # more time in general education, or an informational change
        texts = _YEAR_OVER_YEAR[change.rule]
        missing, why, title, details = (
            text.format(item=change.item, what=change.what, short=_short(change.item))
            for text in texts
        )
        shown_why = gettext(texts[1]) if texts[1] != "{what}" else "{what}"
        found.append(
            Finding(
                change.rule,
                change.item,
                missing,
                why,
                title,
                details,
                change.citation,
                gettext(texts[0]),
                shown_why.format(what=shown.what),
            )
        )
    return found


def check_iep(iep: IEP, previous: IEP | None = None) -> list[Finding]:
    """Every finding of every rule, in rule order, then, given the IEP before it, what
    this one cut or carried over. Prefetch services, goals and accommodations to run with
    no queries."""
    found = [finding for rule in RULES for finding in rule(iep)]
    if previous is not None:
        found += year_over_year(iep, previous)
    return found


def previous_iep(ieps: list[IEP], iep: IEP) -> IEP | None:
    """The latest IEP that started before ``iep``, if any."""
    earlier = [i for i in ieps if i.pk != iep.pk and i.start_date < iep.start_date]
    return max(earlier, key=lambda i: (i.start_date, i.created_at), default=None)
