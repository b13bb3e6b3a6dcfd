"""The CLI tunes the garbage collector for its one run; a library caller's process is left alone."""
from __future__ import annotations

import gc
import json
import subprocess
import sys

from examready.runner import CLI_GC_THRESHOLDS, run_pipeline
from examready.workspace import find_workspace
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
