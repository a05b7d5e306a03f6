"""The words a letter's form shows that the kinds declare in Python: their parameters'
labels, hints and choices, and the next step a sent letter offers (``follow_on``). The kinds
keep them as plain English (the API and the English letters read them); they are listed
here, marked for the catalogue, so the letter pages can show them in the reader's language
(``forms.shown``, ``{% translate %}``). tests/i18n/test_meetings_pages.py fails when a kind
adds or changes one of these words without its entry here."""

from __future__ import annotations

from django.utils.translation import gettext_noop

PARAM_WORDS = [
    gettext_noop("The concern"),
    gettext_noop("What you are asking for"),
    gettext_noop("Leave empty to use what you wrote on the concern."),
    gettext_noop("Addressed to"),
    gettext_noop(
        "Who the letter goes to. Leave empty for the usual person (often the case manager)."
    ),
    gettext_noop("Copy to"),
    gettext_noop("How you will send it"),
    gettext_noop("The letter says how it was sent. Leave empty for email."),
    gettext_noop("Sent by email"),
    gettext_noop("Delivered by hand"),
    gettext_noop("Sent by certified mail, return receipt requested"),
    gettext_noop("Sent through the school's parent portal"),
    gettext_noop("The service"),
    gettext_noop("From"),
    gettext_noop("The first day of the period."),
    gettext_noop("To"),
    gettext_noop("The last day of the period."),
    gettext_noop("What it is about"),
    gettext_noop("Services (minutes, therapies, aides)"),
    gettext_noop("Placement (class, program, school)"),
    gettext_noop("Evaluation and reevaluation"),
    gettext_noop("Discipline"),
    gettext_noop("Scheduling"),
    gettext_noop("Staffing and substitutes"),
    gettext_noop("Safety"),
    gettext_noop("Something else"),
    gettext_noop("Who to bring in"),
    gettext_noop("Leave empty for the next person up the chain of command for this topic."),
    gettext_noop("How to bring them in"),
    gettext_noop("Copy them on an email to the team"),
    gettext_noop("Write to them directly"),
    gettext_noop("Call their office (a note asking them to call you back)"),
    gettext_noop("Invite them to the next IEP meeting"),
    gettext_noop("The request that is stuck"),
    gettext_noop("Optional. We list its history: dates, names and answers."),
    gettext_noop("Also copy"),
    gettext_noop("Whom you contacted"),
    gettext_noop("What it was about"),
    gettext_noop("No particular topic"),
    gettext_noop("The latest removal"),
    gettext_noop("choose the latest removal."),
    gettext_noop("The ask with no reply"),
    gettext_noop("The goal"),
    gettext_noop("choose the goal you are asking about."),
    gettext_noop("Date of the school's evaluation"),
    gettext_noop("The date on the evaluation report you disagree with."),
    gettext_noop("Who did the evaluation"),
    gettext_noop(
        "The evaluator's name and role, as on the report (for example “Jordan Lee, school psychologist”)."
    ),
    gettext_noop("Which evaluation you disagree with"),
    gettext_noop("The kind of evaluation the report is; the independent one is of the same kind."),
    gettext_noop("Not named (the evaluation as a whole)"),
    gettext_noop("psychoeducational evaluation"),
    gettext_noop("speech-language evaluation"),
    gettext_noop("occupational therapy (OT) evaluation"),
    gettext_noop("physical therapy (PT) evaluation"),
    gettext_noop("functional behavioral assessment (FBA)"),
    gettext_noop("assistive technology evaluation"),
    gettext_noop("Areas you want evaluated"),
    gettext_noop("Optional, one per line (for example reading, speech and language)."),
    gettext_noop("The meeting"),
    gettext_noop("Optional: the meeting coming up."),
    gettext_noop("Your language"),
    gettext_noop("For example: Spanish."),
    gettext_noop("say which language you need the interpreter for."),
    gettext_noop("The call or conversation"),
    gettext_noop("What was discussed and agreed"),
    gettext_noop("One point per line. Leave empty to use your notes from the log."),
    gettext_noop("School days to send corrections"),
    gettext_noop("Your concerns for the agenda"),
    gettext_noop("Tick the concerns you want the meeting to discuss."),
    gettext_noop("Three days you can meet"),
    gettext_noop("Three different days after today. The times are optional."),
    gettext_noop("give three dates when you can meet (a date for each, and times if you like)."),
    gettext_noop("The trial to review"),
    gettext_noop("Only when you are asking for the review meeting at the end of a trial."),
    gettext_noop("What your child does well"),
    gettext_noop("One strength per line: what your child is good at, enjoys, or has learned."),
    gettext_noop("Concerns to include"),
    gettext_noop("Leave all unticked to include every open concern."),
    gettext_noop("The meeting it is for"),
    gettext_noop("The refusal"),
    gettext_noop(
        "Choose one of these three: a refusal you logged, one of your asks, or a new IEP that gives less than the one before."
    ),
    gettext_noop("Or the ask"),
    gettext_noop("Or the new IEP"),
    gettext_noop("The meeting you need them before"),
    gettext_noop(
        "Optional. The records must be available before any IEP meeting, hearing or resolution session."
    ),
    gettext_noop("The removal"),
    gettext_noop("choose the removal you want in writing."),
    gettext_noop("say which language you need the documents in."),
    gettext_noop("Which documents"),
    gettext_noop("Leave empty to ask for all three: the IEP, prior written notices, evaluations."),
    gettext_noop("The IEP"),
    gettext_noop("Prior written notices"),
    gettext_noop("Evaluation reports"),
    gettext_noop("The trial"),
]

FOLLOW_ON_WORDS = [
    gettext_noop("Now tell the team, kindly"),
    gettext_noop(
        "A short note to the team saying whom you contacted and why keeps the relationship good."
    ),
    gettext_noop("Write the courtesy note"),
    gettext_noop("Next: ask for a meeting about it"),
    gettext_noop(
        "You can ask for an IEP meeting at any time. The concern becomes the agenda; you add "
        "other worries and three days you can come."
    ),
    gettext_noop("Request a meeting"),
]

# How a letter was sent (Delivery's labels stay English: the letters and the trail say them),
# and what sending refuses.
DELIVERY_WORDS = [
    gettext_noop("Email"),
    gettext_noop("Hand delivered"),
    gettext_noop("Certified mail"),
    gettext_noop("The school's parent portal"),
    gettext_noop("Give the tracking number from the certified mail receipt."),
    gettext_noop("Keep the tracking number to 60 characters."),
]

# What a kind's check says when the inputs don't fit (a ParamError with a fixed message;
# one built with the parent's dates or names stays English for now). The API gives them
# after the parameter's name ("from: is in the future; ..."), the form beside the field.
PROBLEM_WORDS = [
    gettext_noop("is in the future; choose a period that has happened."),
    gettext_noop("is in the future; the period can end today at the latest."),
    gettext_noop("is before the start of the period; swap the two dates."),
    gettext_noop(
        "there is nobody higher on your team list for this topic. Add the next person up (for "
        "example the director of special services) on the team page, or choose someone here."
    ),
    gettext_noop("is in the future; give the date of an evaluation that has been done."),
    gettext_noop("is required: name who did the evaluation."),
    gettext_noop("this meeting was held or cancelled; choose one still to come."),
    gettext_noop("choose either a meeting or a logged call or conversation (one of the two)."),
    gettext_noop("this meeting has no date yet; add its date first."),
    gettext_noop(
        "the first window is too soon for the school to answer before it. Offer days at least "
        "two school days from today."
    ),
    gettext_noop("choose at least one concern for the agenda."),
    gettext_noop(
        "the school already showed you a written policy for this refusal. Read it closely; to "
        "get the refusal and its reasons in writing, ask for prior written notice instead."
    ),
    gettext_noop(
        "you were already told there is no such written policy. Renew your original request "
        "on its merits instead."
    ),
    gettext_noop("choose what the notice is about: a refusal, an ask, or a new IEP."),
    gettext_noop("this meeting was cancelled; choose another or none."),
    gettext_noop(
        "this meeting is not in the future; choose an upcoming meeting or leave it empty."
    ),
]

# The kinds of trail entry a letter can be about (trail.Kind's labels stay English), as the
# options name them: "Phone call, 27 nov 2025: ...".
ENTRY_KIND_WORDS = [
    gettext_noop("Phone call"),
    gettext_noop("Note or conversation"),
    gettext_noop("Meeting"),
]
