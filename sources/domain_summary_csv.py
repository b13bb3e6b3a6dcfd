"""Per-domain score summaries as learners copy them from result pages (TD, Udemy, Skill Builder)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from sources.canonical import DOMAIN_SCORES, FormatError
from sources.cell_numbers import as_counts, countable, to_number
from sources.csv_columns import column, norm, pick
from sources.csv_layout import header_of
from sources.csvread import read_csv
from sources.distinct_values import map_distinct
from sources.label_columns import choose_label_columns
from sources.ragged_rows import CELL_COLUMNS, cell_columns
from sources.repeated_columns import check_copies, line_list
from sources.datetimes import taken_at_column
from sources.per_question_csv import LEARNER_NAMES, aliases_for, class_learners
from sources.percent_correct import derive_correct, places_of
from sources.percent_counts import counts_text, percent_text, totals_of
from sources.result_sittings import result_sittings
from sources.summary_answers import ANSWERS_CHECK, answer_counts, answers_check, answers_said, summed_total
from sources.summary_rows import is_summary_label

FORMAT = "domain_summary_csv"
KIND = "exams"

ALIASES = {norm(a): canonical for canonical, names in {
    "attempt_id": ["attempt_id", "attempt", "attempt id", "exam", "test", "mock", "practice test",
                   "exam name", "test name", "quiz"],
    "taken_at": ["taken_at", "taken at", "date", "taken", "date taken", "completed", "completed on",
                 "started on", "timestamp", "when"],
    "provider": ["provider", "platform", "source", "vendor"],
    "domain_label": ["domain", "domain_label", "knowledge area", "category", "section", "domain name",
                     "topic"],
    "correct": ["correct", "correct answers", "right", "# correct", "number correct"],
    "total": ["total", "questions", "total questions", "# questions", "out of", "number of questions"],
    # no Total but the wrong and skipped counts beside the right ones: the total is their sum
    "incorrect": ["incorrect", "wrong", "incorrect answers", "wrong answers", "# incorrect", "number incorrect"],
    "skipped": ["skipped", "unanswered", "not answered", "omitted", "# skipped"],
    "percent": ["percent", "score %", "%", "percentage", "score percent", "score (%)", "result %",
                "accuracy", "% correct"],
    "score": ["score", "your score"],  # '72%' or '0.72' is a percent, '14/20' the counts: read cell by cell
    "question_id": ["question", "question_id", "question id", "q#", "q"],
    "learner_id": LEARNER_NAMES,  # a class's summaries: each row goes to the person it names
}.items() for a in names}


def detect(path: Path, head: bytes) -> bool:
    """A header with a domain column and counts or a percentage, but no question column."""
    kinds = {ALIASES[h] for h in header_of(head) if h in ALIASES}
    return ("domain_label" in kinds and "question_id" not in kinds
            and bool({"percent", "score"} & kinds or has_counts(kinds)))


def has_counts(kinds) -> bool:
    """The counts a summary's rows can be read from: correct and total, or correct and incorrect (total their sum)."""
    return {"correct", "total"} <= set(kinds) or {"correct", "incorrect"} <= set(kinds)


def to_percent(value) -> float | None:
    """'72', '72%', '72,5 %' or '0.72' -> 0..100; a bare value of at most 1 is a fraction."""
    number = to_number(value)
    if number is None or "%" in str(value):
        return number
    return number * 100 if 0 < number <= 1 and "." in str(value).replace(",", ".") else number


def percent_column(cells: pd.Series, lines: pd.Series, name: str) -> tuple[pd.Series, str | None]:
    """A percent column read consistently (0..100), and a warning when it cannot be.

    Each cell is read by `to_percent`; a bare value (no %) is then judged with the column's other
    bare values: where those are fractions (all between 0 and 1, at least one strictly: Excel's
    General format writes 70% as 0,7) a bare `1` is 100% and `0` 0%. A column mixing clear fractions
    (0.7) with bare values above 1 (85) is read cell by cell as before, with a warning naming those
    lines: which reading the writer meant is not guessed. Values written with % decide nothing.
    """
    text = cells.fillna("").astype(str)
    percent = map_distinct(cells, to_percent).astype("float64")
    bare = map_distinct(cells, lambda v: None if v is None or "%" in str(v) else to_number(v)).astype("float64")
    fractions, percents = (bare > 0) & (bare < 1), bare > 1
    ones = (bare == 1) & ~text.str.contains(r"[.,]")  # '1.0' is a fraction by its decimal point already
    if fractions.any() and not percents.any() and not (bare < 0).any():
        return percent.where(~ones, 100.0), None
    if fractions.any() and percents.any():
        warning = (f"the '{name}' column mixes fractions (0.7 = 70%: lines {line_list(lines[fractions])}) with "
                   f"percents (85 = 85%: lines {line_list(lines[percents])}); each is read as written")
        if ones.any():
            warning += f", and 1 as 1% (lines {line_list(lines[ones])})"
        return percent, warning + ": check those lines"
    return percent, None


PAIR = r"(\d+)\s*(?:/|of|out of)\s*(\d+)"  # '14/20', '14 of 20', '14 out of 20'
PAGE_PERCENT = r"\d+(?:[.,]\d+)?\s*%"
# the pair alone, or with the percent a results page shows beside it: '14/20 (70%)', '70% (14/20)'
OF_TOTAL = rf"^\s*(?:{PAIR}(?:\s*\(\s*{PAGE_PERCENT}\s*\))?|{PAGE_PERCENT}\s*\(\s*{PAIR}\s*\))\s*$"


def of_total(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(correct, total) of cells written '14/20', '14 of 20' or '14 out of 20', a percent beside it or not ('14/20
    (70%)', '70% (14/20)': the counts are read, the percent rounded from them); NaN in both elsewhere."""
    parts = cells.fillna("").astype(str).str.extract(OF_TOTAL, flags=re.IGNORECASE).astype("float64")
    return parts[0].fillna(parts[2]), parts[1].fillna(parts[3])


def counts_as_written(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(correct, total) of a Correct column: a number is the count ('14'); '14/20', '14 of 20' or '14 out of 20'
    give the total too (NaN where the cell gives none)."""
    counted, total = of_total(cells)
    return countable(map_distinct(cells, to_number)).fillna(counted), total


def score_column(cells: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(correct, total, percent cells) of a Score column: '14/20', '14 of 20' or '14/20 (70%)' gives the counts, any
    other cell is a percent ('72%', '72', '0.72'), left for `percent_column` to read."""
    correct, total = of_total(cells)
    return correct, total, cells.where(correct.isna())


def _derive_total(correct: pd.Series, total: pd.Series, total_cells: pd.Series, percent: pd.Series,
                  percent_cells: pd.Series, lines: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """Where a line gives its correct count and percent but leaves its Total blank, the one question count of which
    the count is that percent (`totals_of`; 7 correct at 70%: 10 questions). Returns (the totals derived, NaN
    elsewhere; `total_ambiguous`, where more than one count fits: '100 correct at 50% could be of 199, 200, 201 or
    202 questions', None elsewhere; what each derived line is, for the file's note: 'line 3: 7 correct at 70% is 10
    questions')."""
    derived = pd.Series(np.nan, index=correct.index, dtype="float64")
    ambiguous = pd.Series([None] * len(correct), index=correct.index, dtype=object)
    said = []
    blank = total.isna() & (total_cells.fillna("").astype(str).str.strip() == "")  # a cell not read: `total_is_count`
    places = places_of(percent_cells, percent)
    for i in correct.index[blank & correct.notna() & percent.notna()]:
        counts = totals_of(correct[i], percent[i], places[i])
        if not counts:
            continue  # held back for the missing Total (`total_not_null`), or a percent out of range
        at = f"{int(correct[i])} correct at {percent_text(percent[i], places[i])}"
        if len(counts) == 1:
            derived[i] = counts[0]
            said.append(f"line {int(lines[i])}: {at} is {counts[0]} questions")
        else:
            ambiguous[i] = f"{at} could be of {counts_text(counts)} questions"
    return derived, ambiguous, said


PERCENT_CHECK = ["counts_percent", "percent_gap"]
AS_WRITTEN = ["correct_text", "total_text", "taken_at_text"]  # cells not read as a count or a date


def percent_check(correct: pd.Series, total: pd.Series, percent: pd.Series) -> dict[str, pd.Series]:
    """Where the file gives correct, total (above 0) and percent alike, what the counts say:
    `counts_percent`, 100 × correct / total rounded half up (quoted in the reason), and
    `percent_gap`, the file's percent minus the exact one; NaN elsewhere. Given the values as
    written, before any is derived: a derived value agrees by construction, but rounding
    (percent × total) would make it seem off. Validation holds a gap above 1 point."""
    counted = (100 * correct / total).where(total > 0)
    return {"counts_percent": np.floor(counted + 0.5), "percent_gap": percent - counted}


def unread_counts(correct_cells: pd.Series, score_cells: pd.Series, correct: pd.Series,
                  percent: pd.Series) -> pd.Series:
    """The cell as written where no correct count came of it: a Correct cell, else a Score cell that is neither
    counts nor a percent ('Needs improvement'); None elsewhere."""
    unread = correct_cells.where(correct.isna())
    unread = unread.where(unread.notna(), score_cells.where(correct.isna() & percent.isna()))
    return unread.astype(object).where(unread.notna(), None)


def domain_labels(frame: pd.DataFrame, found: dict[str, str]) -> pd.Series:
    """The domain column; on a footer row (`Overall,2026-03-05,,39/65`: no domain, a summary's word in the first
    column) that word, so that the row is held back as a summary row, kept on purpose (sources/summary_rows.py)."""
    labels, first = column(frame, found, "domain_label"), frame[frame.columns[0]]
    return labels.mask(labels.isna() & first.map(is_summary_label), first)


def parse(path: Path, zone: str | None = None, exam: str | None = None) -> dict[str, pd.DataFrame]:
    """Rows of the file as canonical `domain_scores`, with `counts_percent` and `percent_gap`
    (`percent_check`: a percent the counts contradict is quarantined), `ANSWERS_CHECK` (`summary_answers`: a Total
    the Correct, Incorrect and Skipped counts do not fit is quarantined, as is an Incorrect or Skipped cell that is
    no count), `cells` and `extra_cells`
    (`ragged_rows.cell_columns`: a row whose cells do not match the header is quarantined for that), and
    `AS_WRITTEN`, a correct, total or date cell as written where it is not read (quoted in the reason).
    `zone`, `exam`: as `per_question_csv.parse`'s."""
    frame = read_csv(path)
    aliases = aliases_for(frame.columns, ALIASES)
    found = pick(frame, aliases)
    label_notes = choose_label_columns(frame, found, aliases, exam)  # e.g. Section (Part A) and Domain
    if "domain_label" not in found or not ({"percent", "score"} & set(found) or has_counts(found)):
        raise FormatError(path, "no domain column with a percentage or correct/total counts", line=1,
                          hint="name the columns e.g. Domain, Correct, Total or Domain, Correct, Incorrect or Domain, Score %")
    taken_at, note = taken_at_column(path, frame, found, zone)
    correct_cells, score_cells = column(frame, found, "correct"), column(frame, found, "score")
    score_correct, score_total, score_percent = score_column(score_cells)
    correct, of_total = counts_as_written(correct_cells)
    correct = correct.fillna(score_correct)
    total_cells = column(frame, found, "total")
    in_total = countable(total_cells.map(to_number))
    total = in_total.fillna(of_total).fillna(score_total)
    wrong, skipped = answer_counts(frame, found)
    answers = answers_check(correct, wrong, skipped, total)  # a Total as written that the counts do not fit
    answers |= answers_said(frame, found, wrong, skipped, in_total, of_total, score_total)
    if wrong is not None:  # Correct, Incorrect (, Skipped) and no Total: the total is their sum (of counts)
        total = total.fillna(summed_total(correct, wrong, skipped))
    readers = {"correct": to_number, "total": to_number, "percent": to_percent, "score": str}
    notes = check_copies(path, frame, found, readers)
    percent_cells, percent_name = ((column(frame, found, "percent"), found["percent"]) if "percent" in found
                                   else (score_percent, found.get("score", "")))
    percent, mixed = percent_column(percent_cells, frame["line"], percent_name)
    checked = percent_check(correct, total, percent)
    # a percent of the Total gives the nearest count where it fits; where none does, `correct_unfit` says why
    correct, filled, unfit = derive_correct(correct, total, percent, places_of(percent_cells, percent))
    # the other way: a Total left blank is derived where the correct count and percent fit one count alone
    derived, ambiguous, totals_said = _derive_total(correct, total, total_cells, percent, percent_cells,
                                                    frame["line"])
    total = total.fillna(derived)
    percent = percent.where(percent.notna(), (correct / total * 100).where(total > 0))  # none of 0 questions
    attempt, providers, sitting_notes = result_sittings(path, frame, found, taken_at,  # sources/result_sittings.py
                                                        column(frame, found, "domain_label"),
                                                        column(frame, found, "learner_id"), item="domain")
    out = pd.DataFrame({
        "attempt_id": attempt,
        "taken_at": taken_at, "provider": providers,
        "domain_label": domain_labels(frame, found),
        "correct": as_counts(correct), "total": as_counts(total),
        "percent": percent, "line": frame["line"], **checked, **answers, **cell_columns(frame),
        # as written where unreadable: quoted by validation
        "correct_text": unread_counts(correct_cells, score_cells, correct, percent),
        "total_text": total_cells.where(total.isna()),
        "taken_at_text": column(frame, found, "taken_at").where(taken_at.isna()),
        "total_ambiguous": ambiguous,  # quoted by validation (`total_not_null`)
        "correct_unfit": unfit,  # quoted by validation (`percent_fits_total`)
    })[DOMAIN_SCORES + ["line", *PERCENT_CHECK, *ANSWERS_CHECK, *CELL_COLUMNS, *AS_WRITTEN, "total_ambiguous",
                        "correct_unfit"]]
    class_learners(out, frame, found)
    notes = [w for w in [note] if w] + sitting_notes + notes + label_notes + ([mixed] if mixed else [])
    if filled:
        notes.append(f"correct derived from percent × total (rounded) on {filled} {'row' if filled == 1 else 'rows'}")
    if totals_said:
        shown = "; ".join(totals_said[:3]) + ("; …" if len(totals_said) > 3 else "")
        notes.append(f"total derived from correct and percent (the only question count giving that percent) on "
                     f"{len(totals_said)} {'row' if len(totals_said) == 1 else 'rows'} ({shown})")
    out.attrs["warnings"] = notes
    return {"domain_scores": out}
