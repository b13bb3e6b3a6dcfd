"""`inspect` names a class export's learners as `run` stores them (an email lower-cased: docs/cohorts.md, "One
spelling per person"), with the spelling written in the file where it differs."""
from __future__ import annotations

import json

import duckdb

from tests.conftest import run_cli

CLASS = ("Student Email,Exam,Date,Question,Domain,Correct\n"
         "Ana@Class.example,Week 1,2026-11-20 18:00,1,Data Store Management,yes\n"
         "ana@class.example,Week 1,2026-11-20 18:00,2,Data Store Management,no\n"
         "ben@class.example,Week 1,2026-11-20 18:00,1,Data Store Management,yes\n")


def test_inspect_names_learners_as_stored(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    export = ws / "inbox" / "exams" / "week1.csv"
    export.write_text(CLASS)
    out = run_cli("inspect", "-w", str(ws), str(export)).stdout
    assert "learners: 2 named in the file (ana@class.example (written Ana@Class.example), ben@class.example)" in out
    learners = json.loads(run_cli("inspect", "-w", str(ws), str(export), "--json").stdout)[0]["learners"]
    assert learners["examples"] == ["ana@class.example", "ben@class.example"], learners
    assert learners["written"] == {"ana@class.example": ["Ana@Class.example"]}, learners
    run_cli("run", "-w", str(ws))
    with duckdb.connect(str(ws / "warehouse.duckdb"), read_only=True) as con:
        stored = sorted(r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.answers").fetchall())
    assert stored == learners["examples"]
