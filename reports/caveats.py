"""What a readiness figure rests on, in words: domains never practised, flashcards only, an exam day
today or gone by, and chances that only round to a certainty. Shared by `examready readiness` and the pages."""
from __future__ import annotations

from datetime import date

from reports.html import code_spans, esc


def percent_text(probability: float) -> str:
    """'61%'; '>99%' or '<1%' where rounding would show a certainty the model never has."""
    shown = f"{probability:.0%}"
    return {"100%": ">99%", "0%": "<1%"}.get(shown, shown)


def readiness_points(readiness: float) -> str:
    """A readiness (0-100) as whole points: '61'; '>99' or '<1' where rounding would show a certainty (every fresh
    question right, or none) that the model never has."""
    shown = f"{readiness:.0f}"
    return {"100": ">99", "0": "<1"}.get(shown, shown)


def unmeasured_text(any_measured: bool) -> str:
    """How a domain without exam-style questions is marked: its readiness is assumed, not measured."""
    return "not practised yet: " + ("assumed from your other domains" if any_measured
                                    else "the model's starting assumption")


def evidence_caveat(learner: str, domains: list[tuple[str, int]], any_evidence: bool, as_of: date,
                    first_later: date | None = None) -> str | None:
    """The caveat on the pass probability and predicted score when some or all domains have no exam-style
    answers. `domains`: (label, exam-style questions) per domain; `any_evidence`: flashcard reviews count;
    `first_later`: the day of the first exam-style answer after `as_of`, if the warehouse holds one."""
    unmeasured = [label for label, questions in domains if not questions]
    if not unmeasured:
        return None
    if len(unmeasured) < len(domains):
        one = len(unmeasured) == 1
        return (f"Not practised yet (0 exam-style questions): {'; '.join(unmeasured)}. The pass probability and "
                f"predicted score assume {'it' if one else 'them'} close to your level in the domains you practised; "
                f"practice questions there would measure {'it' if one else 'them'}.")
    start = (f"No exam-style answers for {learner} up to {as_of}, only flashcard reviews (a review counts for a small "
             "fraction of an exam question: cards are easier), so readiness, pass probability and predicted score "
             "are mostly" if any_evidence else f"No practice evidence for {learner} up to {as_of}: these numbers are")
    if first_later is not None:  # --as-of before the first mock: there is evidence, only not yet on that day
        return (f"{start} the model's starting assumption, not a measurement. The warehouse's exam-style answers "
                f"start after that day, the first on {first_later}: `--as-of {first_later}` or later counts them.")
    return (f"{start} the model's starting assumption, not a measurement. Drop a mock exam export into inbox/exams "
            "and run `examready run`.")


def exam_date_caveat(exam_date: date | None, today: date, learner: str | None = None) -> str | None:
    """Said when the exam date is already past; `learner`: named, for another learner than the workspace's."""
    if exam_date is None or exam_date >= today:
        return None
    if learner is not None:
        return (f"{learner}'s exam date {exam_date} has passed: the study plan plans no hours toward a day that is "
                "gone. Update their line of the exam_dates roster (or exam_date in examready.yaml, for the learners "
                "the roster does not name) to the next sitting.")
    return (f"Your exam date {exam_date} has passed: the study plan plans no hours toward a day that is gone. "
            "Update exam_date in examready.yaml (in a class, the learner's line of the exam_dates roster) to the next "
            "sitting.")


def exam_today_caveat(exam_date: date | None, today: date, learner: str | None = None) -> str | None:
    """Said on the exam day: the figures are where the learner stands, with no hours left to plan."""
    if exam_date is None or exam_date != today:
        return None
    whose = f"{learner}'s" if learner is not None else "Your"
    return (f"{whose} exam is today ({exam_date}): these figures are where {'they stand' if learner else 'you stand'}; "
            "the study plan plans no hours ahead.")


def after_exam_caveat(exam_date: date | None, as_of: date, today: date, learner: str | None = None) -> str | None:
    """Said for an estimate as of a day after an exam date still to come (`readiness --as-of`); one gone by
    has its own caveat (exam_date_caveat)."""
    if exam_date is None or exam_date < today or as_of <= exam_date:
        return None
    whose = f"{learner}'s" if learner is not None else "your"
    return (f"{as_of} is after {whose} exam date {exam_date}: these figures are for a sitting on {as_of}, not on the "
            f"exam day (`--as-of {exam_date}` gives them for it).")


def readiness_caveats(learner: str, domains: list[tuple[str, int]], any_evidence: bool, as_of: date,
                      exam_date: date | None, today: date, own: bool = True,
                      first_later: date | None = None) -> list[str]:
    """Every caveat on a readiness estimate, most important first (empty when nothing needs saying).
    `own`: the workspace's learner ("your exam date"); else the learner is named. `first_later`: see
    evidence_caveat."""
    found = [evidence_caveat(learner, domains, any_evidence, as_of, first_later),
             exam_date_caveat(exam_date, today, None if own else learner),
             exam_today_caveat(exam_date, today, None if own else learner),
             after_exam_caveat(exam_date, as_of, today, None if own else learner)]
    return [text for text in found if text]


def caveats_html(caveats: list[str]) -> str:
    """The caveats as warning paragraphs (`command` as code)."""
    return "".join("<p class=weak>" + code_spans(esc(text)) + "</p>" for text in caveats)
