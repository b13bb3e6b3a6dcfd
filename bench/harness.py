"""`make bench`: examready against what the machine can do at best, as ratios from one run.

1. no-op run of the demo workspace (nothing new);
2. one new mock export dropped into the demo workspace: `examready run` vs its floor, a bare
   Python process importing the libraries the run imported plus DuckDB reading that file;
   three exports in turn, each run followed by its floor, and the median ratio reported;
3. a cohort of N learners x 20 mock exams x 65 questions (+ 40 Toggl entries each), split one
   file per 1,000 learners: full build vs DuckDB alone reading the same CSVs into tables, with
   the peak RSS of the `examready run` process; and, to show what the design costs by itself,
   DuckDB alone writing the same rows typed into examready's raw tables (FLOOR_RAW_LAYER);
4. the same at 1,000 / 3,000 / 10,000 learners, and how cost grows.

Every command runs as a child process of this one; wall time from time.perf_counter and peak
RSS from os.wait4's rusage of that child. BENCH_SCALE=small divides the cohort by 20 (a quick
run); BENCH_SCALE=full (default) is the issue's 1k/3k/10k.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.cohort import write_cohort
from examready.gc_settings import CLI_GC_THRESHOLDS

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin (written by `make bench`) -->", "<!-- bench:end -->"
OUR_PACKAGES = {"examready", "sources", "warehouse", "pipelines", "reports", "readiness", "bench"}

# Target figures from issue 8.
NOOP_TARGET_S = 2.5
EXPORT_TARGET_RATIO = 1.5
COHORT_TARGET_RATIO = 3.0
RSS_TARGET_MB = 2048.0
EXPORT_TRIALS = 3  # step 2 is repeated: the machine's load moves a single ratio by ±0.2

# Runs the CLI like the console script does and, at exit, writes the top-level third-party
# modules the run imported (the floor of step 2 imports the same ones).
CLI_WRAPPER = """
import atexit, json, sys
_target = sys.argv[1]
def _dump():
    names = sorted({m.split('.')[0] for m in list(sys.modules)} - set(sys.stdlib_module_names)
                   - set(sys.builtin_module_names))
    with open(_target, 'w') as out:
        out.write(json.dumps(names))
atexit.register(_dump)
sys.argv = ['examready'] + sys.argv[2:]
from examready.cli import main
main()
"""

FLOOR_IMPORTS = """
import importlib, json, sys
for name in json.loads(open(sys.argv[1]).read()):
    try:
        importlib.import_module(name)
    except BaseException:
        pass
import duckdb
con = duckdb.connect(sys.argv[2])
con.execute("CREATE TABLE answers AS SELECT * FROM read_csv(?)", [sys.argv[3]])
print(con.execute("SELECT count(*) FROM answers").fetchone()[0])
"""

# The same floor with what `examready run` does to the interpreter: the collector settings from its
# first line (the run sets them only after its first imports) and the exit without module teardown
# (examready/fast_exit.py): so a ratio against it is our own work, not GC or exit tuning.
FLOOR_IMPORTS_TUNED = (f"import gc\ngc.freeze()\ngc.set_threshold(*{CLI_GC_THRESHOLDS})\n" + FLOOR_IMPORTS
                       + "from examready.fast_exit import end_process\nend_process(0)\n")

FLOOR_DUCKDB = """
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1])
files = json.loads(sys.argv[2])
con.execute("CREATE TABLE answers AS SELECT * FROM read_csv(?)", [files["exams"]])
con.execute("CREATE TABLE study_sessions AS SELECT * FROM read_csv(?)", [files["hours"]])
print(con.execute("SELECT (SELECT count(*) FROM answers) + (SELECT count(*) FROM study_sessions)").fetchone()[0])
"""


# What the cohort target's floor leaves out: examready keeps every row typed in its raw tables,
# with provenance (load, line). DuckDB alone doing that much, one file at a time as ingestion
# goes (text read, then an insert typed by SQL casts; no adapters, look-ups, checks or model),
# shows how much of the build's distance to the floor that design costs by itself.
FLOOR_RAW_LAYER = """
import json, sys, uuid
import duckdb
con = duckdb.connect(sys.argv[1])
con.execute(open(sys.argv[3], encoding="utf-8").read())
files = json.loads(sys.argv[2])
TEXT = "CREATE OR REPLACE TEMP TABLE text AS SELECT * FROM read_csv(?, all_varchar = true)"
for path in files["exams"]:
    con.execute(TEXT, [path])
    con.execute(\"\"\"INSERT INTO raw.answers BY NAME SELECT ? AS load_id, learner_id, rowid + 2 AS line,
        0 AS line_row, attempt AS attempt_id, taken_at::TIMESTAMP AS taken_at, question AS question_id,
        domain AS domain_label, correct::BOOLEAN AS correct, seconds::DOUBLE AS seconds, 'mock' AS source
        FROM text\"\"\", [uuid.uuid4().hex])
for path in files["hours"]:
    con.execute(TEXT, [path])
    con.execute(\"\"\"INSERT INTO raw.study_sessions BY NAME SELECT ? AS load_id, "User" AS learner_id,
        rowid + 2 AS line, 0 AS line_row, ("Start date" || ' ' || "Start time")::TIMESTAMP AS started_at,
        epoch("Duration"::INTERVAL) / 60 AS minutes, "Description" AS description, "Project" AS project,
        "Tags" AS tags, 'toggl' AS tool FROM text\"\"\", [uuid.uuid4().hex])
print(con.execute("SELECT (SELECT count(*) FROM raw.answers) + (SELECT count(*) FROM raw.study_sessions)").fetchone()[0])
"""
SCHEMA_SQL = REPO / "warehouse" / "sql" / "schema.sql"


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


def new_export(path: Path, attempt: str, day: date, questions: int = 65) -> None:
    """One new per-question mock export, in the demo's format (a 65-question attempt)."""
    domains = ["Domain 1: Data Ingestion and Transformation", "Domain 2: Data Store Management",
               "Domain 3: Data Operations and Support", "Domain 4: Data Security and Governance"]
    lines = ["attempt_id,taken_at,provider,question_id,domain,task,correct,seconds,confidence"]
    for q in range(1, questions + 1):
        d = (q * 7) % 4
        lines.append(f"{attempt},{day:%Y-%m-%d} 19:00,Tutorials Dojo,Q{q},{domains[d]},{d + 1}.{q % 3 + 1},"
                     f"{'TRUE' if (q * 13) % 10 < 7 else 'FALSE'},{40 + q % 90},{q % 5 + 1}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_json(m: Measured) -> dict:
    """The run report; tolerates text printed before it (GE's progress bars on big batches)."""
    start = m.stdout.find("{\n")
    try:
        if start > 0:
            print(f"bench: `examready run --json` printed {start} characters before its JSON: "
                  f"{m.stdout[:start].strip()[:120]!r}", file=sys.stderr)
        return json.loads(m.stdout[max(start, 0):])
    except ValueError:
        raise SystemExit(f"bench: `examready run --json` printed no JSON\n{m.stdout[-2000:]}\n{m.stderr[-2000:]}")


def single_learner(tmp: Path, rows: list, notes: list) -> None:
    """Steps 1 and 2 on the demo workspace."""
    ws = tmp / "demo"
    check(examready("demo", str(ws)), "examready demo")
    noop = [check(examready("run", "-w", str(ws), "--json"), "no-op run") for _ in range(3)]
    noop.sort(key=lambda m: m.seconds)
    median = noop[1]
    statuses = {f["status"] for f in run_json(median)["files"]}
    full_noop = check(examready("run", "-w", str(ws), "--json", env=bench_env(EXAMREADY_FULL_RUN="1")),
                      "no-op run through Dagster")
    rows.append(["1. no-op run (demo workspace, median of 3)", f"{median.seconds:.2f} s",
                 f"target ≤ {NOOP_TARGET_S} s", "met" if median.seconds <= NOOP_TARGET_S else "NOT met",
                 f"{median.max_rss_mb:.0f} MB"])
    rows.append(["   same, forced through Dagster (EXAMREADY_FULL_RUN=1)", f"{full_noop.seconds:.2f} s", "", "",
                 f"{full_noop.max_rss_mb:.0f} MB"])
    notes.append(f"no-op statuses: {sorted(statuses)}")

    trials = [_one_export(tmp, ws, i) for i in range(EXPORT_TRIALS)]
    ratios = sorted(run.seconds / floor.seconds for run, floor, _, _ in trials)
    tuned = sorted(run.seconds / floor_tuned.seconds for run, _, floor_tuned, _ in trials)
    run, floor, floor_tuned, loaded = sorted(trials, key=lambda t: t[0].seconds / t[1].seconds)[len(trials) // 2]
    ratio = run.seconds / floor.seconds
    rows.append([f"2. one new mock export: `examready run` (median of {len(trials)})", f"{run.seconds:.2f} s",
                 f"floor {floor.seconds:.2f} s → ratio {ratio:.2f} (target ≤ {EXPORT_TARGET_RATIO})",
                 "met" if ratio <= EXPORT_TARGET_RATIO else "NOT met", f"{run.max_rss_mb:.0f} MB"])
    rows.append(["   same run against the floor with the run's GC settings and exit", "",
                 f"floor {floor_tuned.seconds:.2f} s → ratio {run.seconds / floor_tuned.seconds:.2f}", "", ""])
    notes.append(f"new export: {loaded[0]['status'] if loaded else 'missing'}, "
                 f"{loaded[0]['rows_loaded'] if loaded else 0} rows loaded; the floor imported "
                 f"{len(json.loads((tmp / 'modules.json').read_text()))} top-level libraries; ratios of the "
                 f"{len(trials)} exports (each run then its floors): {', '.join(f'{r:.2f}' for r in ratios)}; "
                 f"against the floor with the run's GC settings and exit: {', '.join(f'{r:.2f}' for r in tuned)}")


def _one_export(tmp: Path, ws: Path, trial: int) -> tuple[Measured, Measured, Measured, list]:
    """A new export dropped into the workspace, `examready run`, then its two floors (right after, same load)."""
    export = ws / "inbox" / "exams" / f"mock-bench-{trial + 1}.csv"
    new_export(export, f"mock-bench-{trial + 1}", date.today() - timedelta(days=EXPORT_TRIALS - trial))
    modules = tmp / "modules.json"
    run = check(examready("run", "-w", str(ws), "--json", modules_out=modules), "run with one new export")
    loaded = [f for f in run_json(run)["files"] if f["path"].endswith(export.name)]
    libraries = [m for m in json.loads(modules.read_text()) if m not in OUR_PACKAGES and m != "__main__"]
    modules.write_text(json.dumps(libraries))
    floor, floor_tuned = (check(measure([sys.executable, "-c", script, str(modules),
                                         str(tmp / f"floor-{trial}-{n}.duckdb"), str(export)], env=bench_env()),
                                 "floor of one export") for n, script in enumerate((FLOOR_IMPORTS, FLOOR_IMPORTS_TUNED)))
    return run, floor, floor_tuned, loaded


def cohort(tmp: Path, scales: list[int], per_file: int, rows: list, notes: list) -> None:
    """Steps 3 and 4: full builds of growing cohorts vs DuckDB alone."""
    source = tmp / "cohort"
    started = time.perf_counter()
    files = write_cohort(source, max(scales), per_file=per_file)
    notes.append(f"cohort CSVs generated in {time.perf_counter() - started:.1f} s "
                 f"({sum(p.stat().st_size for ps in files.values() for p in ps) / 2 ** 20:.0f} MiB)")
    results = {}
    for n in scales:
        k = -(-n // per_file)
        chosen = {kind: paths[:k] for kind, paths in files.items()}
        ws = tmp / f"cohort-{n}"
        check(examready("init", str(ws), "--learner", "bench"), "examready init")
        for kind, paths in chosen.items():
            for p in paths:
                target = ws / "inbox" / kind / p.name
                try:
                    os.link(p, target)
                except OSError:
                    shutil.copy(p, target)
        build = check(examready("run", "-w", str(ws), "--json"), f"cohort build, {n} learners", ok_codes=(0, 1))
        report = run_json(build)
        if not m_stdout_clean(build):
            notes.append(f"{n} learners: `run --json` stdout had text before the JSON (a progress bar)")
        loaded = sum(f["rows_loaded"] for f in report["files"])
        quarantined = sum(f["rows_quarantined"] for f in report["files"])
        listed = json.dumps({kind: [str(p) for p in ps] for kind, ps in chosen.items()})
        floor = check(measure([sys.executable, "-c", FLOOR_DUCKDB, str(tmp / f"floor-{n}.duckdb"), listed],
                              env=bench_env()), "DuckDB floor")
        raw_layer = check(measure([sys.executable, "-c", FLOOR_RAW_LAYER, str(tmp / f"raw-layer-{n}.duckdb"), listed,
                                   str(SCHEMA_SQL)], env=bench_env()), "raw-layer floor")
        learners = _forecast_learners(ws)
        steps = measure([sys.executable, "-m", "bench.steps", str(ws)], env=bench_env(), cwd=REPO)
        results[n] = build.seconds
        ratio = build.seconds / floor.seconds
        answers = n * 20 * 65
        rows.append([f"3. cohort {n:,} learners ({answers / 1e6:.2f}M answers, {n * 40:,} sessions): full build",
                     f"{build.seconds:.1f} s",
                     f"DuckDB floor {floor.seconds:.1f} s → ratio {ratio:.1f} (target ≤ {COHORT_TARGET_RATIO:g})",
                     "met" if ratio <= COHORT_TARGET_RATIO else "NOT met",
                     f"{build.max_rss_mb:.0f} MB ({'met' if build.max_rss_mb <= RSS_TARGET_MB else 'NOT met'} ≤ 2 GiB)"])
        rows.append(["   DuckDB alone into examready's raw tables (one file at a time, text then typed rows)",
                     f"{raw_layer.seconds:.1f} s", f"{raw_layer.seconds / floor.seconds:.1f}× the floor; "
                     f"the build is {build.seconds / raw_layer.seconds:.1f}× this", "", f"{raw_layer.max_rss_mb:.0f} MB"])
        notes.append(f"{n} learners: exit {build.returncode}, {loaded:,} rows loaded, {quarantined:,} quarantined, "
                     f"{learners} learners in marts.forecast; floor peak RSS {floor.max_rss_mb:.0f} MB")
        if steps.returncode == 0 and steps.stdout.strip():
            slowest = sorted(json.loads(steps.stdout).items(), key=lambda kv: -kv[1])[:6]
            notes.append(f"{n} learners, slowest Dagster steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest))
        shutil.rmtree(ws, ignore_errors=True)
        for name in (f"floor-{n}.duckdb", f"raw-layer-{n}.duckdb"):
            Path(tmp / name).unlink(missing_ok=True)
    base = scales[0]
    for n in scales[1:]:
        growth = results[n] / results[base]
        rows.append([f"4. growth {base:,} → {n:,} learners (×{n / base:g} data)", f"×{growth:.2f} time",
                     f"per learner ×{growth / (n / base):.2f} (1.00 = linear)", "", ""])


def m_stdout_clean(m: Measured) -> bool:
    return m.stdout.lstrip().startswith("{")


def _forecast_learners(ws: Path) -> int:
    code = ("import duckdb,sys; c=duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute('SELECT count(DISTINCT learner_id) FROM marts.forecast').fetchone()[0])")
    m = measure([sys.executable, "-c", code, str(ws / "warehouse.duckdb")], env=bench_env())
    return int(m.stdout.strip()) if m.returncode == 0 and m.stdout.strip().isdigit() else -1


def table(rows: list) -> str:
    head = ["measure", "result", "against", "target", "peak RSS"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def write_doc(text: str) -> None:
    """Replace the generated section of docs/performance.md (create the file if needed)."""
    DOC.parent.mkdir(exist_ok=True)
    block = f"{BEGIN}\n{text}\n{END}"
    if DOC.exists() and BEGIN in DOC.read_text(encoding="utf-8"):
        old = DOC.read_text(encoding="utf-8")
        new = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, old, flags=re.S)
    else:
        new = f"# Performance\n\n{block}\n"
    DOC.write_text(new, encoding="utf-8")


def main() -> None:
    scale = os.environ.get("BENCH_SCALE", "full")
    scales, per_file = ([50, 150, 500], 50) if scale == "small" else ([1000, 3000, 10000], 1000)
    info = machine()
    rows: list = []
    notes: list = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="examready-bench-") as tmp:
        single_learner(Path(tmp), rows, notes)
        cohort(Path(tmp), scales, per_file, rows, notes)
    total = time.perf_counter() - started
    header = (f"Run {date.today().isoformat()} with BENCH_SCALE={scale} in {total / 60:.1f} min on: "
              f"{info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, Python {info['python']}, "
              f"DuckDB {info['duckdb']}, pandas {info['pandas']}, Dagster {info['dagster']}, "
              f"Great Expectations {info['great_expectations']}; 1-min load average before the run "
              f"{info['load_before']:.2f}.")
    text = header + "\n\n" + table(rows) + "\n\n" + "\n".join(f"- {n}" for n in notes)
    print(text)
    if scale != "small" or os.environ.get("BENCH_WRITE_DOC") == "1":
        write_doc(text)
        print(f"\nwritten to {DOC}")


if __name__ == "__main__":
    main()
