"""Ctrl-C during `export --png` leaves the images of the last whole export as they were, and no half of
the new one: the images are rendered in a hidden folder beside them and moved in once all are done.
Before (measured on the demo): Ctrl-C at the first new image left none of the 44 earlier images."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import chromium_or_fail, run_cli


def _first_png(out, start: float, timeout: float = 120) -> None:
    """Wait until the export writes its first image anywhere under `out`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.stat().st_mtime > start for p in out.rglob("*.png")):
            return
        time.sleep(0.05)
    pytest.fail(f"no image written under {out} in {timeout} s")


def test_ctrl_c_keeps_the_last_whole_export(demo_workspace_readonly, tmp_path):
    chromium_or_fail()
    out = tmp_path / "png"
    run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(out), "--width", "400")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    start = time.time()
    export = subprocess.Popen([sys.executable, "-m", "examready", "export", "-w", str(demo_workspace_readonly),
                               "--out", str(out), "--width", "700"], start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _first_png(out, start)
        os.killpg(export.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole group
        _, stderr = export.communicate(timeout=120)
    finally:
        export.kill()
    assert export.returncode == 130, stderr
    assert "interrupted (Ctrl-C)" in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing new, nothing gone, no hidden folder

    run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(out), "--width", "700")
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.keys() == before.keys() and all(after[name] != before[name] for name in before)
