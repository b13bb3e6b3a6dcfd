"""Secrets in a file's label cells and front matter: masked in raw, in what `run` says and in `inspect`'s lines,
the row kept and mapped as its label maps (a secret names no domain or service)."""
from __future__ import annotations

import json

import duckdb
import pytest

from examready.inspect import inspect_file
from sources.blueprint import load_blueprint
from tests.test_bulk_ingest import _both_paths
from tests.test_secrets_kinds import GHP

SECRETS = (GHP, "Hunter2x!", "AKIAIOSFODNN7EXAMPLE")
MOCK = ("attempt_id,taken_at,question_id,domain,task,service,correct\n"
        "m1,2026-02-09 21:05,1,Domain 1,1.1,Amazon Kinesis Data Streams,true\n"
        f"m1,2026-02-09 21:05,2,Domain 1 {GHP},1.1,Foo password: Hunter2x!,true\n"
        "m1,2026-02-09 21:05,3,Domain 1,1.1 AKIAIOSFODNN7EXAMPLE,AWS Glue,false\n")
STUDY_LOG = ("date,minutes,topic,project,service\n"
             "2026-02-01,45,Kinesis Data Streams,Domain 1,Amazon Kinesis Data Streams\n"
             f"2026-02-02,45,Glue jobs,Domain 1 {GHP},password: Hunter2x!\n")
NOTE = (f"---\ntitle: Glue\ndate: 2026-13-45 {GHP}\ntags: [glue, kinesis password:Hunter2x!]\n---\n"
        "# Glue\nCrawlers fill the Data Catalog.\n")


def holds_secret(text: str) -> bool:
    return any(secret in text for secret in SECRETS)


def test_label_cells_and_their_warning_are_masked_on_both_paths(tmp_path, monkeypatch, capsys):
    csv = tmp_path / "mock.csv"
    csv.write_text(MOCK)
    db, report = _both_paths(tmp_path, csv, monkeypatch)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT question_id, domain_label, task_label, service_label, domain_id, task_id, service "
                       "FROM raw.answers ORDER BY question_id").fetchall()
    assert rows == [("1", "Domain 1", "1.1", "Amazon Kinesis Data Streams", 1, "1.1", "Amazon Kinesis Data Streams"),
                    ("2", "Domain 1 [masked: GitHub token]", "1.1", "Foo password: [masked: password]", 1, "1.1",
                     None),
                    ("3", "Domain 1", "1.1 [masked: AWS access key id]", "AWS Glue", 1, "1.1", "AWS Glue")]
    assert report.secrets_masked == 3
    err = capsys.readouterr().err
    assert not holds_secret(err)
    assert "the service label 'Foo password: [masked: password]' names no" in err  # bulk: no lines
    assert "'Foo password: [masked: password]' (line 3) names no" in err


def test_a_study_logs_label_lines_in_inspect_are_masked(tmp_path):
    log = tmp_path / "hours" / "log.csv"
    log.parent.mkdir()
    log.write_text(STUDY_LOG)
    report = inspect_file(log, load_blueprint("DEA-C01"))
    labels = [m["label"] for m in report["labels"]["study_sessions"]["mappings"]]
    assert "Glue jobs | Domain 1 [masked: GitHub token] | password: [masked: password]" in labels
    assert not holds_secret(json.dumps(report))


@pytest.mark.parametrize("name, text", [("mock.csv", MOCK), ("note.md", NOTE)])
def test_inspect_says_nothing_of_a_secret(tmp_path, name, text):
    path = tmp_path / ("exams" if name.endswith(".csv") else "notes") / name
    path.parent.mkdir()
    path.write_text(text)
    assert not holds_secret(json.dumps(inspect_file(path, load_blueprint("DEA-C01"))))


def test_front_matter_warnings_quoting_a_secret_are_masked(tmp_path, capsys):
    from tests.helpers_workspace import ingest, new_workspace

    ws = new_workspace(tmp_path / "ws")
    note = ws.inbox / "notes" / "glue.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(NOTE)
    ingest(ws)
    err = capsys.readouterr().err
    assert "front matter date '2026-13-45 [masked: GitHub token]' at line 3 is not a date" in err
    assert "front matter tag 'kinesis password:[masked: password]' at line 4" in err
    assert not holds_secret(err)
    con = duckdb.connect(str(ws.db_path), read_only=True)
    warnings = [w for (w,) in con.execute("SELECT warning FROM raw.note_sections").fetchall()]
    assert warnings and not holds_secret(" ".join(warnings))
