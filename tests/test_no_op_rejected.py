"""A run with nothing new but a file the last run rejected skips the job, and reports exactly what the
job would: the file `rejected` with its error, exit code 1 (review item 6)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb

from examready import last_run
from examready.run_outcome import RunOutcome
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from tests.test_selective_runs import CLI_WITH_MODULES_REPORT

EXPORT = "attempt_id,taken_at,question_id,domain,correct\nm1,2026-11-20 10:00,1,D1,true\nm1,2026-11-20 10:01,2,D2,false\n"


def _without_run_id(stdout: str) -> dict:
    report = json.loads(stdout)
    report.pop("run_id")
    return report


def test_an_unchanged_rejected_file_does_not_start_the_job_and_is_reported_as_the_job_reports_it(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    (ws.inbox / "exams" / "empty.csv").write_bytes(b"")
    root = str(ws.root)
    assert run_cli("run", "--json", "-w", root, check=False).returncode == 1

    quick = subprocess.run([sys.executable, "-c", CLI_WITH_MODULES_REPORT, root],
                           capture_output=True, text=True, timeout=300)
    assert quick.returncode == 1, quick.stderr[-2000:]
    assert json.loads(quick.stderr.strip().splitlines()[-1]) == []  # neither Dagster nor pandas: no job
    full = run_cli("run", "--json", "-w", root, check=False, env={"EXAMREADY_FULL_RUN": "1"})
    assert full.returncode == 1, full.stderr[-2000:]
    assert _without_run_id(quick.stdout) == _without_run_id(full.stdout)
    files = {f["path"]: f for f in json.loads(quick.stdout)["files"]}
    assert files["exams/m1.csv"]["status"] == "unchanged"
    assert files["exams/empty.csv"]["status"] == "rejected" and files["exams/empty.csv"]["error"]

    text_quick = run_cli("run", "-w", root, check=False)
    text_full = run_cli("run", "-w", root, check=False, env={"EXAMREADY_FULL_RUN": "1"})
    assert (text_quick.returncode, text_quick.stdout) == (text_full.returncode, text_full.stdout)

    (ws.inbox / "exams" / "empty.csv").write_text(EXPORT.replace("m1,", "m2,"))  # fixed: read by the next run
    fixed = json.loads(run_cli("run", "--json", "-w", root).stdout)
    assert {f["path"]: f["status"] for f in fixed["files"]} == {"exams/empty.csv": "loaded", "exams/m1.csv": "unchanged"}


def test_a_file_that_could_not_be_opened_is_tried_again_by_the_next_run(tmp_path):
    """A rejection the same bytes may not get again (the file could not be opened) is not remembered;
    an empty file's is, with its report."""
    ws = new_workspace(tmp_path / "ws")
    pages = {"dashboard": str(tmp_path / "dashboard.html")}
    seen = {"exams/a.csv": [0, 1]}

    def rejected(error: str) -> RunOutcome:
        return RunOutcome("run-1", True, [{"path": "exams/a.csv", "kind": "exams", "format": None, "status": "rejected",
                                           "rows_in": 0, "rows_loaded": 0, "rows_quarantined": 0, "error": error,
                                           "secrets_masked": 0}], pages)

    last_run.write_state(ws, rejected(f"{ws.inbox}/exams/a.csv: cannot read the file (Permission denied)"), seen)
    assert last_run.read_state(ws) is None
    last_run.write_state(ws, rejected(f"{ws.inbox}/exams/a.csv: the file is empty"), seen)
    assert last_run.read_state(ws)["rejected"]["exams/a.csv"]["error"].endswith("the file is empty")


def test_an_edit_keeping_the_size_and_the_old_modification_time_is_read(tmp_path):
    """`cp -p`, `rsync -t`, `touch -r`, an archive extracted: one mark changed, the size and mtime as before. Before,
    the run took the no-op path and said 'unchanged', so the edit never counted (a full run read it)."""
    ws = new_workspace(tmp_path / "ws")
    export = ws.inbox / "exams" / "m1.csv"
    export.write_text(EXPORT)
    run_cli("run", "-w", str(ws.root))
    before = export.stat()
    export.write_text(EXPORT.replace("1,D1,true", "1,D1,no  "))  # question 1 now wrong, in as many bytes
    os.utime(export, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (export.stat().st_size, export.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    files = json.loads(run_cli("run", "--json", "-w", str(ws.root)).stdout)["files"]
    assert {f["path"]: f["status"] for f in files} == {"exams/m1.csv": "replaced"}
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT question_id, correct FROM staging.answers ORDER BY 1").fetchall() == \
            [("1", False), ("2", False)]
