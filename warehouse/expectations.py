"""Great Expectations suites per canonical table, run on one file's batch as a pandas DataFrame.

`great_expectations` is imported on first use only (it costs seconds): a run with nothing
new never calls into this module's validate().
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, reduce
from operator import and_

import pandas as pd

from sources.date_without_year import has_no_year

NOW = {"$PARAMETER": "now"}
DOMAINS = {"$PARAMETER": "domain_ids"}


@dataclass(frozen=True)
class Rule:
    """One expectation, the column a failure is reported on, and a plain-words reason."""
    name: str          # short check name stored in quarantine/validation results
    kind: str          # the GE expectation class
    kwargs: tuple      # its arguments, as (key, value) pairs
    column: str        # the column shown to the user
    reason: str        # str.format template over the failing row's values
    if_blank: str = ""  # the reason when every value `reason` names is blank in the row (if set)
    needs: tuple = ()   # columns a row must fill to be judged: a row blank in one takes no part
    unless: tuple = ()  # columns a row must leave blank to be judged: a row filling one takes no part
    when_blank: tuple = ()  # (column or columns, reason) pairs: a row blank in them takes that reason (first match)
    when_text: tuple = ()  # (column, test, reason) triples: a row whose column passes the test takes that reason


def rule(name, kind, shown, reason, if_blank="", needs=(), unless=(), when_blank=(), when_text=(), **kwargs) -> Rule:
    return Rule(name, kind, tuple(kwargs.items()), shown, reason, if_blank, tuple(needs), tuple(unless),
                tuple(when_blank), tuple(when_text))


def _when(column: str, what: str) -> list[Rule]:
    """A date column: readable (the reason quotes the cell as written, `<column>_text`; a date without its year,
    '5 Mar', says so) and not in the future.

    An adapter that keeps no `<column>_text` (or a blank cell) gives the reason without a value."""
    return [rule(f"{column}_not_null", "ExpectColumnValuesToNotBeNull", column,
                 f"{what} '{{{column}_text}}' is not a date", if_blank=f"{what} is missing or unreadable",
                 when_text=((f"{column}_text", has_no_year, f"{what} '{{{column}_text}}' has no year"),),
                 column=column),
            rule(f"{column}_not_in_future", "ExpectColumnValuesToBeBetween", column,
                 f"{what} {{{column}}} is in the future", column=column, max_value=NOW)]


def _mapped(label_column: str, unless: tuple[str, ...] = ()) -> list[Rule]:
    return [rule("domain_mapped", "ExpectColumnValuesToNotBeNull", label_column,
                 f"label '{{{label_column}}}' matches no exam domain, task or service", column="domain_id",
                 unless=unless),
            rule("domain_in_blueprint", "ExpectColumnValuesToBeInSet", "domain_id",
                 "domain {domain_id} is not a domain of this exam", column="domain_id", value_set=DOMAINS)]


def _is_count(column: str, what: str, write: str) -> Rule:
    """A count's cell read as a number but counting nothing ('inf', '1E+20' a Total; -3 or 2.5 an Incorrect or
    Skipped count): the adapter keeps it as written (`<column>_text`), quoted in the reason."""
    return rule(f"{column}_is_count", "ExpectColumnValuesToBeNull", column,
                f"{what} '{{{column}_text}}' is not a count (write {write})", column=f"{column}_text")


def _unique(*columns: str, needs: tuple[str, ...] | None = None) -> Rule:
    """Unique per learner: in a cohort export two learners may share an attempt id or a time.

    A row blank in a column of `needs` (default: every key column) takes no part: a blank is no value
    and repeats no other row's blank (a summary's "Overall" row and a label matching no domain both
    have no domain; each is held back for that alone, `domain_mapped`). So does a row naming no learner
    in a class export (`learner_missing`: held back for that alone, `learner_named`)."""
    return rule("unique_within_file", "ExpectCompoundColumnsToBeUnique", ",".join(columns),
                "duplicate of line {first_line}", needs=columns if needs is None else needs,
                unless=("learner_missing",), column_list=["learner_id", *columns])


# A row whose cells do not match the header: the adapter's `cells` column says how
# (`sources.ragged_rows.cell_columns`); its other failures are not reported (`validation.cells_first`).
CELLS = rule("cells_match_header", "ExpectColumnValuesToBeNull", "cells", "{cells}", column="cells")
# A row naming no learner in a file whose rows name theirs: `warehouse.ingest` says so in its
# `learner_missing` column (docs/cohorts.md); a batch without that column names no one (passes).
LEARNER = rule("learner_named", "ExpectColumnValuesToBeNull", "learner_id", "{learner_missing}",
               column="learner_missing")
# columns a rule reads that a batch may lack
OPTIONAL = ("learner_missing", "total_text", "incorrect_text", "skipped_text", "deleted_card", "correct_unfit")
TOTAL_MISSING = ("total questions missing: {correct} correct of how many? Without the question count it gives no "
                 "percent: give it in a Total or Questions column, or write 14/20 (14 of 20) in Correct")
# a Correct count and percent fitting several question counts (`percent_counts.totals_of`; one alone is derived)
TOTAL_AMBIGUOUS = ("total questions missing, and ambiguous: {total_ambiguous}: give the Total in a Total or Questions "
                   "column, or write 14/20 (14 of 20) in Correct")

# a line's Correct, Incorrect (and Skipped) counts against its Total (sources/summary_answers.py answers_check): more
# answers than questions, or with a Skipped column fewer (each question is then one of the three), is wrong data
COUNTS_SAID, SKIPPED_SAID = "{correct} correct + {incorrect} incorrect", " + {skipped} skipped"
# `total_in`: the column giving the Total as the file names it ('Total', 'Questions'), or the cell ('Correct '14/20'')
MORE_ANSWERS = " = {answers} answers, more than the {total} questions in {total_in}"
FEWER_ANSWERS = (" = {answers} answers, fewer than the {total} questions in {total_in}: with a Skipped column each "
                 "question is correct, incorrect or skipped")

SUITES: dict[str, list[Rule]] = {
    "answers": [
        CELLS, LEARNER,
        *_when("taken_at", "date taken"), *_mapped("domain_label", unless=("deleted_card",)),
        # Anki keeps the reviews of a card deleted since (sources/anki.py, `deleted_card`): with the card went
        # its note's deck and tags, so it has no label to map; held back for that alone, nothing to fix
        rule("card_deleted_in_anki", "ExpectColumnValuesToBeNull", "domain_label",
             "a review of card {deleted_card}, deleted in Anki since (Anki keeps the review history): its note's "
             "deck and tags went with it, so it counts for no domain", column="deleted_card"),
        rule("correct_not_null", "ExpectColumnValuesToNotBeNull", "correct",  # quoted as written, as a date
             "correct/incorrect '{correct_text}' is not true/false, yes/no, 1/0 or correct/incorrect",
             if_blank="correct/incorrect is missing or unreadable", column="correct"),
        rule("source_allowed", "ExpectColumnValuesToBeInSet", "source", "unknown source '{source}'",
             column="source", value_set=["mock", "moodle", "anki"]),
        rule("seconds_in_range", "ExpectColumnValuesToBeBetween", "seconds",
             "time on question {seconds} s is not between 0 and 6 h", column="seconds",
             min_value=0, max_value=6 * 3600),
        rule("confidence_in_range", "ExpectColumnValuesToBeBetween", "confidence",
             "confidence {confidence} is not between 0 and 100", column="confidence", min_value=0, max_value=100),
        # a question is its number within its domain and task where the export restarts them ('D2 Q1', 'Task 1.2
        # Q1'; sittings.question_items); a row without a task (none in a file without a task column) still takes part
        _unique("attempt_id", "domain_id", "task_id", "question_id", needs=("attempt_id", "domain_id", "question_id")),
    ],
    "domain_scores": [
        CELLS, LEARNER,
        *_when("taken_at", "date taken"), *_mapped("domain_label"),
        rule("total_positive", "ExpectColumnValuesToBeBetween", "total",
             "total questions {total} must be more than 0", column="total", min_value=0, strict_min=True),
        # correct is derived from percent × total where both are given: say which one the row lacks; a Total cell
        # written but not read ('1E+20') is `total_is_count`'s alone, as the Total column is there
        rule("correct_not_null", "ExpectColumnValuesToNotBeNull", "correct",  # quoted as written, as answers'
             "correct count '{correct_text}' is not a count (write 14, or 14/20 for 14 of 20)",
             if_blank="correct count is missing and cannot be derived", column="correct",
             unless=("total_text", "correct_unfit"),
             when_blank=(
                 (("correct_text", "percent"), "correct count and percent are both missing: give the line's "
                                               "Correct count, or its Score % and question count (Questions or Total)"),
                 (("correct_text", "total"), "correct count is missing, and a percent cannot give one without the "
                                             "question count: add a Questions (or Total) column with each domain's "
                                             "question count, or a Correct column"))),
        # a percent of the Total that no whole count shows as, however a page rounds (72.5% of 20: 14.5;
        # sources/percent_correct.py): no Correct count comes of it, the reason says why
        rule("percent_fits_total", "ExpectColumnValuesToBeNull", "correct", "{correct_unfit}",
             column="correct_unfit"),
        _is_count("total", "total questions", "the domain's number of questions, e.g. 20"),
        # an Incorrect or Skipped count below 0 or not whole (-3, 2.5): no total is summed of it, nor judged by
        # `answers_fit_total` (sources/summary_answers.py)
        _is_count("incorrect", "incorrect count", "how many questions were answered wrong, a whole number of 0 or "
                                                  "more, e.g. 3"),
        _is_count("skipped", "skipped count", "how many questions were left unanswered, a whole number of 0 or "
                                              "more, e.g. 2"),
        # a Correct count written without its question count gives no percent (summed as 7 of nothing: 0 of a sitting's
        # questions); a percent without it is `correct_not_null`'s, a Total cell not read `total_is_count`'s, one
        # not summed of an Incorrect or Skipped cell that is no count `incorrect_is_count`'s or `skipped_is_count`'s.
        # With a percent the count is derived where one alone fits (7 at 70%: 10; sources/domain_summary_csv.py
        # totals_of): where several do, the reason names them
        rule("total_not_null", "ExpectColumnValuesToNotBeNull", "total", TOTAL_MISSING, needs=("correct",),
             unless=("total_text", "incorrect_text", "skipped_text"), column="total",
             when_text=(("total_ambiguous", lambda v: isinstance(v, str) and v != "", TOTAL_AMBIGUOUS),)),
        rule("correct_non_negative", "ExpectColumnValuesToBeBetween", "correct",
             "correct {correct} is negative", column="correct", min_value=0),
        rule("correct_at_most_total", "ExpectColumnPairValuesAToBeGreaterThanB", "correct",
             "correct {correct} is more than total {total}", column_A="total", column_B="correct",
             or_equal=True, ignore_row_if="either_value_is_missing"),
        rule("answers_fit_total", "ExpectColumnValuesToBeBetween", "total", COUNTS_SAID + MORE_ANSWERS,
             column="answers_gap", min_value=0, max_value=0,
             when_text=(("answers_gap", lambda v: v < 0, COUNTS_SAID + SKIPPED_SAID + FEWER_ANSWERS),
                        ("skipped", pd.notna, COUNTS_SAID + SKIPPED_SAID + MORE_ANSWERS))),
        rule("percent_in_range", "ExpectColumnValuesToBeBetween", "percent",
             "percent {percent} is not between 0 and 100", column="percent", min_value=0, max_value=100),
        # exports round the percent; more than a point off, the file contradicts itself (which is right?)
        rule("percent_matches_counts", "ExpectColumnValuesToBeBetween", "percent",
             "{correct} of {total} correct is {counts_percent}%, but the file says {percent}%",
             column="percent_gap", min_value=-1, max_value=1),
        # a page by task statement gives a domain several rows, one a task (warehouse.mapping.map_domain_scores);
        # a task's row beside its domain's whole row is a breakdown of it: held back, its questions counted there
        rule("part_of_a_domain_row", "ExpectColumnValuesToBeNull", "domain_label",
             "task {task_id} is a part of domain {domain_id}, whose line {domain_row_line} counts its questions "
             "already", column="domain_row_line"),
        _unique("attempt_id", "domain_id", "task_id", needs=("attempt_id", "domain_id")),
    ],
    "study_sessions": [
        CELLS, LEARNER,
        *_when("started_at", "start time"),
        rule("minutes_not_null", "ExpectColumnValuesToNotBeNull", "minutes",  # quoted as written, as a date
             "duration '{minutes_text}' is unreadable", if_blank="duration is missing or unreadable",
             column="minutes"),
        rule("minutes_in_range", "ExpectColumnValuesToBeBetween", "minutes",
             "duration {minutes} min must be more than 0 and at most 24 h", column="minutes",
             min_value=0, max_value=24 * 60, strict_min=True),
        # a blank description is a value: the same entry without one, exported twice, is a duplicate
        _unique("started_at", "minutes", "description", needs=("started_at", "minutes")),
    ],
    "note_sections": [
        rule("note_date_not_in_future", "ExpectColumnValuesToBeBetween", "note_date",
             "note date {note_date} is in the future", column="note_date", max_value=NOW),
        rule("words_non_negative", "ExpectColumnValuesToBeBetween", "words", "negative word count",
             column="words", min_value=0),
        rule("level_in_range", "ExpectColumnValuesToBeBetween", "level", "heading level {level} is not 0–6",
             column="level", min_value=0, max_value=6),
    ],
}


RULES = {(table, r.name): r for table, rules in SUITES.items() for r in rules}


@lru_cache(maxsize=1)
def _context():
    """An ephemeral GE context with one pandas data source (built once per process)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context, context.data_sources.add_pandas("inbox_batches")


def _judged(r: Rule) -> dict:
    """GE's `row_condition` keeping the rows the rule judges: those filling every column of `needs` and
    leaving every column of `unless` blank."""
    if not r.needs and not r.unless:
        return {}
    from great_expectations.expectations.row_conditions import Column

    kept = [Column(c).is_not_null() for c in r.needs] + [Column(c).is_null() for c in r.unless]
    return {"row_condition": reduce(and_, kept)}


@lru_cache(maxsize=None)
def _definition(table: str):
    """The validation definition of one table's suite, built the first time a batch of it comes."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    context, source = _context()
    batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe("file")
    suite = context.suites.add(gx.ExpectationSuite(name=table))
    for r in SUITES[table]:
        suite.add_expectation(getattr(gxe, r.kind)(**dict(r.kwargs), **_judged(r), meta={"rule": r.name}))
    return context.validation_definitions.add(gx.ValidationDefinition(name=table, data=batch, suite=suite))


def run_suite(table: str, frame: pd.DataFrame, now: datetime, domain_ids: list[int]):
    """GE's validation result of one table's batch; failing rows identified by `_row`."""
    frame = frame.assign(**{c: None for c in OPTIONAL if c not in frame.columns})
    return _definition(table).run(
        batch_parameters={"dataframe": frame},
        expectation_parameters={"now": pd.Timestamp(now), "domain_ids": list(domain_ids)},
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["_row"]})


