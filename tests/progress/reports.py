"""Progress reports in five layouts, as schools send them, with the goals they report on.
The facts are invented. Each ``*_PAGE`` is the page, for drawing it another way (as a
fillable form filled in: tests/progress/test_reading.py)."""

from __future__ import annotations

from tests.iep_import.pdfs import Table, make_pdf

GOALS = [
    "Given a grade-level passage, Sam will read 90 words correct per minute.",
    "Sam will solve two-step word problems with 80% accuracy.",
    "Sam will start a conversation with a peer in 4 of 5 opportunities.",
]
BASELINES = ["50 words correct per minute", "30% accuracy", "1 of 5 opportunities"]

# 1. Labelled blocks: goal, then "Progress Code" and "Data".
LABELLED_PAGE: list = [
    "Progress Report on Annual Goals",
    "Report Date: 01/29/2027",
    "Goal 1: Given a grade-level passage, Sam will read 90 words correct per minute.",
    "Progress Code: SP - Sufficient Progress",
    "Data: 58 words correct per minute on a grade-level probe.",
    "Goal 2: Sam will solve two-step word problems with 80% accuracy.",
    "Progress Code: IP - Insufficient Progress",
    "Data: 35% accuracy on 10 problems.",
]
LABELLED = make_pdf(LABELLED_PAGE)
# 2. A table: goal, data and progress in columns.
TABLE_PAGE: list = [
    "Quarterly IEP Progress Report",
    "Reporting Period Ending: 11/13/2026",
    Table(
        [
            ["Goal", "Data", "Progress"],
            ["Goal 1", "62 wcpm", "Making progress"],
            ["Goal 2", "40%", "Emerging"],
            ["Goal 3", "2/5 opportunities", "Making progress"],
        ],
        [120, 160, 160],
    ),
]
TABLE = make_pdf(TABLE_PAGE)
# 3. One line per period under each goal, each with its date.
PERIODS_PAGE: list = [
    "Annual Goal Progress",
    "Date of Report: 06/10/2027",
    "Annual Goal 1: Sam will read 90 words correct per minute.",
    "Q1 11/13/2026: 55 words correct per minute - making progress",
    "Q2 01/29/2027: 57 words correct per minute - making progress",
    "Annual Goal 3: Sam will start a conversation with a peer in 4 of 5 opportunities.",
    "Q1 11/13/2026: 1 of 5 opportunities - emerging",
    "Q2 01/29/2027: not introduced",
]
PERIODS = make_pdf(PERIODS_PAGE)
# 4. Narrative: words and no number.
NARRATIVE_PAGE: list = [
    "Student Progress Report",
    "Progress Report Date: March 31, 2027",
    "Goal 2: Sam will solve two-step word problems with 80% accuracy.",
    "Comments: Sam is progressing toward this goal and works hard in class.",
]
NARRATIVE = make_pdf(NARRATIVE_PAGE)
# 5. A legend of codes, then each goal with its code and a score.
CODES_PAGE: list = [
    "IEP Goal Progress Report",
    "Progress codes: M = Mastered, SP = Sufficient Progress, IP = Insufficient Progress,",
    "NI = Not Introduced",
    "Marking Period Ending: 04/15/2027",
    "Goal #3 Sam will start a conversation with a peer in 4 of 5 opportunities.",
    "Progress: M 5/5 opportunities observed",
    "Goal #1 Sam will read 90 words correct per minute.",
    "Progress: NI",
]
CODES = make_pdf(CODES_PAGE)
