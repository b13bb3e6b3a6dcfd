"""A service label naming no service of the exam (a typo, 'Lake Formaton'; 'Foobar') counts its question for no
service in coverage: `run` and `inspect` say so, naming the label and its line, on both ingestion paths
(docs/formats.md); labels naming a service, an umbrella word or a domain say nothing new."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sources.blueprint import load_blueprint
from tests.conftest import run_cli, run_json
from warehouse.label_warnings import service_label_warnings

HEADER = "attempt_id,taken_at,question_id,domain,service,correct\n"
ROWS = [("D4", "Lake Formaton", "true"), ("D4", "LakeFormation", "true"), ("D1", "Foobar", "false"),
        ("D1", "AWS Glue", "true"), ("D4", "Security", "true"), ("D1", "Lake Formaton", "false")]
SAID = ("the service labels 'Foobar' (line 4), 'Lake Formaton' (lines 2, 7) name no service of the exam: those "
        "questions count in their domain's readiness but for no service in coverage (`examready gaps`)")


def mock(rows: list[tuple[str, str, str]], repeat: int = 1) -> str:
    """A per-question export: each row's question numbered, every sitting of one day."""
    return HEADER + "".join(f"m{k},2026-11-20 10:00,{i},{d},{s},{c}\n" for k in range(repeat)
                            for i, (d, s, c) in enumerate(rows, 1))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("unnamed") / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    return root


def test_run_and_inspect_name_labels_that_name_no_service(workspace):
    path = workspace / "inbox" / "exams" / "m1.csv"
    path.write_text(mock(ROWS))
    run = run_cli("run", "-w", str(workspace))
    assert f"examready: exams/m1.csv: {SAID.replace('the service labels', '2 service labels')}" in run.stderr
    assert SAID.replace("the service labels", "2 service labels") in run_cli("inspect", "-w", str(workspace),
                                                                              str(path)).stdout
    gaps = {s["name"]: s for s in run_json("gaps", "-w", str(workspace))["services"]}
    assert gaps["AWS Lake Formation"]["questions"] == 1  # LakeFormation, one word; the typo is never guessed


def test_labels_naming_services_say_nothing(workspace):
    path = workspace / "inbox" / "exams" / "m2.csv"
    path.write_text(mock([("D4", "AWS Lake Formation", "true"), ("D1", "Glue", "true"), ("D4", "Security", "1")]))
    run = run_cli("run", "-w", str(workspace))
    assert "no service of the exam" not in run.stderr


def test_the_bulk_path_labels_without_lines_are_named_too():
    """The bulk path (files of 4 MiB or more) passes its distinct labels, without lines (bulk_answers._lookups)."""
    labels = pd.DataFrame({"task_label": "", "domain_label": ["D4", "D1", "D1", "D4"],
                           "service_label": ["Lake Formaton", "Foobar", "", "AWS Glue"]})
    said = service_label_warnings(labels, load_blueprint("DEA-C01"))
    assert said == [SAID.replace("the service labels", "2 service labels").replace(" (line 4)", "").replace(
        " (lines 2, 7)", "") + "; write the service as the exam guide names it (e.g. 'AWS Lake Formation', "
        "'Amazon Athena')"]
