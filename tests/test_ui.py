"""`examready ui` end to end: a new mock export dropped into the inbox refreshes the marts and the
pages with no other command, and SIGTERM leaves no process behind."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
NEW_ATTEMPT = "ui-test-mock-99"
REFRESH_DEADLINE = 90.0
DOMAINS = ["Domain 1: Data Ingestion and Transformation", "Domain 2: Data Store Management",
           "Domain 3: Data Operations and Support", "Domain 4: Data Security and Governance"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _proc_table() -> dict[int, tuple[int, int, str]]:
    """{pid: (ppid, pgid, state)} for every process, from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2:].split()
            table[int(entry.name)] = (int(fields[1]), int(fields[2]), fields[0])
    return table


def _tree(root: int) -> dict[int, int]:
    """{pid: pgid} of root and all its live descendants."""
    table = _proc_table()
    found, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in table and table[pid][2] not in "ZX":
            found[pid] = table[pid][1]
        frontier += [p for p, (ppid, _, _) in table.items() if ppid == pid]
    return found


def _alive(pids, pgids) -> list[int]:
    return [pid for pid, (_, pgid, state) in _proc_table().items()
            if state not in "ZX" and (pid in pids or pgid in pgids)]


def _graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["data"]


def _inbox_runs(port: int) -> list[dict]:
    """The runs the inbox sensor launched, newest first ([] while the webserver is busy)."""
    try:
        data = _graphql(port, '{ runsOrError(filter: {tags: [{key: "examready/trigger", value: "inbox"}]}) '
                              '{ ... on Runs { results { runId status tags { key value } } } } }')
    except OSError:
        return []
    return data["runsOrError"]["results"]


def _answering(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _mock_export(path: Path) -> None:
    taken = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = ["attempt_id,taken_at,provider,question_id,domain,task,correct,seconds,confidence"]
    for n in range(1, 21):
        d = (n - 1) % 4
        lines.append(f"{NEW_ATTEMPT},{taken},Tutorials Dojo,Q{n},{DOMAINS[d]},{d + 1}.1,"
                     f"{'TRUE' if n % 3 else 'FALSE'},{60 + n},{1 + n % 5}")
    tmp = path.with_name("_writing.tmp")  # ignored by the inbox scan (prefix and suffix)
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.rename(path)


def _tail(path: Path, chars: int = 4000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def test_ui_sensor_refreshes_after_new_export_and_stops_cleanly(demo_workspace, tmp_path):
    """On a copy of the session's `examready demo` workspace (conftest.py), built once per worker."""
    env = {k: v for k, v in os.environ.items() if k not in ("EXAMREADY_WORKSPACE", "DAGSTER_HOME")}
    ws = demo_workspace
    site = ws / "site" / "index.html"
    site_before = site.stat().st_mtime_ns

    port = _free_port()
    log_path = tmp_path / "ui.log"
    started = time.monotonic()
    with open(log_path, "wb") as log:
        ui = subprocess.Popen([str(BIN / "examready"), "ui", "-w", str(ws), "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    seen: dict[int, int] = {}
    try:
        while not _answering(port):
            assert ui.poll() is None, f"examready ui exited early:\n{_tail(log_path)}"
            assert time.monotonic() - started < 120, f"webserver not answering after 120 s:\n{_tail(log_path)}"
            time.sleep(0.5)
        startup = time.monotonic() - started
        seen |= _tree(ui.pid)

        dropped = time.monotonic()
        _mock_export(ws / "inbox" / "exams" / "mock-99-ui-test.csv")
        run = None
        while True:
            seen |= _tree(ui.pid)  # includes the run worker while it exists
            runs = [r for r in _inbox_runs(port)
                    if any(t["key"] == "examready/files" and "mock-99-ui-test.csv" in t["value"] for t in r["tags"])]
            if runs and runs[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
                run = runs[0]
                break
            assert time.monotonic() - dropped < REFRESH_DEADLINE, (
                f"no finished inbox run {REFRESH_DEADLINE:.0f} s after the drop (runs: {runs}):\n{_tail(log_path)}")
            time.sleep(1)
        assert run["status"] == "SUCCESS", f"run {run['runId']} ended {run['status']}:\n{_tail(log_path)}"
        refreshed = time.monotonic() - dropped
        assert site.stat().st_mtime_ns > site_before, "the dashboard page was not rebuilt"

        import duckdb

        con = duckdb.connect(str(ws / "warehouse.duckdb"), read_only=True)
        try:
            rows = con.execute("SELECT count(*) FROM marts.attempts WHERE attempt_id = ?", [NEW_ATTEMPT]).fetchone()[0]
        finally:
            con.close()
        assert rows == 4, f"new attempt missing from marts.attempts ({rows} domain rows)"
        print(f"\nwebserver up after {startup:.1f} s; drop → refreshed dashboard in {refreshed:.1f} s")

        stop_started = time.monotonic()
        ui.send_signal(signal.SIGTERM)
        assert ui.wait(timeout=60) == 0, _tail(log_path)
        print(f"stopped {time.monotonic() - stop_started:.1f} s after SIGTERM; "
              f"{len(seen)} processes seen, groups {sorted(set(seen.values()))}")
        assert len(set(seen.values())) >= 2, "dg dev should run in a process group of its own"
        left = _alive(set(seen), set(seen.values()))
        assert not left, f"processes left after stop: {left}"
    finally:
        _kill_leftovers(ui, seen)


def _kill_leftovers(ui: subprocess.Popen, seen: dict[int, int]) -> None:
    """After a failed test: nothing it started may outlive it."""
    if ui.poll() is None:
        ui.kill()
    for pgid in set(seen.values()):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def test_ui_stops_cleanly_on_ctrl_c(tmp_path):
    """Ctrl-C in a terminal sends SIGINT to the foreground process group: here, `examready ui`
    alone (dg dev runs in a group of its own), which must then stop everything it started."""
    env = {k: v for k, v in os.environ.items() if k not in ("EXAMREADY_WORKSPACE", "DAGSTER_HOME")}
    ws = tmp_path / "ws"
    subprocess.run([str(BIN / "examready"), "init", str(ws)], env=env, check=True, capture_output=True)
    port = _free_port()
    log_path = tmp_path / "ui.log"
    with open(log_path, "wb") as log:
        ui = subprocess.Popen([str(BIN / "examready"), "ui", "-w", str(ws), "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    seen: dict[int, int] = {}
    try:
        started = time.monotonic()
        while not _answering(port):
            assert ui.poll() is None, f"examready ui exited early:\n{_tail(log_path)}"
            assert time.monotonic() - started < 120, f"webserver not answering after 120 s:\n{_tail(log_path)}"
            time.sleep(0.5)
        seen |= _tree(ui.pid)
        os.killpg(ui.pid, signal.SIGINT)
        assert ui.wait(timeout=60) == 0, _tail(log_path)
        assert "stopped (SIGINT)" in _tail(log_path)
        assert not _alive(set(seen), set(seen.values()))
        assert not _answering(port)
    finally:
        _kill_leftovers(ui, seen)


def test_ui_usage_errors(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("EXAMREADY_WORKSPACE", "DAGSTER_HOME")}
    missing = subprocess.run([str(BIN / "examready"), "ui", "-w", str(tmp_path / "nowhere")], env=env,
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "examready init" in missing.stderr
    ws = tmp_path / "ws"
    subprocess.run([str(BIN / "examready"), "init", str(ws)], env=env, check=True, capture_output=True)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = subprocess.run([str(BIN / "examready"), "ui", "-w", str(ws), "--port", str(port)], env=env,
                               capture_output=True, text=True, timeout=60)
    assert taken.returncode == 2 and f"port {port}" in taken.stderr
