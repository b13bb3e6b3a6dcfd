"""How a service is written in notes, study entries and labels (READING_RULES 24): a one-word name in its
capitalised parts ('Event Bridge') names it, Unicode hyphens separate words as '-' does, and prose where a
service's word means something else ('the lambda architecture', 'glue code') names no service. Before (found by
an exploratory probe of the notes): 'Event Bridge', 'Cloud Trail', 'Data Sync' named nothing, 'Glue Data Brew'
was AWS Glue, and 'the lambda architecture' studied AWS Lambda."""
from __future__ import annotations

import pytest

from sources.blueprint import load_blueprint
from sources.label_services import find_services, label_services, map_service

BP = load_blueprint("DEA-C01")


@pytest.mark.parametrize(("text", "services"), [
    ("Event Bridge rules start the job", ["Amazon EventBridge"]),
    ("EVENT BRIDGE", ["Amazon EventBridge"]),
    ("Event-Bridge", ["Amazon EventBridge"]),
    ("Cloud Trail logs API calls", ["AWS CloudTrail"]),
    ("Data Sync agents copy NFS shares", ["AWS DataSync"]),
    ("Code Pipeline", ["AWS CodePipeline"]),
    ("Cloud Watch Logs Insights", ["Amazon CloudWatch Logs"]),
    ("Glue Data Brew recipes", ["AWS Glue DataBrew"]),
    ("AWS Glue Data Brew", ["AWS Glue DataBrew"]),
    ("Step\u2011Functions retries", ["AWS Step Functions"]),       # non-breaking hyphen
    ("lake\u2010formation tags", ["AWS Lake Formation"]),          # Unicode hyphen
    ("the lambda architecture combines batch and speed layers", []),
    ("a Lambda expression in Python", []),
    ("glue code between the services", []),
    ("the glue that holds the pipeline together", []),
    ("S3-compatible storage like MinIO", []),
])
def test_spellings_and_prose(text, services):
    assert find_services(text, BP) == services


@pytest.mark.parametrize(("text", "services"), [
    ("the data sync job runs nightly", []),          # lower-case words are prose, not a name in parts
    ("Data sync", []),
    ("ETL with glue", ["AWS Glue"]),                  # a service named in lower case still counts
    ("Glue code generation for jobs", ["AWS Glue"]),
    ("Lambda functions behind API Gateway", ["AWS Lambda", "Amazon API Gateway"]),
    ("S3 buckets and SSE-S3", ["Amazon S3"]),
    ("EventBridge", ["Amazon EventBridge"]),
    ("sorted(xs, key=lambda x: x[1])", []),
])
def test_what_stays_as_it_was(text, services):
    assert find_services(text, BP) == services


@pytest.mark.parametrize(("label", "service"), [
    ("event bridge", "Amazon EventBridge"),   # a label cell that is only the name, any case
    ("Data Sync", "AWS DataSync"),
    ("cloud trail", "AWS CloudTrail"),
])
def test_a_label_of_a_one_word_name_in_parts(label, service):
    assert map_service(label, BP) == service
    assert label_services(label, BP) == [service]
