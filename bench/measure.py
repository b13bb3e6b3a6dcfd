"""Wall time and peak RSS of one child process, measured from a small launcher; the machine's description."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.floors import CLI_WRAPPER, REPO


@dataclass
class Measured:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


# Starts the measured command from a small process and reports its wall time and peak RSS.
# Linux starts a child's peak-RSS count at its parent's RSS when it execs, so a child of this
# harness (which may hold hundreds of MB) would report at least that much: measured, 614 MB for
# `python -c pass` started from a 600 MB process, 14 MB from a small one.
LAUNCHER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "max_rss_kb": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}, out)
"""


def measure(args: list[str], env: dict | None = None, cwd: Path | None = None) -> Measured:
    """Run a command as a child of a small launcher process: wall time, its own peak RSS, its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run([sys.executable, "-c", LAUNCHER, report.name, *args], stdout=out, stderr=err, env=env,
                       cwd=cwd, check=True)
        figures = json.loads(Path(report.name).read_text())
        out.seek(0)
        err.seek(0)
        return Measured(figures["seconds"], figures["max_rss_kb"] / 1024, figures["code"],
                        out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def bench_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("EXAMREADY_WORKSPACE", "DAGSTER_HOME")}
    env.update({"UV_PYTHON_DOWNLOADS": "never", "PYTHONDONTWRITEBYTECODE": "1"}, **extra)
    return env


def examready(*args: str, modules_out: Path | None = None, env: dict | None = None) -> Measured:
    """`examready ARGS` in a child process (the venv's Python, no `uv run` in the timing)."""
    target = str(modules_out) if modules_out else os.devnull
    return measure([sys.executable, "-c", CLI_WRAPPER, target, *args], env=env or bench_env(), cwd=REPO)


def check(m: Measured, what: str, ok_codes=(0,)) -> Measured:
    if m.returncode not in ok_codes:
        raise SystemExit(f"bench: {what} failed with exit code {m.returncode}\n{m.stderr[-3000:]}")
    return m


def machine() -> dict:
    """nproc, memory, CPU model, Python, DuckDB, pandas and Dagster versions."""
    import duckdb
    import pandas

    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or cpu
    mem_gib = 0.0
    try:
        kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        mem_gib = kb / 1024 / 1024
    except (OSError, StopIteration):
        pass
    from importlib.metadata import version
    return {"nproc": os.cpu_count(), "memory": f"{mem_gib:.1f} GiB", "cpu": cpu,
            "python": platform.python_version(), "duckdb": duckdb.__version__, "pandas": pandas.__version__,
            "dagster": version("dagster"), "great_expectations": version("great-expectations"),
            "load_before": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
