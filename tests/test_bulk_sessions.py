"""The bulk path for Toggl/Clockify exports stores exactly what the pandas path stores for a file."""
from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

import duckdb
import pytest

from sources.blueprint import load_blueprint
from sources.registry import parse_file
from tests.test_bulk_ingest import NOW, assert_same_rows
from warehouse import bulk_sessions, ingest, validation
from warehouse.connection import open_warehouse
from warehouse.inbox import InboxFile, file_sha256

TOGGL = ["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date", "Start time",
         "End date", "End time", "Duration", "Tags", "Amount ()"]
CLOCKIFY = ["Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Billable", "Start Date",
            "Start Time", "End Date", "End Time", "Duration (h)", "Duration (decimal)"]
TEXTS = ["Glue ETL jobs", "Kinesis vs MSK", "", " padded\u00a0", "password: hunter2", "mail a.b@example.com",
         "AKIAABCDEFGHIJKLMNOP in notes", "Lake Formation, LF-tags", "Astrology", "\tIAM policies",
         'the "S3 Select" demo']
PROJECTS = ["DEA-C01", "", "Domain 3", "Security & Governance"]
TASKS = ["", "", "Domain 1", "secret: x1"]
TAGS = ["", "aws, glue", "dea-c01", "kinesis", "pwd=abc123"]
TOGGL_DAYS = ["2026-03-0{}", "2026-03-1{}", "2026-04-0{}"]
TOGGL_TIMES = ["09:{:02d}:00", "21:{:02d}:00", "07:{:02d}", "23:{:02d}:30.5"]
DURATIONS = ["00:30:00", "01:15:00", "0:45", "1.5", "", "abc", "-00:10:00", "30:00:00", "nan", " 00:20:00 "]
COLUMNS = ("learner_id, line, line_row, started_at, minutes, description, project, tags, tool, domain_id, service, "
           "services")


def _email(user: str) -> str:
    return f"{user.strip().lower() or 'someone'}@bootcamp.example"


def _toggl_row(rng: random.Random, user: str, odd: bool) -> dict:
    day = rng.choice(TOGGL_DAYS).format(rng.randint(1, 9))
    clock = rng.choice(TOGGL_TIMES).format(rng.randint(0, 59))
    if odd:
        day, clock = rng.choice([("", clock), (day, ""), ("not a date", clock), (day, "25:00:00"),
                                 ("2027-01-01", clock), ("19/03/2026", "9:00")])
    return {"User": user, "Email": _email(user), "Project": rng.choice(PROJECTS), "Task": rng.choice(TASKS),
            "Description": rng.choice(TEXTS), "Billable": "No", "Start date": day, "Start time": clock,
            "Duration": rng.choice(DURATIONS), "Tags": rng.choice(TAGS)}


def _clockify_row(rng: random.Random, user: str, odd: bool) -> dict:
    day = f"{rng.choice(['03', '04'])}/{rng.randint(1, 28):02d}/2026"
    clock = f"{rng.randint(1, 12):02d}:{rng.randint(0, 59):02d}:00 {rng.choice(['AM', 'PM'])}"
    hours, decimal = rng.choice([("00:45:00", "0.75"), ("", "1.25"), ("", ""), ("01:30:00", ""), ("x", "2"),
                                 ("30:00:00", "30")])
    return {"User": user, "Email": _email(user), "Project": rng.choice(PROJECTS), "Task": rng.choice(TASKS),
            "Description": rng.choice(TEXTS), "Billable": "No", "Start Date": "" if odd else day, "Start Time": clock,
            "Duration (h)": hours, "Duration (decimal)": decimal, "Tags": rng.choice(TAGS)}


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if "," in value or '"' in value else value


def messy_export(path: Path, header: list[str], users, rows: int = 1200, seed: int = 3, odd: float = 0.05,
                 newline: str = "\n", encoding: str = "utf-8") -> Path:
    """A detailed report with every kind of cell a tool writes: blanks, junk, secrets, repeats, overlaps."""
    rng = random.Random(seed)
    make = _toggl_row if "Duration" in header else _clockify_row
    lines, written = [",".join(header)], []
    for n in range(rows):
        repeat = written and rng.random() < 0.03  # a repeated entry: a duplicate
        row = rng.choice(written) if repeat else make(rng, rng.choice(users), rng.random() < odd)
        written.append(row)
        lines.append(",".join(_quoted(row.get(h, "")) for h in header))
        if n % 400 == 399:  # a row of empty cells: skipped by both readers
            lines.append("," * (len(header) - 1))
    path.write_text(newline.join(lines) + newline, encoding=encoding, newline="")
    return path


def _load(tmp_path: Path, csv: Path, bulk: bool, monkeypatch, name: str, taken: list):
    """Ingest one file into a fresh warehouse, the bulk path allowed or not; records what it returned."""
    monkeypatch.setattr(bulk_sessions, "MIN_BYTES", 0 if bulk else 1 << 60)
    real = ingest.ingest_sessions
    monkeypatch.setattr(ingest, "ingest_sessions", lambda *a: taken.append(real(*a)) or taken[-1])
    file = InboxFile(csv, f"hours/{csv.name}", "hours", file_sha256(csv))
    with open_warehouse(tmp_path / f"{name}.duckdb") as con:
        report = ingest.ingest_file(con, file, load_blueprint("DEA-C01"), "me", "run-1", parse_file, NOW)
    return tmp_path / f"{name}.duckdb", report


def assert_same_warehouse(db_bulk: Path, db_pandas: Path) -> None:
    assert_same_rows(db_bulk, db_pandas, (
        f"SELECT {COLUMNS} FROM {{db}}.raw.study_sessions",
        "SELECT * EXCLUDE (load_id) FROM {db}.raw.quarantine",
        "SELECT * EXCLUDE (load_id) FROM {db}.raw.validation_results",
        "SELECT * EXCLUDE (load_id, run_id, recorded_at) FROM {db}.raw.file_events",
        "SELECT * EXCLUDE (load_id) FROM {db}.raw.learner_names"))


def _both_paths(tmp_path, monkeypatch, csv: Path):
    """(bulk report, what the bulk path returned) after checking both paths leave the same warehouse."""
    taken: list = []
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk", taken)
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas", [])
    assert bulk == pandas_report
    assert_same_warehouse(db_bulk, db_pandas)
    return bulk, taken


@pytest.mark.parametrize("header, users, learners", [
    (TOGGL, ["ana", "ben", " cleo "], {"ana@bootcamp.example", "ben@bootcamp.example", "cleo@bootcamp.example"}),
    ([h for h in TOGGL if h != "Email"], ["ana", "ben", " cleo "], {"ana", "ben", "cleo"}),
    (TOGGL, ["Sam Learner"], {"me"}),
    (TOGGL, ["ana", "ben", ""], {"ana@bootcamp.example", "ben@bootcamp.example", "someone@bootcamp.example"}),
    ([h for h in TOGGL if h not in ("User", "Email", "Task", "Tags")], ["ana", "ben"], {"me"}),
    (CLOCKIFY, ["ana", "ben"], {"ana@bootcamp.example", "ben@bootcamp.example"}),
    (CLOCKIFY, ["Alex Doe"], {"me"}),
])
@pytest.mark.parametrize("odd", [0.0, 0.06])
def test_messy_exports_give_the_same_rows_quarantine_and_results(tmp_path, monkeypatch, capsys, header, users,
                                                                  learners, odd):
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)  # both paths judge these small files with the SQL form
    bulk, taken = _both_paths(tmp_path, monkeypatch, messy_export(tmp_path / "export.csv", header, users, odd=odd))
    assert taken == [bulk] and "row by row" not in capsys.readouterr().err
    assert bulk.rows_in == 1200 and 0 < bulk.rows_quarantined < 1200 and bulk.secrets_masked > 0
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.study_sessions").fetchall()}
        checks = {r[0] for r in con.execute("SELECT check_name FROM raw.quarantine").fetchall()}
    assert stored == learners
    assert {"minutes_not_null", "minutes_in_range", "unique_within_file", "no_overlap"} <= checks


def test_toggls_own_encoding_and_line_ends_take_the_bulk_path(tmp_path, monkeypatch):
    """Toggl writes UTF-8 with a BOM; Windows tools end lines with CRLF."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_export(tmp_path / "bom.csv", TOGGL, ["ana", "ben"], newline="\r\n", encoding="utf-8-sig")
    bulk, taken = _both_paths(tmp_path, monkeypatch, csv)
    assert taken == [bulk] and bulk.rows_in == 1200


def test_small_exports_stay_with_great_expectations(tmp_path, monkeypatch, capsys):
    """Fewer entries than SQL_MIN_ROWS: the pandas path reads it, as before, without a note."""
    bulk, taken = _both_paths(tmp_path, monkeypatch, messy_export(tmp_path / "small.csv", TOGGL, ["ana", "ben"]))
    assert taken == [None] and bulk.status == "loaded" and "row by row" not in capsys.readouterr().err
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        assert con.execute("SELECT DISTINCT engine FROM raw.validation_results").fetchall() == [("great_expectations",)]


@pytest.mark.parametrize("change, reason", [
    (lambda text: text.replace("\n", "\n\n", 3), "blank lines"),
    (lambda text: text.replace("Glue ETL jobs", '"Glue\nETL jobs"', 2), "a line break in a cell"),
    (lambda text: text.replace("Client", "description", 1), "two columns with one name"),
    (lambda text: "sep=,\n" + text, "an Excel sep= line"),
    (lambda text: text + "ana,ana@bootcamp.example,,DEA-C01\n", "a short row at the end"),
])
def test_exports_the_bulk_path_cannot_read_alike_take_the_pandas_path(tmp_path, monkeypatch, capsys, change, reason):
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_export(tmp_path / "odd.csv", TOGGL, ["ana", "ben"], rows=300)
    csv.write_text(change(csv.read_text()))
    bulk, taken = _both_paths(tmp_path, monkeypatch, csv)
    assert taken == [] and "reading it row by row instead" in capsys.readouterr().err, reason
    assert bulk.rows_in > 0


def test_dates_whose_order_decides_day_first_take_the_pandas_path(tmp_path, monkeypatch, capsys):
    """No day above 12: only the rows' order tells 03/04 from 04/03, which the distinct values lose."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_export(tmp_path / "ambiguous.csv", CLOCKIFY, ["ana", "ben"], rows=300)
    csv.write_text(re.sub(r"/(\d\d)/2026", lambda m: f"/{min(int(m[1]), 12):02d}/2026", csv.read_text()))
    bulk, _ = _both_paths(tmp_path, monkeypatch, csv)
    assert "day-first depends on the order" in capsys.readouterr().err and bulk.rows_in == 300


def test_dates_with_dots_are_day_first_on_both_paths_whatever_the_order(tmp_path, monkeypatch, capsys):
    """03.04.2026 is 3 April: dots are day-first (a German export), with no day above 12, rows out of date
    order and 12-hour times, which made it month-first before; the bulk path need not read the rows' order."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_export(tmp_path / "dotted.csv", CLOCKIFY, ["ana", "ben"], rows=300, odd=0)  # every row dated
    csv.write_text(re.sub(r"(\d\d)/(\d\d)/2026", lambda m: f"{min(int(m[2]), 12):02d}.{m[1]}.2026", csv.read_text()))
    bulk, taken = _both_paths(tmp_path, monkeypatch, csv)
    assert taken and "day-first depends on the order" not in capsys.readouterr().err
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        months = {m for (m,) in con.execute("SELECT DISTINCT month(started_at) FROM raw.study_sessions "
                                            "WHERE started_at IS NOT NULL").fetchall()}
    assert months == {3, 4} and bulk.rows_in == 300


def test_a_second_export_at_the_same_path_replaces_on_both_paths(tmp_path, monkeypatch):
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_export(tmp_path / "team.csv", TOGGL, ["ana", "ben"], rows=300)
    for bulk in (True, False):
        monkeypatch.setattr(bulk_sessions, "MIN_BYTES", 0 if bulk else 1 << 60)
        with open_warehouse(tmp_path / f"{bulk}.duckdb") as con:
            statuses = []
            for seed in (1, 2):
                messy_export(csv, TOGGL, ["ana", "ben"], rows=300, seed=seed)
                file = InboxFile(csv, "hours/team.csv", "hours", file_sha256(csv))
                statuses.append(ingest.ingest_file(con, file, load_blueprint("DEA-C01"), "me", "r", parse_file,
                                                   NOW).status)
        assert statuses == ["loaded", "replaced"], f"bulk={bulk}"
    assert_same_warehouse(tmp_path / "True.duckdb", tmp_path / "False.duckdb")


def _with_row(path: Path, line: int, edit) -> None:
    """The file with the cells of one line changed by `edit` (a list of cells -> another)."""
    lines = path.read_text().split("\n")
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(edit(next(csv.reader([lines[line - 1]]))))
    lines[line - 1] = out.getvalue()
    path.write_text("\n".join(lines))


@pytest.mark.parametrize("edit, quarantined", [
    (lambda cells: cells[:5], [("cells", "cells_match_header", "the row has 5 of 14 cells (cut short, or a "
                                "delimiter missing)")]),
    (lambda cells: cells + ["stray"], [("cells", "cells_match_header", "the row has 15 cells where the header "
                                        "has 14 (a delimiter too many, or a value with an unquoted delimiter)")]),
    # a blank cell too many on one row (DuckDB alone reads this file as if it were not there)
    (lambda cells: cells + [""], [("cells", "cells_match_header", "the row has 15 cells where the header "
                                   "has 14 (a delimiter too many, or a value with an unquoted delimiter)")]),
])
def test_ragged_rows_take_the_pandas_path_and_are_quarantined_for_their_cells(tmp_path, monkeypatch, capsys, edit,
                                                                              quarantined):
    """DuckDB refuses a row with cells missing or non-blank cells too many (csvfast.NotPlain): such a file
    never reaches the bulk path; the pandas path quarantines the row for its cells alone."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv_path = messy_export(tmp_path / "ragged.csv", TOGGL, ["ana", "ben"], rows=300)
    _with_row(csv_path, 100, edit)  # a line without other problems
    bulk, taken = _both_paths(tmp_path, monkeypatch, csv_path)
    assert (taken == []) == bool(quarantined) and bulk.rows_in == 300
    if quarantined:
        assert "reading it row by row instead" in capsys.readouterr().err
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        held = con.execute("SELECT column_name, check_name, reason FROM raw.quarantine WHERE line = 100").fetchall()
    assert held == quarantined


def _own_export(path: Path, header: list[str], durations: list[tuple]) -> Path:
    """A learner's own export of one entry an hour, each with these duration cells (Duration; or Duration (h)
    and Duration (decimal))."""
    cells = ["Duration"] if "Duration" in header else ["Duration (h)", "Duration (decimal)"]
    rows = [dict(zip(cells, written), **{"Project": "DEA-C01", "Description": "Glue ETL jobs", "Billable": "No",
                                         "Start date": "2026-03-01", "Start time": f"{9 + i:02d}:00:00",
                                         "Start Date": "03/15/2026", "Start Time": f"{1 + i:02d}:00:00 PM"})
            for i, written in enumerate(durations)]
    path.write_text("\n".join([",".join(header), *(",".join(_quoted(r.get(h, "")) for h in header) for r in rows)])
                    + "\n")
    return path


@pytest.mark.parametrize("header, durations, held", [
    (TOGGL, [("00:30:00",), ("1h3O",), ("",), (" abc ",), ("nan",)],
     [(3, "duration '1h3O' is unreadable"), (4, "duration is missing or unreadable"),
      (5, "duration 'abc' is unreadable"), (6, "duration 'nan' is unreadable")]),
    (CLOCKIFY, [("00:30:00", "0.5"), ("1h3O", "1.05"), ("", ""), ("", "zwei"), ("x", "2")],
     [(3, "duration '1h3O' is unreadable"), (4, "duration is missing or unreadable"),
      (5, "duration 'zwei' is unreadable"), (6, "duration 'x' is unreadable")]),
], ids=["toggl", "clockify"])
def test_an_unreadable_duration_is_quoted_on_both_paths(tmp_path, monkeypatch, capsys, header, durations, held):
    """The cell the minutes were read from, as written: the same reason and row values (`minutes_text`) either way."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    bulk, taken = _both_paths(tmp_path, monkeypatch, _own_export(tmp_path / "own.csv", header, durations))
    assert taken == [bulk] and "row by row" not in capsys.readouterr().err
    assert (bulk.rows_in, bulk.rows_loaded, bulk.rows_quarantined) == (len(durations), len(durations) - len(held),
                                                                      len(held))
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        found = con.execute("SELECT line, reason FROM raw.quarantine WHERE check_name = 'minutes_not_null' "
                            "ORDER BY line").fetchall()
    assert found == held
