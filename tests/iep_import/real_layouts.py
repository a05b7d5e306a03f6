"""Four layouts of real IEPs the import once misread (issue 16), with the facts a parent
should get back. Built from the public forms' labels and layouts, filled with invented
facts; the sources are in corpora/ieps/SOURCES.md."""

from __future__ import annotations

from .pdfs import Placed, Table, make_pdf

# Pennsylvania's statewide annotated IEP form: a bracketed phrase between a label and its
# colon, and the end date given as the "Anticipated Duration of Services and Programs".
PENNSYLVANIA = make_pdf(
    [
        "INDIVIDUALIZED EDUCATION PROGRAM (IEP)",
        "Student's Name: Jordan Lee    DOB: 03/04/2015",
        "IEP Team Meeting Date (mm/dd/yy): 09/15/26",
        "IEP Implementation Date (Projected date when services and programs will begin): 09/22/26",
        "Anticipated Duration of Services and Programs: 09/14/27",
        "Date of Most Recent Evaluation/Reevaluation Report: 04/10/2026",
        "Anticipated Year of Graduation: 2033",
        "Local Education Agency (LEA): Harmony Area School District",
        "II. PRESENT LEVELS OF ACADEMIC ACHIEVEMENT AND FUNCTIONAL PERFORMANCE",
        "Parent concerns for enhancing the education of the student:",
        "Jordan's parents are worried that he reads well below grade level.",
        "IV. GOALS AND OBJECTIVES",
        "Annual Goal 1: Given a 4th grade passage, Jordan will read 100 words correct",
        "per minute by the end of the IEP.",
        "Baseline: 58 words correct per minute.",
    ],
)
PENNSYLVANIA_FACTS = {
    "meeting_date": "2026-09-15",
    "start_date": "2026-09-22",
    "end_date": "2027-09-14",
    "last_evaluation_date": "2026-04-10",
    "reevaluation_due": None,
}

# A Colorado form laid out as a grid: each label over its value in a cell of its own
# (names and dates side by side), and a column of labels whose values sit in form fields
# a few points above each label's line.
_GRID = [
    (54, 0, "Student Name", 8), (230, 0, "Date of Birth", 8), (400, 0, "IEP Meeting Date", 8),
    (54, 12, "Sam Rivera", 10), (230, 12, "03/04/2015", 10), (400, 12, "09/15/2026", 10),
]  # fmt: skip
_COLUMN = [
    (54, 30, "IEP Start Date:", 10), (54, 46, "Annual Review Date:", 10),
    (54, 62, "Date of Last Evaluation:", 10), (54, 78, "Triennial Due:", 10),
    (250, 26, "09/16/2026", 10), (250, 42, "09/14/2027", 10),
    (250, 58, "03/01/2024", 10), (250, 74, "03/01/2027", 10),
]  # fmt: skip
COLORADO = make_pdf(
    [
        "Colorado Individualized Education Program",
        Placed(_GRID + _COLUMN, 92),
        "Special Education Services",
        Table(
            [
                ["Service", "Minutes", "Frequency", "Location", "Provider"],
                ["Specialized instruction - reading", "45", "4x weekly", "Resource room", "SpEd"],
            ],
            [170, 60, 70, 100, 60],
        ),
    ],
)
COLORADO_FACTS = {
    "meeting_date": "2026-09-15",
    "start_date": "2026-09-16",
    "end_date": "2027-09-14",
    "last_evaluation_date": "2024-03-01",
    "reevaluation_due": "2027-03-01",
}

# A Massachusetts IEP for a preschooler: "IEP Dates: from ... to ...", goals with a focus
# and a current performance level, services by grid and 5-day cycle.
_MA_HEADER = ["Goal #", "Type of Service", "Personnel", "Frequency and Duration/Per Cycle",
              "Start Date", "End Date"]  # fmt: skip
MASSACHUSETTS_PRESCHOOL = make_pdf(
    [
        "Individualized Education Program",
        "School District Name: Northfield Public Schools",
        "IEP Dates: from 09/16/2026 to 09/15/2027",
        "Student Name: Ava Chen    DOB: 06/02/2022    Grade/Level: Preschool",
        "Parent and/or Student Concerns",
        "What concern(s) does the parent and/or student want to see addressed in this IEP?",
        "Ava's parents want her to use words to ask for help and to play beside other",
        "children.",
        "Student Strengths and Key Evaluation Results Summary",
        "Ava is curious and loves books.",
        "Current Performance Levels/Measurable Annual Goals",
        "Goal # 1    Specific Goal Focus: Expressive communication",
        "Current Performance Level: Ava uses 10 single words to request.",
        "Measurable Annual Goal: Ava will use two-word phrases to request help in 4 of 5",
        "opportunities.",
        "Benchmark/Objectives:",
        "1. Ava will use 20 single words to request in 4 of 5 opportunities.",
    ],
    [
        "Service Delivery",
        "School District Cycle: 5 day cycle",
        "B. Special Education and Related Services in General Education Classroom",
        Table(
            [
                _MA_HEADER,
                [
                    "1",
                    "Speech and language therapy",
                    "SLP",
                    "2 x 30 min / 5 day cycle",
                    "09/16/2026",
                    "09/15/2027",
                ],
            ],
            [40, 135, 55, 175, 52, 52],
        ),  # fmt: skip
        "C. Special Education and Related Services in Other Settings",
        Table(
            [
                _MA_HEADER,
                [
                    "1",
                    "Integrated preschool",
                    "ECSE",
                    "5 x 150 min / 5 day cycle",
                    "09/16/2026",
                    "09/15/2027",
                ],
            ],
            [40, 135, 55, 175, 52, 52],
        ),  # fmt: skip
    ],
)
MASSACHUSETTS_FACTS = {
    "meeting_date": None,
    "start_date": "2026-09-16",
    "end_date": "2027-09-15",
    "last_evaluation_date": None,
    "reevaluation_due": None,
}

# Services as a parent types them into a forum post: the same kind of service for each
# area, and a paraprofessional listed with the supplementary aids.
FORUM_SUMMARY = make_pdf(
    [
        "IEP summary - copied from the service page",
        "IEP Start Date: 09/03/2026    IEP End Date: 09/02/2027",
        "Special Education Services - Reading - 45 minutes 5 times per week - Resource room",
        "Special Education Services - Math - 30 minutes daily - General education classroom",
        "Special Education Services - Written Expression - 90 minutes per week - Resource room",
        "Speech-language therapy - 30 minutes 2 times per week",
        "Supplementary Aids and Services:",
        "Para \u2013 300 minutes daily",
        "Small group testing",
        "Accommodations:",
        "Extended time on tests",
        "Preferential seating",
        "Least Restrictive Environment",
        "Percent of time in general education: 74%",
    ],
)
