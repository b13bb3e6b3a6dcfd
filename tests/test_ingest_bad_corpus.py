"""The bad-input corpus through `examready run --json`: each file's outcome, nothing lost, safe reruns."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import inbox_fingerprint, new_workspace, table_digests

BAD = Path(__file__).parent / "fixtures" / "bad"
# path -> (status, rows_in, rows_loaded, rows_quarantined)
EXPECTED = {
    "exams/utf16-per-question.csv": ("loaded", 6, 6, 0),         # UTF-16 LE with BOM
    "exams/latin1-domain-summary.csv": ("loaded", 3, 3, 0),      # Latin-1 accents
    "exams/excel-semicolon-summary.csv": ("loaded", 3, 3, 0),    # ';', decimal commas, DD.MM.YYYY
    "exams/truncated.csv": ("loaded", 6, 5, 1),                  # last row cut off mid-field
    "exams/empty.csv": ("rejected", 0, 0, 0),
    "exams/binary-export.csv": ("rejected", 0, 0, 0),
    "exams/missing-columns.csv": ("rejected", 0, 0, 0),          # no `correct` column
    "exams/duplicated-columns.csv": ("rejected", 0, 0, 0),       # two `domain` columns that disagree
    "exams/out-of-range-summary.csv": ("loaded", 4, 1, 3),       # correct > total, negative, total 0
    "exams/unknown-domains.csv": ("loaded", 5, 3, 2),
    "exams/duplicate-rows.csv": ("loaded", 6, 4, 2),             # within one file
    "exams/formula-injection.csv": ("loaded", 3, 2, 1),          # stored as text; one label unmapped
    "exams/unreadable-values.csv": ("loaded", 4, 2, 2),          # 'not a date', 'maybe'
    "exams/future-dates.csv": ("loaded", 5, 3, 2),               # generated relative to today
    "hours/toggl-negative-overlap.csv": ("loaded", 5, 2, 3),     # overlap, negative, 30 h
    "hours/toggl-export-a.csv": ("loaded", 3, 3, 0),             # shares 2 entries with export b
    "hours/toggl-export-b.csv": ("loaded", 3, 3, 0),
    "notes/broken-front-matter.md": ("loaded", 2, 2, 0),         # read with a warning
    "notes/latin1-note.md": ("loaded", 1, 1, 0),
    "notes/script-in-note.md": ("loaded", 2, 2, 0),
    "notes/secrets-in-note.md": ("loaded", 2, 2, 0),
}


def _future_dates_csv(today: date) -> str:
    """Three past answers and two dated tomorrow and next year (never a committed fixed date)."""
    rows = [(today - timedelta(days=3), 1), (today - timedelta(days=3), 2), (today - timedelta(days=3), 3),
            (today + timedelta(days=1), 4), (today + timedelta(days=400), 5)]
    return "attempt_id,taken_at,question_id,domain,correct\n" + "".join(
        f"future-set-{q},{d.isoformat()} 10:00,{q},Domain 1: Data Ingestion and Transformation,true\n"
        for d, q in rows)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    """One workspace holding the whole corpus, run once through the CLI."""
    ws = new_workspace(tmp_path_factory.mktemp("bad") / "ws")
    shutil.copytree(BAD, ws.inbox, dirs_exist_ok=True)
    (ws.inbox / "exams" / "future-dates.csv").write_text(_future_dates_csv(date.today()))
    before = inbox_fingerprint(ws.inbox)
    proc = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert proc.returncode == 1, proc.stderr  # rejected files, but no failed blocking check
    assert "failed checks" not in proc.stderr, proc.stderr
    return ws, json.loads(proc.stdout), before


def test_corpus_has_at_least_15_cases():
    assert len(EXPECTED) >= 15 and all((BAD / p).exists() for p in EXPECTED if "future" not in p)


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_bad_file_has_its_expected_outcome(corpus_run, path):
    _, report, _ = corpus_run
    got = {f["path"]: f for f in report["files"]}[path]
    assert (got["status"], got["rows_in"], got["rows_loaded"], got["rows_quarantined"]) == EXPECTED[path], got
    assert got["rows_in"] == got["rows_loaded"] + got["rows_quarantined"]


def test_every_file_accounts_for_every_row(corpus_run):
    _, report, _ = corpus_run
    assert sorted(f["path"] for f in report["files"]) == sorted(EXPECTED)
    for f in report["files"]:
        assert f["rows_in"] == f["rows_loaded"] + f["rows_quarantined"], f


def test_rejections_name_the_file_the_line_and_what_to_do(corpus_run):
    _, report, _ = corpus_run
    for f in (f for f in report["files"] if f["status"] == "rejected"):
        assert Path(f["path"]).name in f["error"] and " — " in f["error"], f
    binary = {f["path"]: f for f in report["files"]}["exams/binary-export.csv"]
    assert "binary-export.csv:1:" in binary["error"] and "known formats" in binary["error"]


def test_stored_text_is_masked_and_otherwise_intact(corpus_run):
    ws, report, _ = corpus_run
    assert {f["path"]: f for f in report["files"]}["notes/secrets-in-note.md"]["secrets_masked"] == 4
    con = duckdb.connect(str(ws.db_path), read_only=True)
    notes = " ".join(t for (t,) in con.execute("SELECT heading || ' ' || text FROM raw.note_sections").fetchall())
    questions = [q for (q,) in con.execute("SELECT question_id FROM raw.answers WHERE attempt_id = 'formula-set'")
                 .fetchall()]
    staged_hours = con.execute("SELECT count(*) FROM staging.study_sessions WHERE load_id IN (SELECT load_id "
                               "FROM raw.file_events WHERE path LIKE 'hours/toggl-export-%')").fetchone()[0]
    quarantine_text = " ".join(r for (r,) in con.execute("SELECT row_json FROM raw.quarantine").fetchall())
    con.close()
    for secret in ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "Hunter2-lab!",
                   "alex.doe@example.com"):
        assert secret not in notes and secret not in quarantine_text
    assert "[masked: AWS access key id]" in notes and "[masked: password]" in notes
    assert "<script>alert('xss')</script>" in notes, "text is stored as written; pages escape it"
    assert questions == ["=1+2", "+cmd|' /C calc'!A0", "q3"], "formula text stored as text, exports neutralise it"
    assert staged_hours == 4, "an entry exported in two files counts once"


def test_rerun_changes_nothing_and_does_not_import_great_expectations(corpus_run):
    ws, _, before = corpus_run
    digests = table_digests(ws.db_path)
    code = ("import atexit, sys\n"  # the console script ends the process itself (examready/fast_exit.py)
            "atexit.register(lambda: print('GE_IMPORTED', 'great_expectations' in sys.modules, file=sys.stderr))\n"
            "from examready.cli import main\nsys.argv = ['examready', 'run', '-w', sys.argv[1], '--json']\nmain()\n")
    proc = subprocess.run([sys.executable, "-c", code, str(ws.root)], capture_output=True, text=True, timeout=300)
    assert "GE_IMPORTED False" in proc.stderr and proc.returncode == 1, proc.stderr
    statuses = {f["path"]: f["status"] for f in json.loads(proc.stdout)["files"]}
    assert statuses == {p: "rejected" if e[0] == "rejected" else "unchanged" for p, e in EXPECTED.items()}
    assert table_digests(ws.db_path) == digests, "a rerun leaves every table byte-for-byte identical"
    assert inbox_fingerprint(ws.inbox) == before, "the inbox is never modified"


def test_quarantine_command_lists_rows_and_rejected_files(corpus_run):
    ws, _, _ = corpus_run
    data = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)
    held = {(r["path"], r["line"], r["column"]) for r in data["quarantined"]}
    assert ("exams/out-of-range-summary.csv", 2, "correct") in held
    assert ("exams/future-dates.csv", 6, "taken_at") in held
    reasons = " | ".join(r["reason"] for r in data["quarantined"])
    assert "duplicate of line 2" in reasons and "is in the future" in reasons and "overlaps the entry" in reasons
    assert sorted(f["path"] for f in data["rejected"]) == ["exams/binary-export.csv", "exams/duplicated-columns.csv",
                                                           "exams/empty.csv", "exams/missing-columns.csv"]
    assert sum(len({r["line"] for r in data["quarantined"] if r["path"] == p}) for p in EXPECTED) == \
        sum(e[3] for e in EXPECTED.values())
