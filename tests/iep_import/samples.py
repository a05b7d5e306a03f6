"""Five IEPs as five districts lay them out, each with the facts a parent should get
back, and files that are not IEPs at all."""

from __future__ import annotations

from .pdfs import Scan, Table, make_pdf


def fact(value: str, page: int) -> dict:
    return {"value": value, "page": page}


def service(name, minutes, per, setting, page, **extra) -> dict:
    return {
        "service": name,
        "minutes": minutes,
        "per": per,
        "setting": setting,
        "page": page,
    } | extra


# 1. Labelled fields, a services table, numbered goals with baselines, bulleted accommodations.
TABLE_DISTRICT = make_pdf(
    [
        "Springfield Public Schools",
        "Individualized Education Program",
        "Student: Sam Rivera    Grade: 5    School: Lincoln Elementary",
        "IEP Meeting Date: 09/15/2026    IEP Start Date: 9/16/26",
        "Annual Review Date: September 14, 2027",
        "Date of Last Evaluation: 2025-10-02",
        "Triennial Due: Oct. 1, 2028",
        "Special Education Services",
        Table(
            [
                ["Service", "Minutes", "Frequency", "Location", "Provider"],
                ["Speech-language therapy", "30", "2x weekly", "Therapy room", "SLP"],
                ["Occupational therapy", "30", "weekly", "Classroom", "OT"],
            ],
            [150, 60, 80, 110, 60],
        ),
        "Annual Goal 1: Given a grade-level text, Sam will read 90 words",
        "per minute with 95% accuracy by June 2027.",
        "Baseline: 62 words per minute in September 2026.",
    ],
    [
        "Annual Goal 2: Sam will write a five-sentence paragraph",
        "with a topic sentence in 4 of 5 trials.",
        "Accommodations",
        "\u2022 Extended time (1.5x) on tests",
        "\u2022 Preferential seating near the teacher",
        "\u2022 Use of a calculator for",
        "  multi-step problems",
        "Placement: general education classroom with supports",
    ],
    header="Sam Rivera - IEP - Confidential",
)
TABLE_DISTRICT_EXPECTED = {
    "facts": {
        "meeting_date": fact("2026-09-15", 1),
        "start_date": fact("2026-09-16", 1),
        "end_date": fact("2027-09-14", 1),
        "last_evaluation_date": fact("2025-10-02", 1),
        "reevaluation_due": fact("2028-10-01", 1),
    },
    "services": [
        service("Speech-language therapy", 60, "week", "Therapy room", 1),
        service("Occupational therapy", 30, "week", "Classroom", 1),
    ],
    "goals": [
        {
            "text": "Given a grade-level text, Sam will read 90 words per minute with 95% "
            "accuracy by June 2027.",
            "page": 1,
        },
        {
            "text": "Sam will write a five-sentence paragraph with a topic sentence in 4 of 5 "
            "trials.",
            "page": 2,
        },
    ],
    "accommodations": [
        {"text": "Extended time (1.5x) on tests", "page": 2},
        {"text": "Preferential seating near the teacher", "page": 2},
        {"text": "Use of a calculator for multi-step problems", "page": 2},
    ],
    "missing": [],
}

# 2. Services written as sentences, a date range, day-first and abbreviated dates, goals as
# a numbered list under a heading, supplementary aids as a numbered list.
PROSE_DISTRICT = make_pdf(
    [
        "Riverside Unified - Individualized Education Program",
        "Date of Meeting: 15 September 2026",
        "IEP Duration: 2026-09-16 to 2027-09-15",
        "Eligibility Date: Sept. 3, 2024",
        "3-Year Reevaluation: 09/03/2027",
        "Special Education and Related Services",
        "Speech-language therapy: 2 sessions of 30 minutes per week in the therapy room",
        "Occupational therapy: 30 min/week in the classroom",
        "Counseling: 120 minutes per month in the counseling office",
        "Specialized academic instruction: 60 minutes daily in the resource room",
        "Measurable Annual Goals",
        "1. By September 2027, Sam will decode multisyllabic words with 90% accuracy.",
        "2. By September 2027, Sam will use a self-regulation strategy when",
        "frustrated in 4 of 5 observed opportunities.",
        "Supplementary Aids and Services",
        "1. Visual schedule posted at the desk",
        "2. Breaks on request, up to 5 minutes",
        "Least Restrictive Environment",
        "Sam spends 80% of the day in general education.",
    ],
)
PROSE_DISTRICT_EXPECTED = {
    "facts": {
        "meeting_date": fact("2026-09-15", 1),
        "start_date": fact("2026-09-16", 1),
        "end_date": fact("2027-09-15", 1),
        "last_evaluation_date": fact("2024-09-03", 1),
        "reevaluation_due": fact("2027-09-03", 1),
    },
    "services": [
        service("Speech-language therapy", 60, "week", "therapy room", 1),
        service("Occupational therapy", 30, "week", "classroom", 1),
        service("Counseling", 120, "month", "counseling office", 1),
        service("Specialized academic instruction", 60, "day", "resource room", 1),
    ],
    "goals": [
        {
            "text": "By September 2027, Sam will decode multisyllabic words with 90% accuracy.",
            "page": 1,
        },
        {
            "text": "By September 2027, Sam will use a self-regulation strategy when frustrated "
            "in 4 of 5 observed opportunities.",
            "page": 1,
        },
    ],
    # Listed under "Supplementary Aids and Services": supports, kept apart (issue 16).
    "accommodations": [],
    "missing": ["accommodations"],
}
PROSE_DISTRICT_AIDS = [
    {"text": "Visual schedule posted at the desk", "page": 1},
    {"text": "Breaks on request, up to 5 minutes", "page": 1},
]

# 3. A row of labels over a row of dates, a services table with its columns in another
# order and other words that runs onto the next page, a goal split over two pages, and an
# accommodations table.
GRID_DISTRICT = make_pdf(
    [
        "Lakeview School District",
        "IEP Summary",
        "Meeting Date           Start Date           End Date",
        "03/02/2027             03/03/2027           03/01/2028",
        "Most Recent Evaluation: 1/20/2027    Next Triennial: 1/19/2030",
        "Services Summary",
        Table(
            [
                ["Location", "Service Type", "Frequency", "Duration", "Provided By"],
                [
                    "Resource room",
                    "Reading instruction",
                    "5 times per week",
                    "45 min",
                    "Sp. ed. teacher",
                ],
                ["Therapy room", "Speech therapy", "1 x weekly", "30 minutes", "SLP"],
            ],
            [100, 130, 110, 80, 100],
        ),
        "Goal #1: Sam will answer literal comprehension questions about a",
        "second-grade passage with 80% accuracy.",
        "Goal #2: Sam will initiate a conversation with a peer during",
        "unstructured time on 3 occasions per week,",
    ],
    [
        "as measured by staff observation logs.",
        Table(
            [
                ["Counseling office", "Counseling", "2 times per month", "30 min", "Psychologist"],
                ["Gym", "Adapted physical education", "1x weekly", "40", "APE teacher"],
            ],
            [100, 130, 110, 80, 100],
        ),
        Table(
            [
                ["Accommodation", "Setting", "Frequency"],
                ["Text-to-speech for tests", "All classes", "Daily"],
                ["Check-in with case manager", "Homeroom", "Daily"],
            ],
            [200, 120, 120],
        ),
        "Signatures",
        "Parent ______________________",
    ],
    header="Lakeview School District - Student: Sam Rivera - CONFIDENTIAL",
)
GRID_DISTRICT_EXPECTED = {
    "facts": {
        "meeting_date": fact("2027-03-02", 1),
        "start_date": fact("2027-03-03", 1),
        "end_date": fact("2028-03-01", 1),
        "last_evaluation_date": fact("2027-01-20", 1),
        "reevaluation_due": fact("2030-01-19", 1),
    },
    "services": [
        service("Reading instruction", 225, "week", "Resource room", 1),
        service("Speech therapy", 30, "week", "Therapy room", 1),
        service("Counseling", 60, "month", "Counseling office", 2),
        service("Adapted physical education", 40, "week", "Gym", 2),
    ],
    "goals": [
        {
            "text": "Sam will answer literal comprehension questions about a second-grade "
            "passage with 80% accuracy.",
            "page": 1,
        },
        {
            "text": "Sam will initiate a conversation with a peer during unstructured time on 3 "
            "occasions per week, as measured by staff observation logs.",
            "page": 1,
        },
    ],
    "accommodations": [
        {"text": "Text-to-speech for tests", "page": 2},
        {"text": "Check-in with case manager", "page": 2},
    ],
    "missing": [],
}

# 4. Few facts: no evaluation dates and no accommodations; totals per week in a table.
SPARSE_DISTRICT = make_pdf(
    [
        "Hillcrest Charter - Annual IEP",
        "IEP Date: March 2, 2027",
        "Initiation Date: 3/3/27",
        "Projected Annual Review: 3/1/28",
        Table(
            [
                ["Services", "Minutes per week", "Frequency", "Setting"],
                ["Specialized academic instruction", "150", "3 sessions", "Resource room"],
                ["Speech-language therapy", "60", "2 sessions", "Speech room"],
            ],
            [180, 100, 80, 120],
        ),
        "Goal 1: Sam will solve two-step word problems with 75% accuracy.",
        "Goal 2: Sam will produce /r/ in conversation with 80% accuracy.",
    ],
)
SPARSE_DISTRICT_EXPECTED = {
    "facts": {
        "meeting_date": fact("2027-03-02", 1),
        "start_date": fact("2027-03-03", 1),
        "end_date": fact("2028-03-01", 1),
        "last_evaluation_date": None,
        "reevaluation_due": None,
    },
    "services": [
        service("Specialized academic instruction", 150, "week", "Resource room", 1),
        service("Speech-language therapy", 60, "week", "Speech room", 1),
    ],
    "goals": [
        {"text": "Sam will solve two-step word problems with 75% accuracy.", "page": 1},
        {"text": "Sam will produce /r/ in conversation with 80% accuracy.", "page": 1},
    ],
    "accommodations": [],
    "missing": ["last_evaluation_date", "reevaluation_due", "accommodations"],
}

# 5. Other labels again, "2x30 min" and "60 minutes weekly" in sentences, an unnumbered
# goal, accommodations on one line, facts spread over three pages.
PORTAL_DISTRICT = make_pdf(
    [
        "Student Information",
        "Date of IEP Meeting: Sep 3rd, 2026",
        "Effective Date: 09/08/2026",
        "Expiration Date: 09/02/2027",
    ],
    [
        "Present Levels of Performance",
        "Sam reads at a second-grade level.",
        "Goal Area: Writing",
        "Annual Goal: Sam will write a paragraph of five sentences using a graphic",
        "organizer, in 4 of 5 samples.",
        "How progress will be measured: work samples",
        "Accommodations: Extended time; Read aloud of directions; Breaks as needed",
    ],
    [
        "Services",
        "Writing support - 2x30 min per week in the general education classroom",
        "Social skills group - 60 minutes weekly at the counseling office",
        "Most Recent Evaluation: 2024-05-10",
        "Next Reevaluation Due: 2027-05-10",
    ],
)
PORTAL_DISTRICT_EXPECTED = {
    "facts": {
        "meeting_date": fact("2026-09-03", 1),
        "start_date": fact("2026-09-08", 1),
        "end_date": fact("2027-09-02", 1),
        "last_evaluation_date": fact("2024-05-10", 3),
        "reevaluation_due": fact("2027-05-10", 3),
    },
    "services": [
        service("Writing support", 60, "week", "general education classroom", 3),
        service("Social skills group", 60, "week", "counseling office", 3),
    ],
    "goals": [
        {
            "text": "Sam will write a paragraph of five sentences using a graphic organizer, "
            "in 4 of 5 samples.",
            "page": 2,
        },
    ],
    "accommodations": [
        {"text": "Extended time", "page": 2},
        {"text": "Read aloud of directions", "page": 2},
        {"text": "Breaks as needed", "page": 2},
    ],
    "missing": [],
}

# 6. A state system's offer of services: a total-minutes column, start and end columns that
# are the services' own dates, the header repeated on the next page, goal areas.
SERVICES_HEADER = ["Service", "Start", "End", "Location", "Frequency", "Duration", "Total Min"]
WIDTHS = [150, 58, 58, 70, 55, 55, 50]
STATE_SYSTEM = make_pdf(
    [
        "Offer of FAPE - Services",
        "Date of Meeting: 10/01/2026",
        "IEP Begin Date: 10/02/2026",
        Table(
            [
                SERVICES_HEADER,
                ["Language and Speech", "10/02/26", "10/01/27", "Separate", "Weekly", "30 x 2", "60"],
                ["Specialized Academic Instr.", "10/02/26", "10/01/27", "Resource", "Daily", "45", "45"],
            ],
            WIDTHS,
        ),
        "Annual Goal #1 (Reading): Sam will summarize a grade-level passage",
        "in three sentences, in 4 of 5 trials.",
    ],
    [
        "Offer of FAPE - Services (continued)",
        Table(
            [
                SERVICES_HEADER,
                ["Occupational Therapy", "10/02/26", "10/01/27", "Classroom", "Monthly", "30", "120"],
            ],
            WIDTHS,
        ),
        "Next Annual Review: 10/01/2027",
    ],
)  # fmt: skip
STATE_SYSTEM_EXPECTED = {
    "facts": {
        "meeting_date": fact("2026-10-01", 1),
        "start_date": fact("2026-10-02", 1),
        "end_date": fact("2027-10-01", 2),
        "last_evaluation_date": None,
        "reevaluation_due": None,
    },
    "services": [
        service("Language and Speech", 60, "week", "Separate", 1),
        service("Specialized Academic Instr.", 45, "day", "Resource", 1),
        service("Occupational Therapy", 120, "month", "Classroom", 2),
    ],
    "goals": [
        {
            "text": "Sam will summarize a grade-level passage in three sentences, in 4 of 5 "
            "trials.",
            "page": 1,
        },
    ],
    "accommodations": [],
    "missing": ["last_evaluation_date", "reevaluation_due", "accommodations"],
}

LAYOUTS = {
    "table": (TABLE_DISTRICT, TABLE_DISTRICT_EXPECTED),
    "prose": (PROSE_DISTRICT, PROSE_DISTRICT_EXPECTED),
    "grid": (GRID_DISTRICT, GRID_DISTRICT_EXPECTED),
    "sparse": (SPARSE_DISTRICT, SPARSE_DISTRICT_EXPECTED),
    "portal": (PORTAL_DISTRICT, PORTAL_DISTRICT_EXPECTED),
    "state_system": (STATE_SYSTEM, STATE_SYSTEM_EXPECTED),
}

SCANNED = make_pdf(Scan(), Scan())
LUNCH_MENU = make_pdf(
    [
        "Lincoln Elementary Lunch Menu - September 2026",
        "Monday 9/14: Pizza, green beans, apple slices",
        "Tuesday 9/15: Tacos, corn, orange",
        "Wednesday 9/16: Pasta with meat sauce, salad",
        "Lunch is served from 11:30 to 12:15. Milk is $0.50.",
    ],
)
