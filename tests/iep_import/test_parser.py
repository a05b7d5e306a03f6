"""Reading IEP PDFs of different layouts, and refusing files that are not readable IEPs."""

from __future__ import annotations

import pytest

from playbook.iep_import import iep_text
from playbook.iep_import import reading as iep_import
from playbook.iep_import.reading import ImportRefused, read_iep

from .pdfs import Scan, Table, make_pdf
from .samples import LAYOUTS, LUNCH_MENU, SCANNED, STATE_SYSTEM, TABLE_DISTRICT


def _contract(reading) -> dict:
    """The reading as the API answers it (docs/api.md), without the page flow's extras."""
    got = reading.as_dict()
    got["services"] = [
        {k: s[k] for k in ("service", "minutes", "per", "setting", "page")} for s in got["services"]
    ]
    got["goals"] = [{k: g[k] for k in ("text", "page")} for g in got["goals"]]
    for extra in (
        "unreadable_pages",
        "date_of_birth",
        "placement",
        "parent_concerns",
        "supplementary_aids",
    ):
        del got[extra]
    return got


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_gives_its_facts_with_pages(layout):
    pdf, expected = LAYOUTS[layout]
    assert _contract(read_iep(pdf)) == expected


def test_a_goal_keeps_its_area():
    (goal,) = read_iep(STATE_SYSTEM).goals
    assert goal["area"] == "Reading"


def test_table_services_keep_sessions_and_provider():
    services = read_iep(TABLE_DISTRICT).services
    assert services[0]["sessions"] == 2
    assert services[0]["provider_role"] == "SLP"


def test_a_scan_is_refused_plainly():
    with pytest.raises(ImportRefused) as refused:
        read_iep(SCANNED)
    assert refused.value.status == 422
    assert "scan with no text" in refused.value.message


def test_a_scanned_page_inside_a_text_pdf_is_named():
    pdf = make_pdf(["IEP Meeting Date: 09/15/2026", "Goal 1: Sam will read."], Scan())
    reading = read_iep(pdf)
    assert reading.unreadable_pages == [2]
    assert reading.facts["meeting_date"] == {"value": "2026-09-15", "page": 1}


def test_a_lunch_menu_is_not_an_iep():
    with pytest.raises(ImportRefused) as refused:
        read_iep(LUNCH_MENU)
    assert refused.value.status == 422
    assert "could not find any IEP facts" in refused.value.message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"Name,Date\nSam,2026-09-15\n", "not a PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a PDF"),
        (TABLE_DISTRICT[: len(TABLE_DISTRICT) // 3], "damaged"),
        (b"%PDF-1.7\n" + b"garbage " * 50, "damaged"),
    ],
)
def test_files_that_cannot_be_read_say_why(content, words):
    with pytest.raises(ImportRefused) as refused:
        read_iep(content)
    assert refused.value.status == 400
    assert words in refused.value.message


def test_a_password_locked_pdf_says_so():
    locked = make_pdf(["IEP Meeting Date: 09/15/2026"], password="school")
    with pytest.raises(ImportRefused) as refused:
        read_iep(locked)
    assert "password" in refused.value.message


def test_a_file_over_the_limit_is_refused_before_reading(settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(ImportRefused) as refused:
        read_iep(b"%PDF-1.4\n" + b"0" * (1024 * 1024))
    assert refused.value.status == 413
    assert "larger than 1 MB" in refused.value.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("09/15/2026", "2026-09-15"),
        ("9/15/26", "2026-09-15"),
        ("2026-09-15", "2026-09-15"),
        ("September 15, 2026", "2026-09-15"),
        ("Sept. 15, 2026", "2026-09-15"),
        ("15 September 2026", "2026-09-15"),
        ("Sep 15th, 2026", "2026-09-15"),
        ("09 / 15 / 2026", "2026-09-15"),  # typed into three boxes of a form
    ],
)
def test_date_formats(text, value):
    assert [d.value.isoformat() for d in iep_text.find_dates(f"Due {text}.")] == [value]


def test_impossible_dates_are_not_read():
    assert iep_text.find_dates("02/30/2026 and 13/01/2026") == []


def test_numbers_spaced_around_dashes_or_with_a_short_year_are_not_a_boxed_date():
    assert iep_text.find_dates("Grades 1 - 2 - 2026, sessions 1 / 2 / 26") == []


@pytest.mark.parametrize(
    ("text", "minutes", "per"),
    [
        ("2 sessions of 30 minutes per week in the therapy room", 60, "week"),
        ("30 min/week", 30, "week"),
        ("60 minutes weekly", 60, "week"),
        ("2x30 min per week", 60, "week"),
        ("30 min x 2 weekly", 60, "week"),
        ("30 x 2 per week", 60, "week"),
        ("3 \u00d7 20 minutes a week", 60, "week"),
        ("120 minutes per month", 120, "month"),
        ("120 minutes per month in 4 sessions", 120, "month"),
        ("30 minutes, 3 times a week", 90, "week"),
        ("twice weekly for 20 minutes", 40, "week"),
        ("1.5 hours daily", 90, "day"),
        ("45 minutes per school day", 45, "day"),
        ("30 minutes every other week", 30, None),
        ("30 minutes per year", 30, None),
    ],
)
def test_amounts_are_minutes_in_all_per_period(text, minutes, per):
    amount = iep_text.parse_amount(text)
    assert (amount.minutes, amount.per) == (minutes, per)


def test_a_new_districts_label_is_a_data_change(tmp_path, monkeypatch):
    pdf = make_pdf(["ARD Committee Meeting: 04/12/2027", "Goal 1: Sam will read."])
    assert read_iep(pdf).facts["meeting_date"] is None

    layouts = iep_text.LAYOUTS_FILE.read_text().replace(
        "meeting_date = [\n", 'meeting_date = [\n  "ARD committee meeting",\n'
    )
    custom = tmp_path / "layouts.toml"
    custom.write_text(layouts)
    monkeypatch.setattr(iep_text, "LAYOUTS_FILE", custom)
    iep_import.reload_layouts()
    try:
        assert read_iep(pdf).facts["meeting_date"] == {"value": "2027-04-12", "page": 1}
    finally:
        monkeypatch.undo()
        iep_import.reload_layouts()


def test_a_parser_failure_is_a_message_not_an_error_page(monkeypatch, caplog):
    def broken(pages):
        raise ValueError("invalid literal for int(): 'Sam Rivera'")

    monkeypatch.setattr(iep_import, "parse_pages", broken)
    with pytest.raises(ImportRefused) as refused:
        read_iep(TABLE_DISTRICT)
    assert refused.value.status == 422
    assert "Enter the facts by hand" in refused.value.message
    assert "ValueError" in caplog.text
    assert "Sam" not in caplog.text  # the log never carries what the IEP says


def test_a_label_far_from_a_date_is_not_its_date():
    pdf = make_pdf(
        [
            "Meeting type: Annual Review    Held with parent on 09/15/2026",
            "Annual Review Due: 09/14/2027",
            "Goal 1: Sam will read.",
        ]
    )
    facts = read_iep(pdf).facts
    assert facts["end_date"] == {"value": "2027-09-14", "page": 1}


def test_a_scan_with_the_scanners_stamp_is_still_a_scan():
    with pytest.raises(ImportRefused) as refused:
        read_iep(make_pdf(Scan(stamp="Scanned with OfficeScan 2026-09-20"), numbered=False))
    assert "scan with no text" in refused.value.message


def test_goals_in_a_table_and_services_without_a_colon():
    pdf = make_pdf(
        [
            "IEP Start Date: 01/04/2027   IEP End Date: 01/03/2028",
            "Services",
            "Speech therapy 30 minutes weekly in the speech room",
            "Sam was absent 3 days in December.",
            Table(
                [
                    ["Area", "Measurable Annual Goal"],
                    ["Math", "Sam will add fractions with like denominators, 80% accuracy."],
                    ["Behavior", "Sam will ask for a break using a card in 4 of 5 chances."],
                ],
                [80, 380],
            ),
            Table([["Annual Goal 3", "Sam will tie his shoes on his own."]], [100, 360]),
        ]
    )
    reading = read_iep(pdf)
    assert [g["text"] for g in reading.goals] == [
        "Sam will add fractions with like denominators, 80% accuracy.",
        "Sam will ask for a break using a card in 4 of 5 chances.",
        "Sam will tie his shoes on his own.",
    ]
    assert [(s["service"], s["minutes"], s["per"], s["setting"]) for s in reading.services] == [
        ("Speech therapy", 30, "week", "speech room")
    ]


@pytest.mark.parametrize("label", ["Re-evaluation Due", "Reevaluation Due", "Re-Evaluation due"])
def test_reevaluation_is_one_word_however_hyphenated(label):
    pdf = make_pdf([f"{label}: 05/01/2029", "Goal 1: Sam will read."])
    assert read_iep(pdf).facts["reevaluation_due"] == {"value": "2029-05-01", "page": 1}


def test_accommodations_in_a_table_without_a_header():
    pdf = make_pdf(
        [
            "IEP Start Date: 01/04/2027   IEP End Date: 01/03/2028",
            "Classroom Accommodations",
            Table(
                [["Graphic organizers", "Writing tasks"], ["Fidget tool", "As needed"]], [200, 200]
            ),
            "Placement",
        ]
    )
    assert [a["text"] for a in read_iep(pdf).accommodations] == [
        "Graphic organizers",
        "Fidget tool",
    ]


@pytest.mark.parametrize(
    ("line", "fact", "value"),
    [
        ("Projected Date of Annual Review: 9/14/2027", "end_date", "2027-09-14"),
        ("Date IEP Ends: 9/14/2027", "end_date", "2027-09-14"),
        ("Date of Conference: 9/15/2026", "meeting_date", "2026-09-15"),
        ("Anticipated Date of Re-evaluation: 9/1/2028", "reevaluation_due", "2028-09-01"),
        (
            "Date of most recent eligibility determination: 9/1/2025",
            "last_evaluation_date",
            "2025-09-01",
        ),
        ("IEP Implementation Date: 9/16/2026", "start_date", "2026-09-16"),
    ],
)
def test_more_wordings_of_the_dates(line, fact, value):
    facts = read_iep(make_pdf([line])).facts
    assert facts[fact] == {"value": value, "page": 1}
    assert [name for name, found in facts.items() if found] == [fact]


def test_goals_under_their_own_unnumbered_headings():
    pdf = make_pdf(
        [
            "IEP Start Date: 01/04/2027   IEP End Date: 01/03/2028",
            "Measurable Annual Goal",
            "Sam will read a grade-level passage aloud at 100 words",
            "per minute.",
            "Short-term objectives",
            "1. 70 words per minute by March.",
            "Measurable Annual Goal",
            "Sam will write a paragraph with an opening sentence.",
            "Benchmarks",
            "1. Two sentences by March.",
        ]
    )
    assert [g["text"] for g in read_iep(pdf).goals] == [
        "Sam will read a grade-level passage aloud at 100 words per minute.",
        "Sam will write a paragraph with an opening sentence.",
    ]


def test_a_heading_over_a_sentence_with_a_date_is_not_a_row_of_labels():
    pdf = make_pdf(
        [
            "Annual Review",
            "We will look at progress again at a meeting on 06/01/2027.",
            "Goal 1: Sam will read.",
        ]
    )
    assert read_iep(pdf).facts["end_date"] is None
