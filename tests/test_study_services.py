"""A study entry counts for every service its topic names ('Lake Formation and Macie'), as a question's
service label does: its minutes split evenly among them, so no service is called never studied and the
hours per domain and overall stay as logged. Both ingestion paths store the services alike.
Inputs: the user review of 3 Dec 2026 (s15, multi-svc)."""
from __future__ import annotations

import duckdb

from tests.conftest import run_json
from tests.helpers_workspace import ingest, new_workspace
from tests.test_bulk_sessions import TOGGL, _both_paths
from warehouse import validation
from warehouse.connection import open_warehouse, read_sql

LOG = "date,hours,topic\n2026-11-17,1.5,Lake Formation and Macie (Domain 4)\n2026-11-19,2h,CloudWatch Logs & CloudTrail\n"
NAMED = {"AWS Lake Formation": 0.75, "Amazon Macie": 0.75, "Amazon CloudWatch Logs": 1.0, "AWS CloudTrail": 1.0}


def test_every_service_an_entry_names_gets_its_share_of_the_hours(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "plain-log.csv").write_text(LOG)
    run_json("run", "-w", str(ws.root))
    services = {s["name"]: s for s in run_json("gaps", "-w", str(ws.root))["services"]}
    assert {name: services[name]["hours"] for name in NAMED} == NAMED
    assert {services[name]["status"] for name in NAMED} == {"weak"}  # studied: not a gap
    assert sum(s["hours"] for s in services.values()) == 3.5  # the hours logged, none twice
    readiness = run_json("readiness", "-w", str(ws.root))
    assert [d["hours"] for d in readiness["domains"]] == [0.0, 0.0, 0.0, 1.5]  # D4's entry counts once
    assert readiness["hours_without_domain"] == {"hours": 2.0, "entries": 1, "entries_naming_a_service": 1,
                                                 "services": ["AWS CloudTrail", "Amazon CloudWatch Logs"]}


def test_the_bulk_and_pandas_paths_store_every_service_an_entry_names(tmp_path, monkeypatch):
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    rows = [f"Me,me@example.com,,DEA-C01,,{text},No,2026-03-{day:02d},07:00:00,,,00:30:00,{tags},"
            for day, (text, tags) in enumerate([("Lake Formation and Macie", ""), ("CloudWatch Logs", "cloudtrail"),
                                                ("Glue ETL jobs", ""), ("Astrology", "")] * 5, start=1)]
    future = "Me,me@example.com,,DEA-C01,,Lake Formation and Macie,No,2026-11-30,07:00:00,,,00:30:00,,"  # held back
    csv = tmp_path / "toggl.csv"
    csv.write_text("\n".join([",".join(TOGGL), *rows, future]) + "\n")
    bulk, taken = _both_paths(tmp_path, monkeypatch, csv)  # the same raw rows and row_json, services included
    assert taken == [bulk] and (bulk.rows_loaded, bulk.rows_quarantined) == (20, 1)
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        stored = dict(con.execute("SELECT DISTINCT description, services FROM raw.study_sessions").fetchall())
    assert stored == {"Lake Formation and Macie": ["AWS Lake Formation", "Amazon Macie"],
                      "CloudWatch Logs": ["Amazon CloudWatch Logs", "AWS CloudTrail"],
                      "Glue ETL jobs": ["AWS Glue"], "Astrology": None}


def staged_services(db_path) -> list:
    with open_warehouse(db_path) as con:
        for model in ("current_loads", "study_entries", "study_sessions"):
            con.execute(read_sql(f"staging/{model}.sql"))
        return con.execute("SELECT services FROM staging.study_sessions ORDER BY started_at").fetchall()


def test_a_log_read_by_rules_12_is_read_again_and_then_counts_for_every_service(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "plain-log.csv").write_text(LOG)
    ingest(ws, "r1")
    with duckdb.connect(str(ws.db_path)) as con:  # what READING_RULES 12 wrote: the first service alone
        con.execute("UPDATE raw.study_sessions SET services = NULL")
        con.execute("UPDATE raw.file_events SET rules = 12")
    assert staged_services(ws.db_path) == [(["AWS Lake Formation"],), (["Amazon CloudWatch Logs"],)]
    assert [r.status for r in ingest(ws, "r2")] == ["replaced"]
    assert staged_services(ws.db_path) == [(["AWS Lake Formation", "Amazon Macie"],),
                                           (["Amazon CloudWatch Logs", "AWS CloudTrail"],)]
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged"]


def test_readiness_before_the_first_run_after_the_upgrade_reads_the_first_service_of_older_staging(tmp_path):
    """staging.study_sessions built by an older version has `service` alone: readiness still answers (it did
    before `services` came), counting the entries and naming their first service, until the next run."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "plain-log.csv").write_text(LOG)
    run_json("run", "-w", str(ws.root))
    with duckdb.connect(str(ws.db_path)) as con:  # the table as older versions built it
        con.execute("CREATE OR REPLACE TABLE staging.study_sessions AS "
                    "SELECT * EXCLUDE (services) FROM staging.study_sessions")
    readiness = run_json("readiness", "-w", str(ws.root))
    assert readiness["hours_without_domain"] == {"hours": 2.0, "entries": 1, "entries_naming_a_service": 1,
                                                 "services": ["Amazon CloudWatch Logs"]}
