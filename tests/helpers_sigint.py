"""A child process sent one SIGINT half a second after it says it is ready (its first line of stdout)."""
from __future__ import annotations

import signal
import subprocess
import sys
import time


def interrupted_child(code: str, *args: str) -> tuple[int, str, str]:
    """`python -c code args…` interrupted once it printed its first line: exit code, the rest of stdout, stderr."""
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout.readline() != "", child.stderr.read()
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)
    finally:
        child.kill()
    return child.returncode, out, err
