"""A file without a date is dated by its modification day in the learner's zone, not the machine's (UTC here)."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pytest

from sources.blueprint import load_blueprint
from sources.datetimes import file_date, modified_day
from warehouse.connection import open_warehouse
from warehouse.ingest import ingest_inbox

SAVED = datetime(2026, 12, 5, 11, 30, tzinfo=timezone.utc).timestamp()  # 00:30 on 6 Dec in Auckland


def _saved(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (SAVED, SAVED))
    return path


@pytest.mark.parametrize("zone, day", [("Pacific/Auckland", date(2026, 12, 6)), ("UTC", date(2026, 12, 5)),
                                       ("America/Los_Angeles", date(2026, 12, 5)), ("Asia/Kolkata", date(2026, 12, 5))])
def test_the_modification_day_is_the_learners(tmp_path, zone, day):
    path = _saved(tmp_path / "results.csv", "x\n")
    assert modified_day(path, zone) == day
    assert file_date(path, [], zone)[0].date() == day


def test_an_undated_export_and_note_count_on_the_learners_day(tmp_path):
    """Before, both were of 5 Dec in Auckland (the machine's UTC day): counted a day before they were made."""
    inbox = tmp_path / "inbox"
    _saved(inbox / "exams" / "nodate.csv", "question,domain,correct\n1,Domain 1,true\n2,Domain 2,false\n")
    _saved(inbox / "notes" / "macie.md", "# Amazon Macie\nFinds sensitive data in S3.\n")
    with open_warehouse(tmp_path / "warehouse.duckdb") as con:
        ingest_inbox(con, inbox, load_blueprint("DEA-C01"), "sam", "run-1", now=datetime(2026, 12, 6, 9, 0),
                     zone="Pacific/Auckland")
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        taken = con.execute("SELECT DISTINCT taken_at::DATE FROM raw.answers").fetchall()
        noted = con.execute("SELECT DISTINCT note_date FROM raw.note_sections").fetchall()
    assert taken == [(date(2026, 12, 6),)] and noted == [(date(2026, 12, 6),)]
