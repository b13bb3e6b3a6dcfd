"""The console script ends without module teardown, yet exits as `sys.exit` would (examready/fast_exit.py)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from examready.fast_exit import exit_code

ENDS = """
import atexit, sys, threading, time
from examready.fast_exit import end_process
out = sys.argv[1]
def late():
    time.sleep(0.3)
    open(out, "w").write("thread done")
if sys.argv[2] == "thread":
    threading.Thread(target=late).start()
atexit.register(lambda: print("exit functions ran", file=sys.stderr))
sys.stdout.write("still in the buffer")  # a pipe is block-buffered
end_process(int(sys.argv[3]))
print("never", file=sys.stderr)
"""


@pytest.mark.parametrize("code, expected", [(None, 0), (0, 0), (3, 3), (130, 130), ("bad input", 1)])
def test_exit_code_is_what_sys_exit_makes_of_it(code, expected):
    assert exit_code(code) == expected


@pytest.mark.parametrize("thread", ["none", "thread"])
@pytest.mark.parametrize("code", [0, 3])
def test_it_flushes_runs_exit_functions_and_waits_for_working_threads(tmp_path, thread, code):
    marker = tmp_path / "marker"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # set on this machine
    proc = subprocess.run([sys.executable, "-c", ENDS, str(marker), thread, str(code)],
                          capture_output=True, text=True, timeout=60, env=buffered)
    assert proc.returncode == code
    assert proc.stdout == "still in the buffer"
    assert proc.stderr.splitlines() == ["exit functions ran"]
    assert marker.exists() == (thread == "thread")


def test_the_console_script_keeps_its_exit_codes_and_output(tmp_path):
    from tests.conftest import run_cli

    assert run_cli("no-such-command", check=False).returncode == 2
    exams = run_cli("exams")
    assert exams.returncode == 0 and "DEA-C01" in exams.stdout
    missing = run_cli("readiness", "-w", str(tmp_path / "nowhere"), check=False)
    assert missing.returncode == 2 and "no examready workspace" in missing.stderr
