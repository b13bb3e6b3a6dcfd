"""A summary row ("Overall") held back as in the future is due with its domain rows, but counts for no
domain (tests/test_summary_row_checks.py): the run's "due now and count" says it apart, as the file is
read again and as a removed file's rows are counted from raw."""
from __future__ import annotations

from datetime import timedelta

from pipelines.workspace import Workspace
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from tests.test_future_rows import AHEAD, _set_timezone



def _summary(ws: Workspace) -> str:
    """One domain row and its Overall row, both two hours ahead; the file's path."""
    soon = Workspace(ws.root, ws.config).now() + timedelta(hours=2)
    (ws.inbox / "exams" / "summary.csv").write_text(
        "Exam,Date,Platform,Knowledge Area,Score %,Questions\n"
        f"Set A,{soon:%Y-%m-%d %H:%M},Tutorials Dojo,Data Ingestion and Transformation,80%,10\n"
        f"Set A,{soon:%Y-%m-%d %H:%M},Tutorials Dojo,Overall,80%,10\n")
    return f"(from {soon:%Y-%m-%d %H:%M})"


def test_a_file_read_again_says_its_summary_row_apart(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    _set_timezone(ws, "UTC")
    since = _summary(ws)
    run_cli("run", "-w", str(ws.root))
    _set_timezone(ws, AHEAD)
    proc = run_cli("run", "-w", str(ws.root))
    assert (f"exams/summary.csv: read again: 1 row(s) held back as in the future {since} are due now "
            "(and 1 summary row(s), which count for no domain); its new rows replace the old") in proc.stderr, \
        proc.stderr


def test_a_removed_file_counts_one_row_and_says_its_summary_row_apart(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    _set_timezone(ws, "UTC")
    since = _summary(ws)
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "summary.csv").unlink()
    run_cli("run", "-w", str(ws.root))
    _set_timezone(ws, AHEAD)
    proc = run_cli("run", "-w", str(ws.root))
    assert (f"exams/summary.csv: 1 row(s) held back as in the future {since} are due now and count "
            "(and 1 summary row(s), which count for no domain), from the rows kept when it was loaded") \
        in proc.stderr, proc.stderr
    assert "2 row(s)" not in proc.stderr
