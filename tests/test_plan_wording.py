"""The study plan's sentences say what a figure rests on: a measured or an assumed pace, a service
absent from the learner's labelled material (not 'never studied')."""
from __future__ import annotations

import pytest

from reports.plan_data import reasons, service_phrase

ROW = {"weight": 0.34, "readiness": 62.0, "low": 50.0, "high": 72.0, "questions": 65, "measured": True,
       "trend_note": "", "change": float("nan"), "since": None, "readiness_gain_per_hour": 1.2,
       "pass_gain_per_hour": 0.004}


@pytest.mark.parametrize("measured, start", [
    (True, "At your logged pace an hour of study adds about 1.2 readiness points"),
    (False, "At an assumed pace (your logged hours and scores do not measure one yet) an hour of study adds"),
])
def test_the_pace_sentence_says_whether_it_was_measured(measured, start):
    assert reasons({**ROW, "pace_measured": measured}, "")[-1].startswith(start)


@pytest.mark.parametrize("row, phrase", [
    ({"name": "AWS Glue", "status": "gap", "questions": 0, "accuracy": None},
     "AWS Glue (not in your notes, hours or labelled questions)"),
    ({"name": "AWS Glue", "status": "weak", "questions": 0, "accuracy": None}, "AWS Glue (no practice questions yet)"),
    ({"name": "AWS Backup", "status": "weak", "questions": 7, "accuracy": 2 / 7}, "AWS Backup (29% of 7)"),
])
def test_service_phrases(row, phrase):
    assert service_phrase(row) == phrase
