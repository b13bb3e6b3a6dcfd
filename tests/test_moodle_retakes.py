"""A second finished attempt at one Moodle quiz is a retake: it repeats the quiz's questions, so a right answer
may be remembered (docs/model.md, step 1). Before, every Moodle attempt counted in full, as a first sitting."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def test_the_second_attempt_at_a_moodle_quiz_counts_as_a_retake(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name in ("moodle_grades.csv", "moodle_grades_map.csv"):
        shutil.copy(INPUTS / name, ws.inbox / "exams" / name)
    run_cli("run", "-w", str(ws.root))
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        got = con.execute("SELECT DISTINCT attempt_id, source, retake_of, retake_set FROM marts.domain_evidence "
                          "ORDER BY attempt_id").fetchall()
        listed = con.execute("SELECT count(DISTINCT attempt_id) FROM marts.attempts").fetchone()[0]
    alex, sam = "moodle-p6db61e6d", "moodle-p" + __import__("hashlib").sha256(b"sam@example.com").hexdigest()[:8]
    assert got == [(f"{alex}-20260209T2105", "moodle", None, None),
                   (f"{alex}-20260216T2000", "retake", f"{alex}-20260209T2105", "exams/moodle_grades.csv"),
                   (f"{sam}-20260210T0712", "moodle", None, None)]
    assert listed == 3  # a retake stays an attempt
