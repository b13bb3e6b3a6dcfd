"""The study plan's sentences say what a figure rests on: a measured or an assumed pace, a service
absent from the learner's labelled material (not 'never studied'); unpractised services in an
order that means something (not alphabetical)."""
from __future__ import annotations

import pandas as pd
import pytest

from reports.plan_data import reasons, service_phrase, weak_services

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


WEIGHTS = {1: 0.34, 2: 0.26, 3: 0.22, 4: 0.18}


def service(name, domains, status="gap", questions=0, accuracy=None):
    return {"name": name, "domains": domains, "status": status, "questions": questions, "accuracy": accuracy}


@pytest.mark.parametrize("rows, domain_id, order", [
    # unpractised: serving more of the exam first (Redshift: domains 1-3 = 82%), not alphabetical
    ([service("Amazon AppFlow", [1]), service("Amazon Redshift", [1, 2, 3]), service("AWS Step Functions", [1, 3])],
     1, ["Amazon Redshift", "AWS Step Functions", "Amazon AppFlow"]),
    # absent from notes and hours ('gap') before only-in-notes ('weak'), whatever they serve
    ([service("AWS Glue", [1, 2, 3], status="weak"), service("Amazon Data Firehose", [1])],
     1, ["Amazon Data Firehose", "AWS Glue"]),
    # equal share: by name
    ([service("Amazon MSK", [1]), service("Amazon Data Firehose", [1])], 1, ["Amazon Data Firehose", "Amazon MSK"]),
    # the most-missed practised ones lead; covered ones and other domains' never appear
    ([service("AWS Glue", [1, 2, 3]), service("Amazon EMR", [1, 3], "weak", 8, 0.25),
      service("Amazon Athena", [1, 3], "weak", 4, 0.5), service("AWS KMS", [4]),
      service("Amazon Kinesis Data Streams", [1], "covered", 20, 0.9)],
     1, ["Amazon EMR", "Amazon Athena", "AWS Glue"]),
])
def test_services_to_start_with(rows, domain_id, order):
    assert weak_services(pd.DataFrame(rows), domain_id, WEIGHTS)["name"].tolist() == order
