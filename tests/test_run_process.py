"""The CLI tunes the garbage collector for its one run; a library caller's process is left alone."""
from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from examready.gc_settings import CLI_GC_THRESHOLDS
from examready.runner import run_pipeline
from pipelines.workspace import find_workspace
from tests.helpers_workspace import add_demo_export

# `examready run` as the console script runs it, reporting the collector's state at exit.
CLI_WITH_GC_REPORT = """
import atexit, gc, json, sys
atexit.register(lambda: print(json.dumps({"frozen": gc.get_freeze_count(), "threshold": gc.get_threshold()}),
                              file=sys.stderr))
sys.argv = ["examready", "run", "--json", "-w", sys.argv[1]]
from examready.cli import main
main()
"""


def test_a_cli_run_freezes_what_it_imported_and_collects_young_objects_less_often(demo_workspace):
    add_demo_export(demo_workspace, "mock-98")
    proc = subprocess.run([sys.executable, "-c", CLI_WITH_GC_REPORT, str(demo_workspace)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert [f["status"] for f in report["files"] if f["path"].endswith("mock-98.csv")] == ["loaded"]
    state = json.loads(proc.stderr.strip().splitlines()[-1])
    assert state["threshold"] == [50_000, 10, 10] == list(CLI_GC_THRESHOLDS)
    assert state["frozen"] > 100_000  # Dagster, pandas and DuckDB's modules and their objects


def test_a_library_call_leaves_the_callers_collector_as_it_was(demo_workspace, monkeypatch):
    monkeypatch.delenv("EXAMREADY_WORKSPACE", raising=False)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    add_demo_export(demo_workspace, "mock-97")
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    outcome = run_pipeline(find_workspace(demo_workspace))
    assert outcome.success and any(f["status"] == "loaded" for f in outcome.files)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)


# --- a workspace the run cannot write ------------------------------------------------------------

RO_RUN = ('mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && touch "$1/.probe" 2>/dev/null && exit 99; '
          'ws="$1"; python="$2"; shift 2; exec "$python" -m examready "$@" -w "$ws"')


def _run_read_only(ws, *command: str) -> subprocess.CompletedProcess:
    """`examready run --json` (or `command`) on a workspace that really cannot be written: as root (whom chmod
    does not stop) a read-only bind mount in a private mount namespace (`unshare -m`); else chmod."""
    import os
    import shutil


    if os.geteuid() != 0:
        for path in [ws, *ws.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        try:
            return subprocess.run([sys.executable, "-m", "examready", *(command or ("run", "--json")), "-w", str(ws)],
                                  capture_output=True, text=True, timeout=120)
        finally:
            for path in [ws, *ws.rglob("*")]:
                path.chmod(path.stat().st_mode | 0o200)
    if not shutil.which("unshare"):
        pytest.skip("root without unshare: no way to make a folder read-only for this test")
    proc = subprocess.run(["unshare", "-m", "sh", "-c", RO_RUN, "sh", str(ws), sys.executable,
                           *(command or ("run", "--json"))], capture_output=True, text=True, timeout=120)
    if proc.returncode == 99 or "unshare:" in proc.stderr or "mount:" in proc.stderr:
        pytest.skip(f"no read-only bind mount here: {proc.stderr.strip()[:200]}")
    return proc


def test_a_read_only_workspace_is_a_one_line_usage_error(demo_workspace):
    proc = _run_read_only(demo_workspace)  # nothing new: the run would otherwise be a no-op
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot write to {demo_workspace}" in lines[0], proc.stderr


@pytest.mark.parametrize("command", [("forget", "exams/mock-01.csv"), ("forget", "--learner", "ben@example.com")])
def test_forget_in_a_read_only_workspace_is_the_same_one_line_error(demo_workspace, command):
    """Before: DuckDB's open error, which called the warehouse perhaps damaged and advised moving it aside (losing
    what forget and every removed file's rows had recorded)."""
    (demo_workspace / "inbox" / "exams" / "mock-01.csv").unlink()  # removed from the inbox: forget may take it back
    proc = _run_read_only(demo_workspace, *command)
    assert proc.returncode == 2, proc.stderr[-3000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot write to {demo_workspace}" in lines[0], proc.stderr
    assert "`examready forget` records what it forgets in the warehouse" in lines[0] and "damaged" not in lines[0]


def test_the_not_writable_message_names_the_folder_from_a_real_oserror(tmp_path):
    """The same message from a real OSError (ENOTDIR: a folder under a file), wherever it happens."""
    from examready.writable import not_writable

    (tmp_path / "a-file").write_text("x")
    with pytest.raises(OSError) as caught:
        (tmp_path / "a-file" / ".dagster" / "last-run.json").unlink()
    message = str(not_writable(tmp_path / "a-file" / ".dagster", caught.value))
    assert message.startswith(f"cannot write to {tmp_path / 'a-file' / '.dagster'} (Not a directory)")
    assert "\n" not in message


# --- a renamed file ------------------------------------------------------------------------------

def test_a_renamed_file_is_reported_as_renamed_and_forgetting_the_old_name_keeps_the_counts(demo_workspace):
    import duckdb

    from tests.conftest import run_cli

    def counts():
        con = duckdb.connect(str(demo_workspace / "warehouse.duckdb"), read_only=True)
        try:
            return [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("staging.answers", "marts.attempts", "marts.domain_evidence")]
        finally:
            con.close()

    loaded = counts()
    exams = demo_workspace / "inbox" / "exams"
    (exams / "mock-01.csv").rename(exams / "mock-01-renamed.csv")
    proc = run_cli("run", "-w", str(demo_workspace), "--json")
    statuses = {f["path"]: f["status"] for f in json.loads(proc.stdout)["files"]}
    assert statuses["exams/mock-01-renamed.csv"] == "unchanged" and "exams/mock-01.csv" not in statuses
    assert "exams/mock-01.csv was renamed" in proc.stderr and "now at exams/mock-01-renamed.csv" in proc.stderr
    assert "no longer in the inbox" not in proc.stderr  # its content is in the inbox
    assert counts() == loaded

    run_cli("forget", "-w", str(demo_workspace), "exams/mock-01.csv")
    proc = run_cli("run", "-w", str(demo_workspace), "--json")
    statuses = {f["path"]: f["status"] for f in json.loads(proc.stdout)["files"]}
    assert statuses["exams/mock-01-renamed.csv"] in ("loaded", "replaced") and "renamed" not in proc.stderr
    assert counts() == loaded  # counted once, now under the new name


# --- a workspace without its Dagster settings ------------------------------------------------------------

def test_a_run_writes_the_dagster_settings_again_when_they_are_gone(demo_workspace):
    """`.dagster` removed (it holds run records, not data) or not copied (`cp -r ws/*`): before, every run printed
    Dagster's 'No dagster instance configuration file' warning and its telemetry banner, with telemetry on."""
    import shutil

    import yaml

    shutil.rmtree(demo_workspace / ".dagster")
    add_demo_export(demo_workspace, "mock-96")
    proc = subprocess.run([sys.executable, "-m", "examready", "run", "-w", str(demo_workspace), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "dagster.yaml" not in proc.stderr and "telemetry" not in proc.stderr.lower()
    settings = yaml.safe_load((demo_workspace / ".dagster" / "dagster.yaml").read_text(encoding="utf-8"))
    assert settings["telemetry"] == {"enabled": False}
    assert not (demo_workspace / ".dagster" / ".telemetry").exists()
