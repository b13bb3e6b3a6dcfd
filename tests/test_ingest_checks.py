"""The invariants behind the blocking asset checks: they pass on a real load and catch corruption."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers_workspace import ingest, new_workspace
from warehouse.connection import open_warehouse
from warehouse.integrity import expectation_outcomes, half_loaded_files, unaccounted_rows

BAD = Path(__file__).parent / "fixtures" / "bad"


@pytest.fixture
def loaded(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name in ("exams/out-of-range-summary.csv", "exams/duplicate-rows.csv", "hours/toggl-negative-overlap.csv"):
        (ws.inbox / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BAD / name, ws.inbox / name)
    reports = ingest(ws, run_id="r1")
    assert {r.status for r in reports} == {"loaded"}
    return ws


def test_a_real_load_satisfies_every_invariant(loaded):
    with open_warehouse(loaded.db_path, read_only=True) as con:
        assert half_loaded_files(con, "r1") == [] and unaccounted_rows(con, "r1") == []
        outcomes = expectation_outcomes(con, "r1")
    assert all(o["quarantined"] == o["to_hold"] and not o["failed_without_rows"] for o in outcomes)
    failing = {(o["table"], o["expectation"]) for o in outcomes if o["unexpected"]}
    assert {("domain_scores", "correct_at_most_total"), ("answers", "unique_within_file"),
            ("study_sessions", "no_overlap"), ("study_sessions", "minutes_in_range")} <= failing


def test_rows_without_their_ledger_row_are_caught(loaded):
    with open_warehouse(loaded.db_path) as con:
        con.execute("INSERT INTO raw.answers (load_id, learner_id, line, attempt_id) VALUES ('ghost', 'me', 2, 'x')")
        assert half_loaded_files(con, "r1") == [{"load_id": "ghost", "raw_rows_without_ledger_row": 1}]


def test_a_missing_raw_row_or_quarantine_row_is_caught(loaded):
    with open_warehouse(loaded.db_path) as con:
        con.execute("DELETE FROM raw.quarantine WHERE check_name = 'no_overlap'")
        assert [p["path"] for p in unaccounted_rows(con, "r1")] == ["hours/toggl-negative-overlap.csv"]
        assert any(o["quarantined"] != o["to_hold"] for o in expectation_outcomes(con, "r1"))
        con.execute("DELETE FROM raw.answers WHERE line = 2")
        assert [p["path"] for p in half_loaded_files(con, "r1")] == ["exams/duplicate-rows.csv"]


def _four_problems(fixture: Path) -> list[str]:
    """td_per_question.csv with a bad date (line 4), a cell too many (5), a row cut short (6), a NUL (8)."""
    lines = fixture.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2026-02-09 21:05", "2026-13-45")
    lines[4] += ",extra"
    lines[5] = ",".join(lines[5].split(",")[:5])
    lines[7] = lines[7].replace("Tutorials Dojo", "Tutorials\x00Dojo")
    return lines


def test_a_run_names_each_broken_row_of_a_file(tmp_path):
    """One file with all four problems through `examready run`: the NUL byte rejects it naming line 8;
    with that line fixed, each other broken row is quarantined with its own reason."""
    import json

    from tests.conftest import run_cli

    ws = new_workspace(tmp_path / "ws")
    lines = _four_problems(Path(__file__).parent / "fixtures" / "inputs" / "td_per_question.csv")
    export = ws.inbox / "exams" / "td.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert first.returncode == 1, first.stderr
    (file,) = json.loads(first.stdout)["files"]
    assert file["status"] == "rejected" and file["error"] == (
        "exams/td.csv:8: holds a NUL byte (binary data in a text export: a corrupted file?) — "
        "export it again from the tool; a CSV export holds no NUL bytes")

    lines[7] = lines[7].replace("\x00", " ")
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    second = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert second.returncode == 0, second.stderr
    (file,) = json.loads(second.stdout)["files"]
    assert (file["status"], file["rows_in"], file["rows_loaded"], file["rows_quarantined"]) == ("loaded", 10, 7, 3)
    held = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)
    assert held["rejected"] == []
    assert [(q["path"], q["line"], q["column"], q["check"], q["reason"]) for q in held["quarantined"]] == [
        ("exams/td.csv", 4, "taken_at", "taken_at_not_null", "date taken '2026-13-45' is not a date"),
        ("exams/td.csv", 5, "cells", "cells_match_header",
         "the row has 10 cells where the header has 9 (a delimiter too many, or a value with an unquoted delimiter)"),
        ("exams/td.csv", 6, "cells", "cells_match_header",
         "the row has 5 of 9 cells (cut short, or a delimiter missing)")]
    with open_warehouse(ws.db_path, read_only=True) as con:
        extra = con.execute("SELECT row_json FROM raw.quarantine WHERE line = 5").fetchone()[0]
        date = con.execute("SELECT row_json FROM raw.quarantine WHERE line = 4").fetchone()[0]
    assert json.loads(extra)["extra_cells"] == ["extra"] and json.loads(date)["taken_at_text"] == "2026-13-45"


def test_a_run_quarantines_ragged_rows_of_every_csv_format(tmp_path):
    """One `examready run` over a domain summary, a Moodle export, Toggl, Clockify and plain-hours
    files, each with a row cut short and a row with a cell too many: `examready quarantine --json`
    holds each of those rows for its cells alone, and the long row's extra cells in row_json
    (secrets masked: a delimiter too many shifts free text into them)."""
    import json

    from tests.conftest import run_cli
    from tests.test_adapters_ragged import LONG, SHORT, _ragged_copy

    ws = new_workspace(tmp_path / "ws")
    edits = {"exams/td_domain_summary.csv": ({3: 5, 4: ["stray"]}, {3: SHORT.format(5, 7), 4: LONG.format(8, 7)}),
             "exams/moodle_grades.csv": ({2: 6, 3: ["stray"]}, {2: SHORT.format(6, 14), 3: LONG.format(15, 14)}),
             "hours/toggl_detailed.csv": ({3: 12, 5: ["pwd=abc123"]},  # a secret shifted out of its column
                                          {3: SHORT.format(12, 14), 5: LONG.format(15, 14)}),
             "hours/clockify_detailed.csv": ({2: 10, 4: ["stray"]},
                                             {2: SHORT.format(10, 17), 4: LONG.format(18, 17)}),
             "hours/plain_hours.csv": ({3: 2, 4: ["stray"]}, {3: SHORT.format(2, 3), 4: LONG.format(4, 3)})}
    for relative, (lines, _) in edits.items():
        _ragged_copy(ws.inbox / Path(relative).parent, Path(relative).name, lines)
    run = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert run.returncode == 0, run.stderr
    assert {f["path"]: f["status"] for f in json.loads(run.stdout)["files"]} == dict.fromkeys(
        [*edits, "exams/moodle_grades_map.csv"], "loaded")
    held = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)
    assert held["rejected"] == []
    on_edited = {(q["path"], q["line"], q["column"], q["check"], q["reason"]) for q in held["quarantined"]
                 if q["line"] in edits[q["path"]][0]}
    assert on_edited == {(path, line, "cells", "cells_match_header", reason)
                         for path, (_, reasons) in edits.items() for line, reason in reasons.items()}
    moodle = [q for q in held["quarantined"] if q["path"] == "exams/moodle_grades.csv" and q["line"] == 2]
    assert len(moodle) == 6  # one answer row per question of that line, each held
    with open_warehouse(ws.db_path, read_only=True) as con:
        extra = con.execute("SELECT DISTINCT path, row_json->>'$.extra_cells' FROM raw.quarantine "
                            "WHERE check_name = 'cells_match_header' AND row_json->>'$.extra_cells' IS NOT NULL "
                            "ORDER BY path").fetchall()
    assert extra == [(path, '["pwd=[masked: password]"]' if path.startswith("hours/toggl") else '["stray"]')
                     for path in sorted(edits)]


def test_a_run_quarantines_a_summary_row_whose_percent_contradicts_its_counts(tmp_path):
    """`examready run` on a results page: 17 of 22 said to be 30% is held with both numbers; rounded
    percents, a correct count derived from the percent and a percent derived from the counts load."""
    import json

    from tests.conftest import run_cli

    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "results.csv").write_text(
        "Date,Domain,Correct,Total,Score %\n"
        "2026-02-10,Domain 1: Data Ingestion and Transformation,17,22,30%\n"
        "2026-02-10,Domain 2: Data Store Management,12,17,70.6\n"
        "2026-02-10,Domain 3: Data Operations and Support,,14,29%\n"
        "2026-02-10,Domain 4: Data Security and Governance,9,12,\n", encoding="utf-8")
    run = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert run.returncode == 0, run.stderr
    (file,) = json.loads(run.stdout)["files"]
    assert (file["status"], file["rows_in"], file["rows_loaded"], file["rows_quarantined"]) == ("loaded", 4, 3, 1)
    held = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)
    assert [(q["path"], q["line"], q["column"], q["check"], q["reason"]) for q in held["quarantined"]] == [
        ("exams/results.csv", 2, "percent", "percent_matches_counts", "17 of 22 correct is 77%, but the file says 30%")]
