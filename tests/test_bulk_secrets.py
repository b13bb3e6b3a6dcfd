"""A large file's secrets are masked where the smaller files' path masks them: set names and held-back cells."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.test_bulk_ingest import _both_paths, _row_values

KEY = "AKIAABCDEFGHIJKLMNOP"
STRIPE = "sk_live_" + "a1B2c3D4e5F6g7H8i9J0k1L2"
ROWS = [f"lab {STRIPE},2026-03-05 10:00,1,Data Store Management,yes",
        f"Q Set,2026-03-05 10:01 {KEY},2,Data Store Management,yes",
        f"Q Set,2026-03-05 10:02,3,Data Store Management,TRUE {KEY}",
        "Q Set,2026-03-05 10:03,4,Data Store Management,no"]


def _stored_texts(db: Path) -> str:
    """Every text raw.answers and raw.quarantine hold (learner ids aside), as one string."""
    with duckdb.connect(str(db), read_only=True) as con:
        answers = con.execute("SELECT string_agg(concat_ws('|', attempt_id, question_id, provider), '|') "
                              "FROM raw.answers").fetchall()[0][0]
        held = con.execute("SELECT string_agg(reason || row_json, '|') FROM raw.quarantine").fetchall()[0][0]
    return f"{answers}|{held}"


@pytest.mark.parametrize("learner", [False, True])
def test_an_attempt_name_and_a_held_back_rows_cells_are_masked_on_both_paths(tmp_path, monkeypatch, learner):
    header, rows = "Attempt,Date,Question,Domain,Correct", ROWS
    if learner:  # a class export
        header, rows = "Student," + header, [f"{who},{row}" for who, row in zip(["ana", "ana", "ben", "ana"], rows)]
    csv = tmp_path / "bad.csv"
    csv.write_text("\n".join([header, *rows]) + "\n")
    db_bulk, report = _both_paths(tmp_path, csv, monkeypatch)
    assert _row_values(db_bulk) == _row_values(tmp_path / "pandas.duckdb")
    assert (report.rows_quarantined, report.secrets_masked) == (2, 1)
    stored = _stored_texts(db_bulk)
    assert KEY not in stored and STRIPE not in stored
    assert "lab [masked: Stripe secret key]" in stored and "TRUE [masked: AWS access key id]" in stored


def test_sittings_of_a_set_named_with_a_secret_are_masked_alike(tmp_path, monkeypatch):
    """A practice set sat twice on two platforms: each sitting's id is the masked name, its time and platform."""
    lines = ["Exam,Date,Question,Domain,Correct,Platform"]
    for day, platform in ((5, "TD"), (5, "Udemy"), (12, "TD")):
        lines += [f"set {STRIPE},2026-03-{day:02d} 10:0{q},q{q},Domain 1,true,{platform}" for q in range(3)]
    csv = tmp_path / "sets.csv"
    csv.write_text("\n".join(lines) + "\n")
    db_bulk, report = _both_paths(tmp_path, csv, monkeypatch)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        ids = sorted(r[0] for r in con.execute("SELECT DISTINCT attempt_id FROM raw.answers").fetchall())
    masked = "set [masked: Stripe secret key]"
    assert ids == [f"{masked} 2026-03-05 10:00 (TD)", f"{masked} 2026-03-05 10:00 (Udemy)",
                   f"{masked} 2026-03-12 10:00 (TD)"]
    assert report.secrets_masked == 9


def test_a_file_named_with_a_secret_is_an_attempt_of_the_masked_name(tmp_path, monkeypatch):
    csv = tmp_path / f"lab {KEY}.csv"
    csv.write_text("Date,Question,Domain,Correct\n"
                   + "".join(f"2026-03-05 10:0{q},q{q},Domain 1,true\n" for q in range(4)))
    os.utime(csv, (datetime(2026, 3, 5).timestamp(),) * 2)
    db_bulk, report = _both_paths(tmp_path, csv, monkeypatch)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        ids = con.execute("SELECT DISTINCT attempt_id FROM raw.answers").fetchall()
    assert ids == [("lab [masked: AWS access key id]",)] and report.secrets_masked == 4

