"""Files loaded but no longer in the inbox: run reminds that they still count on every run, the no-op
one too (from the last run's record), until one is put back or forgotten."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from tests.test_selective_runs import CLI_WITH_MODULES_REPORT, _settled, _skip_if_unsettled

EXPORT = ("attempt_id,taken_at,question_id,domain,correct\n"
          "{a},2026-11-20 10:00,1,Data Ingestion and Transformation,true\n"
          "{a},2026-11-20 10:01,2,Data Store Management,false\n")


def _gone_line(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "no longer in the inbox are still loaded" in line]


def _no_op(ws) -> subprocess.CompletedProcess:
    """A run after a clean one with nothing changed (the no-op path: neither pandas nor dagster imported)."""
    settled = _settled(ws.root)
    proc = subprocess.run([sys.executable, "-c", CLI_WITH_MODULES_REPORT, str(ws.root)], capture_output=True,
                          text=True, timeout=300)
    _skip_if_unsettled(settled, ws.root)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stderr.strip().splitlines()[-1]) == []  # the no-op path was taken
    return proc


def test_the_no_op_run_says_which_removed_files_still_count_until_put_back_or_forgotten(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name in ("m1", "m2", "m3"):
        (ws.inbox / "exams" / f"{name}.csv").write_text(EXPORT.format(a=name))
    assert "loaded" in run_cli("run", "-w", str(ws.root)).stdout
    kept = (ws.inbox / "exams" / "m1.csv").read_bytes()
    (ws.inbox / "exams" / "m1.csv").unlink()
    (ws.inbox / "exams" / "m2.csv").unlink()
    full = run_cli("run", "-w", str(ws.root))
    said = ["2 file(s) no longer in the inbox are still loaded: exams/m1.csv, exams/m2.csv; "
            "`examready forget PATH` stops counting one (raw keeps its rows)"]
    assert _gone_line(full.stderr) == said
    assert _gone_line(_no_op(ws).stderr) == said  # before: the no-op run said nothing
    (ws.inbox / "exams" / "m1.csv").write_bytes(kept)  # put back: it is in the inbox again
    back = run_cli("run", "-w", str(ws.root))
    assert _gone_line(back.stderr) == ["1 file(s) no longer in the inbox are still loaded: exams/m2.csv; "
                                       "`examready forget PATH` stops counting one (raw keeps its rows)"]
    assert _gone_line(_no_op(ws).stderr) == _gone_line(back.stderr)
    run_cli("forget", "-w", str(ws.root), "exams/m2.csv")
    assert _gone_line(run_cli("run", "-w", str(ws.root)).stderr) == []
    assert _gone_line(_no_op(ws).stderr) == []


def test_quarantine_calls_a_renamed_file_renamed_as_run_does_not_gone(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    bad = EXPORT.format(a="m1") + "m1,2026-11-20 10:02,3,Data Store Management,maybe\n"
    (ws.inbox / "exams" / "m1.csv").write_text(bad)
    (ws.inbox / "exams" / "m9.csv").write_text(bad.replace("m1", "m9"))
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "m1.csv").rename(ws.inbox / "exams" / "mock-1.csv")
    (ws.inbox / "exams" / "m9.csv").unlink()
    ran = run_cli("run", "-w", str(ws.root))
    assert "exams/m1.csv was renamed: its content, now at exams/mock-1.csv, is loaded and counts once" in ran.stderr
    assert _gone_line(ran.stderr) == ["1 file(s) no longer in the inbox are still loaded: exams/m9.csv; "
                                      "`examready forget PATH` stops counting one (raw keeps its rows)"]
    listed = run_cli("quarantine", "-w", str(ws.root)).stdout.splitlines()
    [m1] = [line for line in listed if line.startswith("  exams/m1.csv:4 ")]
    assert m1.endswith(" — renamed: its content is now at exams/mock-1.csv, counted once under the old name "
                       "(the rename needs nothing; fix the line in exams/mock-1.csv)"), m1
    assert "forget" not in m1  # before: "no longer in the inbox: `examready forget exams/m1.csv` stops counting it"
    [m9] = [line for line in listed if line.startswith("  exams/m9.csv:4 ")]
    assert m9.endswith(" — no longer in the inbox: `examready forget exams/m9.csv` stops counting it"), m9


def _renamed_lines(stderr: str) -> list[str]:
    return [line.split(", is loaded")[0] for line in stderr.splitlines() if " was renamed: " in line]


def test_a_renamed_file_with_a_copy_in_another_folder_is_now_at_the_copy_that_counts_on_every_kind_of_run(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "a.csv").write_text(EXPORT.format(a="m1"))
    (ws.inbox / "hours" / "t.csv").write_text("date,minutes,topic\n2026-11-05,60,Glue\n")
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "a.csv").rename(ws.inbox / "exams" / "b.csv")
    (ws.inbox / "hours" / "b.csv").write_bytes((ws.inbox / "exams" / "b.csv").read_bytes())
    (ws.inbox / "hours" / "t.csv").rename(ws.inbox / "hours" / "t2.csv")
    (ws.inbox / "exams" / "t2.csv").write_bytes((ws.inbox / "hours" / "t2.csv").read_bytes())
    # The copy in the folder its format belongs in (warehouse/same_bytes.py loads it first), whichever
    # folder sorts first. Before: the job run named exams/t2.csv, the no-op run hours/b.csv.
    said = ["exams/a.csv was renamed: its content, now at exams/b.csv",
            "hours/t.csv was renamed: its content, now at hours/t2.csv"]
    assert _renamed_lines(run_cli("run", "-w", str(ws.root)).stderr) == said
    assert _renamed_lines(_no_op(ws).stderr) == said
    assert _renamed_lines(run_cli("run", "-w", str(ws.root), env={"EXAMREADY_FULL_RUN": "1"}).stderr) == said
