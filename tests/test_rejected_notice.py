"""readiness and gaps name the inbox files that could not be read: a file the inbox sensor's run
rejected leaves that run successful, its warning in the run's logs alone, so before this the learner
saw figures without the mock exam they had just dropped, and no word about it."""
from __future__ import annotations

import json
import shutil

import dagster as dg
import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from tests.test_sensors import warehouse_held

EXPORT = ("attempt_id,taken_at,question_id,domain,correct\n"
          "m1,2026-11-20 10:00,1,Data Ingestion and Transformation,true\n"
          "m1,2026-11-20 10:01,2,Data Store Management,false\n")


def _sensor_run(ws, monkeypatch) -> dg.ExecuteInProcessResult:
    """The refresh job, tagged as the inbox sensor's run, recorded in the workspace's instance."""
    from pipelines.definitions import defs

    monkeypatch.setenv("EXAMREADY_WORKSPACE", str(ws.root))
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        return defs().resolve_job_def("refresh").execute_in_process(
            instance=instance, raise_on_error=False, tags={"examready/trigger": "inbox"})


def _said(proc) -> list[str]:
    return [line for line in proc.stderr.splitlines() if "could not be read" in line]


def test_a_file_a_background_run_rejected_is_named_by_readiness_and_gaps_until_it_is_fixed(tmp_path, monkeypatch):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    (ws.inbox / "exams" / "mock-2.csv").write_text("foo,bar\n1,2\n")
    assert _sensor_run(ws, monkeypatch).success  # the run succeeds: one file loaded, one rejected
    readiness = run_cli("readiness", "-w", str(ws.root))
    assert "pass probability" in readiness.stdout and "could not be read" not in readiness.stdout
    said = _said(readiness)
    assert said == [f"examready: 1 inbox file(s) could not be read: exams/mock-2.csv counts for nothing; "
                     f"`examready quarantine -w {ws.root}` says why and what to fix"], readiness.stderr
    assert _said(run_cli("gaps", "-w", str(ws.root))) == said
    assert _said(run_cli("learners", "-w", str(ws.root))) == said  # an instructor's look at the class
    assert _said(run_cli("readiness", "-w", str(ws.root), "--json")) == said  # stderr: --json's stdout unchanged
    (ws.inbox / "exams" / "mock-2.csv").write_text(EXPORT.replace("m1", "m2"))  # fixed: a new version
    assert _said(run_cli("readiness", "-w", str(ws.root))) == []  # its rejected bytes are no longer there
    assert _sensor_run(ws, monkeypatch).success
    assert _said(run_cli("readiness", "-w", str(ws.root))) == []


def test_open_and_export_name_a_file_a_background_run_rejected(tmp_path, monkeypatch):
    """A learner opening the pages (or exporting their charts) learns a file was rejected: the pages count
    nothing of it. Before: `open` and `export` said nothing of it."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    (ws.inbox / "exams" / "mock-2.csv").write_text("foo,bar\n1,2\n")
    assert _sensor_run(ws, monkeypatch).success
    said = [f"examready: 1 inbox file(s) could not be read: exams/mock-2.csv counts for nothing; "
            f"`examready quarantine -w {ws.root}` says why and what to fix"]
    opened = run_cli("open", "-w", str(ws.root), env={"BROWSER": "true"})
    assert opened.stdout.strip() == str(ws.site_dir / "index.html")  # stdout: the page's path alone
    assert _said(opened) == said, opened.stderr
    with warehouse_held(ws):  # a run writing: `open` neither waits for the warehouse nor fails
        held = run_cli("open", "-w", str(ws.root), env={"BROWSER": "true"})
    assert held.stdout.strip() == str(ws.site_dir / "index.html") and held.stderr == "", held.stderr
    if shutil.which("chromium"):  # export draws the charts through a headless Chromium first
        exported = run_cli("export", "-w", str(ws.root), "--out", str(tmp_path / "png"))
        assert _said(exported) == said and "could not be read" not in exported.stdout, exported.stderr
    (ws.inbox / "exams" / "mock-2.csv").write_text(EXPORT.replace("m1", "m2"))  # fixed: a new version
    assert _said(run_cli("open", "-w", str(ws.root), env={"BROWSER": "true"})) == []


def test_a_rejected_new_version_of_a_loaded_file_is_said_to_leave_the_old_one_counting(tmp_path, monkeypatch):
    """A loaded export overwritten by a file that cannot be read: its earlier version still counts, which
    `run` (text and JSON), the notice and `quarantine` say. Before: 'could not be read and count for nothing', which the pages
    (still counting its rows) contradicted."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    (ws.inbox / "exams" / "mock-2.csv").write_text("foo,bar\n1,2\n")
    assert run_cli("run", "-w", str(ws.root), check=False).returncode == 1  # mock-2.csv rejected
    (ws.inbox / "exams" / "m1.csv").write_bytes(b"\x00\x01 not an export")
    ran = run_cli("run", "-w", str(ws.root), check=False)
    assert ran.returncode == 1
    lines = {line.split()[1]: line for line in ran.stdout.splitlines() if line.startswith("rejected")}
    still = "(the version loaded before still counts until this one can be read)"
    assert lines["exams/m1.csv"].endswith(still) and still not in lines["exams/mock-2.csv"], ran.stdout
    again = json.loads(run_cli("run", "-w", str(ws.root), "--json", check=False).stdout)  # the no-op's replay
    assert {f["path"]: f.get("still_counts") for f in again["files"]} == {"exams/m1.csv": True,
                                                                           "exams/mock-2.csv": False}
    assert run_cli("run", "-w", str(ws.root), check=False, env={"EXAMREADY_FULL_RUN": "1"}).stdout == \
        run_cli("run", "-w", str(ws.root), check=False).stdout  # the job's report and the no-op's alike
    readiness = run_cli("readiness", "-w", str(ws.root))
    assert _said(readiness) == [
        f"examready: 2 inbox file(s) could not be read: exams/mock-2.csv counts for nothing; exams/m1.csv: the "
        f"version loaded before still counts; `examready quarantine -w {ws.root}` says why and what to fix"]
    listed = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)["rejected"]
    assert [(r["path"], r["still_counts"]) for r in listed] == [("exams/m1.csv", True), ("exams/mock-2.csv", False)]
    assert "rejected exams/m1.csv (its version loaded before still counts until this one can be read): " in \
        run_cli("quarantine", "-w", str(ws.root)).stdout
    with duckdb.connect(str(ws.db_path), read_only=True) as con:  # and it does: its two answers
        assert con.execute("SELECT count(*) FROM staging.answers").fetchone()[0] == 2
    background = _sensor_run(ws, monkeypatch)  # a background run's log (the Dagster UI) says so too
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        logged = [e.user_message for e in instance.all_logs(background.run_id) if e.user_message.startswith("rejected")]
    assert [m.split(":")[0] for m in logged] == ["rejected exams/m1.csv", "rejected exams/mock-2.csv"]
    assert logged[0].endswith(still) and not logged[1].endswith(still)
