"""Writes ``variants.csv``: sentences written for this project (not quoted from anyone), in the
ways schools say no and in the ways they say other things that only sound like a no.

Every row's source says so ("variant written for IEP Playbook"). The templates are crossed
with a few fillers and sampled with a fixed seed, so running this again gives the same file:

    python playbook/school_language/corpus/variants.py
"""

from __future__ import annotations

import csv
import random
from itertools import product
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = "variant written for IEP Playbook (issue 14)"

THINGS = [
    "a one-to-one aide",
    "Orton-Gillingham",
    "speech therapy twice a week",
    "an OT evaluation",
    "extended school year",
    "a full evaluation",
    "assistive technology",
    "a reading specialist",
    "counseling services",
    "a behavior plan",
    "social skills group",
    "a smaller class",
    "Wilson Reading",
    "a scribe",
    "more pull-out minutes",
]
CHILD = ["Sam", "Maya", "your son", "your daughter", "him", "her", "Leo", "Ava"]
SPEAKERS = [
    "the principal",
    "the case manager",
    "the special ed director",
    "his teacher",
    "the school psychologist",
    "the assistant principal",
    "Mrs. Lopez",
    "the speech therapist",
    "the coordinator",
    "the district",
]
REPORTING = ["told me", "said", "says", "explained that", "wrote that", "insisted", "informed us"]
PERIODS = [
    "after the next report card",
    "until after the holidays",
    "until the spring",
    "after winter break",
    "next year",
    "until third grade",
    "for another six weeks",
    "until the end of the quarter",
]

REFUSALS: dict[str, list[str]] = {
    "resources": [
        "I was told there was no one available to provide {thing}.",
        "The district said it could not find a provider for {thing}.",
        "According to the principal, there is no room in the budget for {thing}.",
        "They told us the class was full and there was no spot for {child}.",
        "We don't have the staff for {thing}.",
        "Our caseloads are full, so {thing} isn't possible right now.",
        "There's no money in the budget for {thing} this year.",
        "We simply don't have the funding to provide {thing}.",
        "With the shortage of therapists, we can't add {thing}.",
        "Budgets are really tight this year and {thing} is just not something we can afford.",
        "The district can't find anyone qualified to do {thing}.",
        "We don't have a trained person in the building for {thing}.",
        "There isn't enough time in the day for {thing}.",
        "Our speech therapist already has sixty students, so we can't add more minutes.",
        "Unfortunately, with current staffing levels, {thing} is off the table.",
        "The program is at capacity and there are no openings for {child}.",
        "We would need another para for that and we don't have one.",
        "The cost of {thing} is more than the school can cover.",
        "Until we hire another specialist, {thing} can't happen.",
        "We just don't have the resources for {thing}.",
    ],
    "rule": [
        "They said the school just doesn't do {thing}.",
        "I was told that only students in the autism program get {thing}.",
        "The district refused, saying {thing} is not something it offers.",
        "The team declined our request because the school never provides {thing}.",
        "We don't do {thing} at this school.",
        "That's not our policy.",
        "Nobody here gets {thing}.",
        "We only offer {thing} in the autism program.",
        "It's not something this school does.",
        "All of our kids with IEPs get the same thirty minutes.",
        "We don't use {thing} in this district.",
        "That's not how we do things here.",
        "Students at his level always go to the resource room.",
        "The district doesn't allow {thing} for students on a 504.",
        "We never give {thing} in middle school.",
        "Every student in that class gets the same accommodations.",
        "Our practice is to phase out {thing} after fifth grade.",
        "We have never provided {thing} to a student like {child}.",
        "That's just not done in this building.",
        "We don't offer {thing} here.",
        "{thing} is only for students in the self-contained class.",
        "Our schools don't do dyslexia programs.",
    ],
    "myth": [
        "I was told {child} is too bright to qualify.",
        "They said {child} doesn't need {thing} because the grades are fine.",
        "The team said {child} was making progress, so {thing} would stop.",
        "According to the school, {child} cannot have a disability with those grades.",
        "{child} is passing all classes, so there's no need for {thing}.",
        "Since {child} has good grades, {child} wouldn't qualify for an IEP.",
        "She's too smart to have a learning disability.",
        "His report card shows progress, so nothing more is needed.",
        "{child} is making progress on the goals, so we don't see a need for {thing}.",
        "Good grades mean there is no disability affecting education.",
        "He's just immature; he'll grow out of it.",
        "Her test scores are average, so she doesn't qualify.",
        "We don't see any problems in the classroom, so an evaluation isn't warranted.",
        "ADHD alone doesn't make a child eligible for special education.",
        "He is doing fine academically, so he doesn't need {thing}.",
        "Because {child} is on grade level, {child} isn't eligible.",
        "Kids with high IQs can't have dyslexia.",
        "She's a behavior problem, not a special education student.",
        "{child} would become too dependent on {thing}.",
        "He's just lazy; he could do the work if he tried.",
    ],
    "delay": [
        "I was told they won't evaluate until {child} is in third grade.",
        "The school keeps saying we should wait and see.",
        "They said it's too early to test {child}.",
        "Each time I ask, they say we'll look at it {period}.",
        "Let's wait and see how {child} does {period}.",
        "We'd rather not evaluate {period}.",
        "Let's revisit {thing} {period}.",
        "We don't test for dyslexia until third grade.",
        "Let's see how the next few weeks go before we talk about {thing}.",
        "It's too early to consider {thing}.",
        "We need to try more interventions first before we evaluate.",
        "{child} has to go through RTI first before we can evaluate.",
        "Not until she's older.",
        "We'll hold off on {thing} {period}.",
        "Give it some time; {child} is still adjusting.",
        "We can look at that at the annual review in May.",
        "He needs to fail a little longer before he'll qualify.",
        "We'll put the evaluation on hold {period}.",
        "Let's give the new teacher a chance before we change anything.",
    ],
    "legal": [
        "They told me parents can't ask for {thing}.",
        "I was told the IEP can't name a specific program.",
        "The district said it is not required to consider our private evaluation.",
        "They said if I disagree I can take them to due process.",
        "Parents can't request {thing}; only the team can.",
        "We can't put {thing} in the IEP.",
        "Methodology is never written into an IEP.",
        "If you don't like it, take us to due process.",
        "You can file for due process if you want, but the answer is still no.",
        "The law doesn't require us to provide {thing}.",
        "You can't consent to only part of the IEP.",
        "We are not required to consider an outside evaluation.",
        "You're not allowed to record the meeting.",
        "IDEA says we only have to provide a basic floor of opportunity.",
        "We're not obligated to provide the best program, just an appropriate one.",
        "Private evaluations don't count for eligibility here.",
        "Federal law doesn't let us write specific programs into the IEP.",
        "The school isn't legally responsible for {thing} outside school hours.",
        "You have to sign the IEP today or the services can't start.",
    ],
    "convenience": [
        "They said it wouldn't be fair to the other kids.",
        "I was told the teachers don't have time to do that for one child.",
        "It wouldn't be fair to the other students if {child} got {thing}.",
        "That's too much work for the teacher.",
        "The other kids would notice and want it too.",
        "Modifying every assignment is too much for the staff.",
        "We can't rearrange the whole schedule for one student.",
        "It would disrupt the class to have {thing} in the room.",
        "The teachers don't have time to fill out a daily log.",
        "Giving {child} {thing} would be unfair to everyone else.",
        "It's easier for everyone if {child} stays in the resource room.",
        "We can't make an exception for one child.",
        "The bus schedule can't be changed just for {child}.",
        "Other parents would complain if we did that for {child}.",
    ],
    "deflection": [
        "The teacher said it wasn't her decision.",
        "I was told to take it up with the district office.",
        "The principal said the director decides and he can't help.",
        "That's not up to me.",
        "That's a district decision, not a school one.",
        "You'll have to take that up with the special ed office.",
        "I don't make those decisions.",
        "That's above my pay grade.",
        "It's the director's call, not mine.",
        "The district decides that, so there's nothing I can do.",
        "You'd have to ask the board about {thing}.",
        "That's out of my hands.",
        "The psychologist decides who gets tested, not me.",
        "Insurance should cover {thing}, not the school.",
        "You should get {thing} privately through your doctor.",
        "That's the county's responsibility, not ours.",
    ],
}

NOT_REFUSALS: dict[str, list[str]] = {
    "logistics": [
        "I'm not able to attend Thursday's meeting.",
        "We won't be able to use the library on the 14th.",
        "I can't make it at 3:00, could we do 3:30 instead.",
        "The bus won't run on Monday because of the holiday.",
        "{speaker} is out sick today, so the meeting moves to Friday.",
        "I won't be at school on Wednesday.",
        "There is no school on the 22nd.",
        "Unfortunately, the room isn't available that afternoon.",
        "The copier is broken so I can't print the draft until tomorrow.",
        "We can't meet before 8 because the building is locked.",
        "I'm not in the office on Fridays.",
        "The portal won't let me upload the file, so I'm attaching it here.",
        "{child} won't have speech on Tuesday because of the field trip.",
        "Sorry, I can't do mornings this week.",
        "The gym is closed for testing, so PE will be outside.",
        "We don't have school next Monday.",
        "Picture day has been moved to the 9th.",
        "I'm unable to call before noon.",
        "Please sign and return the form by Friday.",
        "Conferences are on Tuesday and Thursday evenings.",
    ],
    "agreement": [
        "Yes, we can add {thing} starting next week.",
        "We agree that {child} needs {thing}.",
        "The team approved {thing}.",
        "We'll start the evaluation as soon as we get your consent.",
        "That sounds reasonable, let's put {thing} in the IEP.",
        "We can definitely try {thing}.",
        "I've asked the district to fund {thing} and they said yes.",
        "We'd be glad to set up {thing} for {child}.",
        "I'll send the consent form for {thing} today.",
        "We will provide prior written notice with the team's decision.",
        "Good news: {thing} has been approved.",
        "The principal agreed to schedule a meeting.",
        "We will add {thing} to the draft.",
        "The budget covers {thing} this year.",
        "Of course, you are welcome to record the meeting.",
    ],
    "information": [
        "{child} did a great job in reading group today.",
        "Attached is the progress report for the second quarter.",
        "{child} had a hard morning but settled down after recess.",
        "The evaluation report will be ready by the 20th.",
        "{child} scored 85 on the spelling test.",
        "Here is the schedule for {thing}.",
        "{speaker} will be the new case manager.",
        "Our records show {child} missed two sessions last month.",
        "She didn't finish her math homework.",
        "{child} doesn't like loud noises at lunch.",
        "He wasn't in class on Monday.",
        "The IEP meeting notes are attached.",
        "Thank you for coming in yesterday.",
        "The new session of {thing} starts after spring break.",
        "He's been working hard on his writing goals.",
        "No, he didn't get hurt; it was just a scrape.",
        "There were no behavior incidents this week.",
        "I don't have the data in front of me, but I'll send it tomorrow.",
        "We don't have his new schedule yet; I'll forward it when it's out.",
        "The district policy on field trips is on the website.",
    ],
    "narrative": [
        "The district sent the consent form for the evaluation the same week.",
        "{speaker} met with us to go over the evaluation results.",
        "After the meeting, the team added {thing} to the IEP.",
        "The school agreed to start {thing} in January and sent a schedule.",
        "The IEP team reviewed the data and decided to increase {thing}.",
        "The district responded within ten days and scheduled the evaluation.",
        "We met with the case manager and she explained the testing plan.",
        "The school psychologist completed the evaluation in March.",
        "{speaker} called to say the paperwork for {thing} is ready.",
        "The district offered to pay for an independent evaluation.",
        "The team reconvened in May to review the trial data.",
        "The principal forwarded my request to the special education office.",
        "The hearing officer found that the district provided the services in the IEP.",
        "Both parents attended the meeting and signed the attendance page.",
        "The state received the complaint on March 3 and opened an investigation.",
        "The district provided the parent with a copy of the procedural safeguards.",
        "The evaluator recommended {thing} in her report.",
        "The student's teacher reported that he completes most assignments with prompting.",
        "The parent requested an evaluation in writing in September.",
        "In October, the district obtained consent and began the assessments.",
    ],
    "advice": [
        "Put your request for {thing} in writing and keep a copy.",
        "The school must consider the parent's concerns when it writes the IEP.",
        "Parents can ask for an IEP meeting at any time.",
        "A child does not have to fail to be eligible for special education.",
        "Cost is not a lawful reason to deny a service a child needs.",
        "You have the right to see your child's records.",
        "Ask the team to write its decision in the prior written notice.",
        "Bring your data to the meeting: grades, work samples and notes.",
        "The district has to respond to a request for an evaluation.",
        "Schools are supposed to base services on the child's needs, not on staffing.",
        "If the school refuses, it has to explain why in writing.",
        "Keep a log of every phone call with the school.",
        "An advocate can come with you to the meeting.",
        "Email counts as a written request.",
        "Write down what was said right after the meeting.",
    ],
    "story": [
        "My son is in second grade and struggles with reading.",
        "My daughter has ADHD and anxiety.",
        "We had our annual review last week.",
        "I asked the school for {thing} in the fall.",
        "We pay for private tutoring twice a week.",
        "I'm a single mom and I work full time.",
        "{child} has had an IEP since preschool.",
        "We moved to a new district over the summer.",
        "Last year {child} had a wonderful teacher.",
        "I have a meeting with the team on Monday.",
        "He hasn't been sleeping well since school started.",
        "I don't know what to ask for at the meeting.",
    ],
    "courtesy": [
        "Thanks for your note.",
        "Dear Mrs. Rivera, thank you for your email.",
        "Hi Ms. Lopez, thanks for getting back to me.",
        "Mrs. Lopez will be at the meeting too.",
        "Mr. Lee and Dr. Patel are copied on this email.",
        "Thank you for letting me know.",
        "Hope you had a good weekend.",
        "Thanks for reaching out about {child}.",
        "I appreciate you sending this.",
        "Best regards, {speaker}.",
        "Have a great evening.",
        "Sorry for the slow reply.",
        "Good morning, and thanks for your patience.",
        "Let me know if you have any questions.",
        "I hope this helps.",
        "Thank you for your email about {thing}.",
    ],
    "question": [
        "Can we wait until after the holidays to meet?",
        "Would {child} benefit from {thing}?",
        "Is there a reason we can't try {thing}?",
        "Do you think the budget allows for {thing}?",
        "Why don't we wait and see how the next few weeks go?",
        "Could you tell me which policy says we don't do {thing}?",
        "Is it not up to the team to decide?",
        "Are there openings in the program?",
        "What does the district policy say about {thing}?",
        "Can't we discuss {thing} at the annual review?",
        "Would you like to meet on Tuesday?",
        "Is {child} eligible even though {child} has good grades?",
    ],
    "parent": [
        "I'm requesting {thing} for {child}.",
        "I would like {thing} added to the IEP.",
        "My son can't read the worksheets without help.",
        "I don't think {child} is making enough progress.",
        "I don't agree with the decision to stop {thing}.",
        "We can't afford private tutoring, which is why I'm asking.",
        "I'm writing to follow up on my request for {thing}.",
        "Please let me know the policy that applies.",
        "I will not sign the IEP until we talk about {thing}.",
        "We don't want to wait until third grade.",
        "I understand the budget is tight, but {child} needs {thing}.",
        "Please put your answer in writing.",
    ],
    "negated_no": [
        "It's not that we can't do {thing}; we need to plan the schedule first.",
        "There's no reason we can't try {thing}.",
        "Nothing in our policy prevents {thing}.",
        "We don't have to wait for the annual review to add {thing}.",
        "We don't need to wait for report cards to start the evaluation.",
        "Grades aren't the only thing we look at for eligibility.",
        "It's not too early to evaluate, so let's start.",
        "We never say no to a parent's request without a meeting.",
        "Staffing is not a reason to deny services, so we'll find a way.",
        "Nobody here will turn down a request without looking at the data.",
    ],
    # "I have to check with someone above me" is its own signal (the phrase book's
    # needs_supervisor), not a no (decision 0038).
    "supervisor": [
        "I'll need to check with {speaker} before I can answer about {thing}.",
        "Let me run {thing} by the principal and get back to you.",
        "That request needs sign-off from the district office first.",
        "I have to ask my supervisor about {thing}.",
        "I'll bring {thing} to the director and let you know what she says.",
        "Any change to the schedule would need the coordinator's approval.",
    ],
}


def _fill(template: str, rng: random.Random) -> str:
    text = template.format(
        thing=rng.choice(THINGS),
        child=rng.choice(CHILD),
        speaker=rng.choice(SPEAKERS),
        period=rng.choice(PERIODS),
    )
    return text[0].upper() + text[1:]


def _reported(sentence: str, rng: random.Random) -> str:
    """The same no as a parent's note of what someone said: "The principal told me ..."."""
    body = sentence.rstrip(".")
    body = body[0].lower() + body[1:] if not body.startswith(("I ", "I'")) else body
    speaker, verb = rng.choice(SPEAKERS), rng.choice(REPORTING)
    return f"{speaker[0].upper()}{speaker[1:]} {verb} {body}."


def rows(seed: int = 14) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out: dict[str, dict[str, str]] = {}

    def add(text: str, label: str, kind: str) -> None:
        out.setdefault(text, {"text": text, "label": label, "kind": kind, "source": SOURCE})

    for kind, templates in REFUSALS.items():
        for template, _ in product(templates, range(5)):
            add(_fill(template, rng), "refusal", kind)
        for template in templates:
            add(_reported(_fill(template, rng), rng), "refusal", kind)
    for kind, templates in NOT_REFUSALS.items():
        for template, _ in product(templates, range(8)):
            add(_fill(template, rng), "not", kind)
        if kind in ("logistics", "information", "agreement", "negated_no"):
            for template in templates:  # reported speech that is not a no
                add(_reported(_fill(template, rng), rng), "not", kind)
    return list(out.values())


def main() -> None:
    with (HERE / "variants.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label", "kind", "source"])
        writer.writeheader()
        writer.writerows(rows())


if __name__ == "__main__":
    main()
