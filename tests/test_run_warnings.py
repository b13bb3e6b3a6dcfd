"""`examready run` says what an adapter read with a caveat, as `inspect` does, naming the file."""
from __future__ import annotations

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace


def test_run_prints_the_adapters_warnings_on_stderr(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "x.csv").write_text("attempt_id,taken_at,question_id,domain,correct,time spent\n"
                                              "set-1,02/03/2026 10:00,1,Domain 1,true,1:12\n"
                                              "set-1,02/03/2026 10:00,2,Domain 2,false,soon\n")
    err = run_cli("run", "-w", str(ws.root)).stderr
    assert "examready: exams/x.csv: ambiguous dates read as day-first (DD/MM/YYYY)" in err
    assert "examready: exams/x.csv: 1 'time spent' cell is not a time" in err and "(line 3): left empty" in err
    again = run_cli("run", "-w", str(ws.root)).stderr
    assert "exams/x.csv" not in again, "an unchanged file is not read again, so it has nothing new to say"
