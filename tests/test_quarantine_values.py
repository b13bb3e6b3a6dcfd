"""`quarantine --json` gives each held-back row's values as read (raw.quarantine.row_json), as docs/formats.md
tells the user to look there for `taken_at_text`, `extra_cells` and the like."""
from __future__ import annotations

from tests.conftest import run_cli, run_json

CSV = ("Test,Date,Question,Domain,Correct\n"
       "Q Set,2026-11-20 10:00,1,Data Store Management,yes\n"
       "Q Set,2026-13-45,2,Data Store Management,yes\n"
       "Q Set,2026-11-20 10:02,3,Data Store Management,maybe\n")


def test_quarantine_json_gives_each_held_back_rows_values(tmp_path):
    run_cli("init", str(tmp_path))
    (tmp_path / "inbox" / "exams" / "q.csv").write_text(CSV)
    run_cli("run", "-w", str(tmp_path))
    rows = {r["line"]: r for r in run_json("quarantine", "-w", str(tmp_path))["quarantined"]}
    assert rows[3]["check"] == "taken_at_not_null", rows
    assert rows[3]["values"]["taken_at_text"] == "2026-13-45" and rows[3]["values"]["question_id"] == "2", rows[3]
    assert rows[4]["values"]["correct_text"] == "maybe" and rows[4]["values"]["correct"] is None, rows[4]
    assert rows[4]["values"]["domain_label"] == "Data Store Management", rows[4]
