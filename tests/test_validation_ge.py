"""GE suites on real pandas batches: each failure maps back to a line, a column and a plain reason."""
from __future__ import annotations

import time
from datetime import datetime, timedelta

import pandas as pd
import pytest

from warehouse.expectations import SUITES
from warehouse.secrets import mask_frame, mask_text
from warehouse.validation import RESULT_COLUMNS, validate_batch

NOW = datetime(2026, 6, 1, 12, 0)
DOMAINS = [1, 2, 3, 4]


def _answers(**overrides) -> pd.DataFrame:
    base = {"line": [2, 3, 4], "attempt_id": "set-1", "taken_at": pd.to_datetime(["2026-05-01"] * 3),
            "provider": "TD", "question_id": ["1", "2", "3"], "domain_label": "Domain 1", "task_label": None,
            "service_label": None, "correct": pd.array([True, False, True], dtype="boolean"),
            "seconds": [30.0, 40.0, 50.0], "confidence": [0.5, 0.6, 0.7], "source": "mock",
            "domain_id": pd.array([1, 1, 1], dtype="Int64"), "task_id": None, "service": None}
    return pd.DataFrame({**base, **overrides})


def _failures(table, frame):
    failures, _ = validate_batch(table, frame, NOW, DOMAINS)
    return {(int(r.line), r.column_name, r.check_name): r.reason for r in failures.itertuples()}


def test_clean_batch_passes_every_expectation():
    failures, results = validate_batch("answers", _answers(), NOW, DOMAINS)
    assert failures.empty
    assert list(results.columns) == RESULT_COLUMNS and results["success"].all()
    assert len(results) == len(SUITES["answers"])


@pytest.mark.parametrize("overrides, expected", [
    ({"taken_at": pd.to_datetime(["2026-05-01", None, "2026-05-01"])},
     (3, "taken_at", "taken_at_not_null", "date taken is missing or unreadable")),
    ({"taken_at": pd.to_datetime(["2026-05-01 00:00", "2026-05-01 00:00", "2026-06-02 08:00"])},
     (4, "taken_at", "taken_at_not_in_future", "date taken 2026-06-02 08:00 is in the future")),
    ({"domain_label": ["Domain 1", "Cooking", "Domain 1"], "domain_id": pd.array([1, None, 1], dtype="Int64")},
     (3, "domain_label", "domain_mapped", "label 'Cooking' matches no exam domain, task or service")),
    ({"domain_id": pd.array([1, 7, 1], dtype="Int64")},
     (3, "domain_id", "domain_in_blueprint", "domain 7 is not a domain of this exam")),
    ({"correct": pd.array([True, None, True], dtype="boolean")},
     (3, "correct", "correct_not_null", "correct/incorrect is missing or unreadable")),
    ({"seconds": [30.0, -1.0, 50.0]}, (3, "seconds", "seconds_in_range", "time on question -1 s is not between 0 and 6 h")),
    ({"question_id": ["1", "2", "1"]},
     (4, "attempt_id,domain_id,task_id,question_id", "unique_within_file", "duplicate of line 2")),
    ({"source": ["mock", "mock", "quizlet"]}, (4, "source", "source_allowed", "unknown source 'quizlet'")),
])
def test_each_answers_expectation_names_line_column_and_reason(overrides, expected):
    assert _failures("answers", _answers(**overrides)) == {expected[:3]: expected[3]}


@pytest.mark.parametrize("labels, ids, held", [
    (["D1", "Domain 1", "D2"], [1, 1, 2], {(3, "attempt_id,domain_id,task_id,question_id", "unique_within_file"):
                                           "duplicate of line 2"}),  # one domain spelt two ways: a repeat
    (["D1", "D2", "D3"], [1, 2, 3], {}),  # numbered within each domain: no repeat
])
def test_a_question_repeats_by_its_mapped_domain_not_the_label_text(monkeypatch, labels, ids, held):
    """The duplicate key is (attempt, domain_id, task_id, question) on both engines (s14 cross review, finding 4)."""
    frame = _answers(question_id=["1", "1", "1"], domain_label=labels, domain_id=pd.array(ids, dtype="Int64"))
    assert _both_engines("answers", frame, monkeypatch)[0] == held


@pytest.mark.parametrize("labels, tasks, held", [
    (["Task 1.1", "1.1", "Task 1.2"], ["1.1", "1.1", "1.2"],  # one task spelt two ways: a repeat
     {(3, "attempt_id,domain_id,task_id,question_id", "unique_within_file"): "duplicate of line 2"}),
    (["Task 1.1", "Task 1.2", "Task 1.3"], ["1.1", "1.2", "1.3"], {}),  # numbered within each task of domain 1
])
def test_a_question_of_a_file_labelled_by_task_repeats_by_its_mapped_task(monkeypatch, labels, tasks, held):
    """A file with a task column and no domain column: each task's Q1 is its own question, on both engines."""
    frame = _answers(question_id=["1", "1", "1"], domain_label=None, task_label=labels, task_id=tasks)
    assert _both_engines("answers", frame, monkeypatch)[0] == held


def test_domain_scores_ranges_and_pairs():
    frame = pd.DataFrame({"line": [2, 3, 4, 5], "attempt_id": "s", "taken_at": pd.to_datetime(["2026-05-01"] * 4),
                          "provider": None, "domain_label": ["D1", "D2", "D3", "D4"],
                          "correct": [25, 5, 0, 3], "total": [20, 10, 0, 10], "percent": [125.0, 50.0, None, 30.0],
                          "domain_id": pd.array([1, 2, 3, 4], dtype="Int64")})
    assert _failures("domain_scores", frame) == {
        (2, "correct", "correct_at_most_total"): "correct 25 is more than total 20",
        (2, "percent", "percent_in_range"): "percent 125 is not between 0 and 100",
        (4, "total", "total_positive"): "total questions 0 must be more than 0"}


def test_study_sessions_negative_too_long_duplicate_and_overlapping():
    frame = pd.DataFrame({"line": [2, 3, 4, 5, 6],
                          "started_at": pd.to_datetime(["2026-05-01 10:00", "2026-05-01 10:30", "2026-05-02 10:00",
                                                        "2026-05-03 10:00", "2026-05-01 10:00"]),
                          "minutes": [60.0, 30.0, -15.0, 2000.0, 60.0], "description": ["a", "b", "c", "d", "a"],
                          "project": None, "tags": None, "tool": "toggl", "domain_id": pd.array([1] * 5, dtype="Int64"),
                          "service": None})
    assert _failures("study_sessions", frame) == {
        (3, "started_at", "no_overlap"): "overlaps the entry on line 2 (until 2026-05-01 11:00)",
        (4, "minutes", "minutes_in_range"): "duration -15 min must be more than 0 and at most 24 h",
        (5, "minutes", "minutes_in_range"): "duration 2000 min must be more than 0 and at most 24 h",
        (6, "started_at,minutes,description", "unique_within_file"): "duplicate of line 2"}


def test_future_is_relative_to_the_run_time():
    tomorrow = datetime.now() + timedelta(days=1)
    frame = _answers(taken_at=pd.to_datetime([tomorrow.replace(microsecond=0)] * 3))
    failures, _ = validate_batch("answers", frame, datetime.now(), DOMAINS)
    assert set(failures["check_name"]) == {"taken_at_not_in_future"} and len(failures) == 3


def test_validation_time_per_batch_is_small():
    frame = pd.concat([_answers()] * 3334, ignore_index=True).assign(line=lambda f: f.index + 2,
                                                                     question_id=lambda f: f.index.astype(str))
    validate_batch("answers", frame, NOW, DOMAINS)  # warm: GE context built once per process
    started = time.perf_counter()
    failures, _ = validate_batch("answers", frame, NOW, DOMAINS)
    elapsed = time.perf_counter() - started
    print(f"GE answers suite on {len(frame)} rows: {elapsed:.3f} s")
    assert failures.empty and elapsed < 3


@pytest.mark.parametrize("text, kinds", [
    ("key AKIAIOSFODNN7EXAMPLE here", {"aws_access_key_id": 1}),
    ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", {"aws_secret_access_key": 1}),
    ("password: hunter2", {"password": 1}),
    ("the pwd=abc123; mail me@example.org", {"password": 1, "email": 1}),
    ("Kinesis shards: 1 MB/s in, 2 MB/s out; see docs.aws.amazon.com/kinesis", {}),
    ("Passing score is 720 of 1000; S3 bucket arn:aws:s3:::my-bucket", {}),
])
def test_secrets_are_found_and_prose_is_left_alone(text, kinds):
    masked, found = mask_text(text)
    assert found == kinds
    assert ("[masked:" in masked) == bool(kinds)


def test_masking_counts_per_note_section():
    frame = pd.DataFrame({"title": ["t", "t"], "heading": ["IAM", "Glue"],
                          "text": ["AKIAIOSFODNN7EXAMPLE and password: x1", "no secrets"]})
    masked, count = mask_frame("note_sections", frame)
    assert count == 2 and list(masked["secrets_masked"]) == [2, 0]
    assert "AKIA" not in masked["text"][0]


SHORT = "the row has 4 of 9 cells (cut short, or a delimiter missing)"
LONG = "the row has 11 cells where the header has 9 (a delimiter too many, or a value with an unquoted delimiter)"


def _both_engines(table, frame, monkeypatch):
    """(failures, results) of validate_batch by Great Expectations and by the SQL form, checked equal."""
    from warehouse import validation

    verdicts = []
    for threshold in (1 << 60, 0):  # GE, then the SQL form
        monkeypatch.setattr(validation, "SQL_MIN_ROWS", threshold)
        failures, results = validate_batch(table, frame, NOW, DOMAINS)
        verdicts.append((failures.to_dict("records"),
                         sorted(results.drop(columns="engine").to_dict("records"), key=lambda r: r["expectation"])))
    assert verdicts[0] == verdicts[1]
    return {(int(r["line"]), r["column_name"], r["check_name"]): r["reason"] for r in verdicts[0][0]}, verdicts[0][1]


@pytest.mark.parametrize("overrides, expected", [
    ({"taken_at": pd.to_datetime(["2026-05-01", None, "2026-05-01"]), "taken_at_text": [None, "2026-13-45", None]},
     {(3, "taken_at", "taken_at_not_null"): "date taken '2026-13-45' is not a date"}),
    ({"taken_at": pd.to_datetime(["2026-05-01", None, None]), "taken_at_text": [None, "31/02/2026", None]},
     {(3, "taken_at", "taken_at_not_null"): "date taken '31/02/2026' is not a date",
      (4, "taken_at", "taken_at_not_null"): "date taken is missing or unreadable"}),  # a blank cell
    ({"taken_at": pd.to_datetime(["2026-05-01", None, "2026-05-01"])},  # an adapter keeping no text
     {(3, "taken_at", "taken_at_not_null"): "date taken is missing or unreadable"}),
    ({"cells": [None, SHORT, None], "correct": pd.array([True, None, True], dtype="boolean"),
      "domain_label": ["Domain 1", "Set", "Domain 1"], "domain_id": pd.array([1, None, 1], dtype="Int64")},
     {(3, "cells", "cells_match_header"): SHORT}),  # not 'correct/incorrect is missing', not the label
    ({"cells": [None, None, LONG], "seconds": [30.0, 40.0, -5.0]}, {(4, "cells", "cells_match_header"): LONG}),
    ({"cells": [None, SHORT, None], "question_id": ["1", "1", "3"]},  # a repeated key is still said
     {(3, "cells", "cells_match_header"): SHORT,
      (3, "attempt_id,domain_id,task_id,question_id", "unique_within_file"): "duplicate of line 2"}),
])
def test_new_reasons_are_the_same_on_both_engines(monkeypatch, overrides, expected):
    failures, results = _both_engines("answers", _answers(**overrides), monkeypatch)
    assert failures == expected
    by_name = {r["expectation"]: r for r in results}
    if any(key[2] == "cells_match_header" for key in expected):  # the row is judged by its cells alone
        assert not by_name["cells_match_header"]["success"] and by_name["cells_match_header"]["unexpected_count"] == 1
        assert all(r["success"] and r["unexpected_count"] == 0 for name, r in by_name.items()
                   if name not in ("cells_match_header", "unique_within_file"))
    assert all((r["quarantined_lines"] == 0) == r["success"] for name, r in by_name.items()
               if name != "unique_within_file")
