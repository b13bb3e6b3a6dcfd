"""The scripts `make bench` runs in child processes: the CLI wrapper that records what a run imported,
and the floors a run or a build is measured against."""
from __future__ import annotations

from pathlib import Path

from examready.gc_settings import CLI_GC_THRESHOLDS

REPO = Path(__file__).resolve().parent.parent

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

# What a run imported (argv[1]: a JSON list of top-level libraries), then DuckDB opening argv[2].
IMPORTS_THEN_DUCKDB = """
import importlib, json, sys
for name in json.loads(open(sys.argv[1]).read()):
    try:
        importlib.import_module(name)
    except BaseException:
        pass
import duckdb
con = duckdb.connect(sys.argv[2])
"""

FLOOR_IMPORTS = IMPORTS_THEN_DUCKDB + """
con.execute("CREATE TABLE answers AS SELECT * FROM read_csv(?)", [sys.argv[3]])
print(con.execute("SELECT count(*) FROM answers").fetchone()[0])
"""

# Step 5's floor: every note's text of the vault (argv[3]) into a table.
FLOOR_NOTES = IMPORTS_THEN_DUCKDB + """
con.execute("CREATE TABLE notes AS SELECT * FROM read_text(?)", [sys.argv[3] + "/**/*.md"])
print(con.execute("SELECT count(*) FROM notes").fetchone()[0])
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
