"""one row pasted twice in a set's export (same time, same question or
domain) should be held back as a duplicate (docs/formats.md, `unique_within_file`), not begin a second
"sitting" that turns every later row into a retake worth 0.02 of a question (sources/sittings.py:66-67)."""
from __future__ import annotations

from sources.registry import parse_file
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace

QUESTIONS = ("Test,Date,Question,Domain,Correct\n"
             "TD 1,2026-11-20 19:00,1,D1,true\n"
             "TD 1,2026-11-20 19:01,2,D2,false\n"
             "TD 1,2026-11-20 19:01,2,D2,false\n"  # the same line twice: a copy-paste slip
             "TD 1,2026-11-20 19:02,3,D3,true\n"
             "TD 1,2026-11-20 19:03,4,D4,true\n")

SUMMARY = ("Exam,Date,Knowledge Area,Score %,Questions\n"
           "Set A,2026-11-15,D1,60%,20\n"
           "Set A,2026-11-15,D2,73%,15\n"
           "Set A,2026-11-15,D2,73%,15\n"  # the same line twice
           "Set A,2026-11-15,D3,50%,12\n"
           "Set A,2026-11-15,D4,40%,10\n")


def test_rows_after_a_pasted_twice_line_stay_in_the_sitting(tmp_path):
    """Questions 3 and 4 were answered in the same sitting as 1 and 2: one attempt id for them all."""
    path = tmp_path / "td.csv"
    path.write_text(QUESTIONS)
    ids = parse_file(path)[1]["answers"].set_index("line")["attempt_id"]
    assert ids[5] == ids[2] and ids[6] == ids[2], ids.to_dict()


def test_a_pasted_twice_summary_line_leaves_every_domain_measured(tmp_path):
    """A summary with D1-D4 measures all four domains; the repeated D2 line is held back, not a new sitting."""
    root = tmp_path / "ws"
    new_workspace(root)
    (root / "inbox" / "exams" / "s.csv").write_text(SUMMARY)
    run_cli("run", "-w", str(root))
    report = run_json("readiness", "-w", str(root))
    assert [d["measured"] for d in report["domains"]] == [True] * 4, report["domains"]
    held = run_json("quarantine", "-w", str(root))["quarantined"]
    assert [r["line"] for r in held] == [4], held
