"""`examready quarantine`'s first line counts the reasons it lists, not the rows held back: two lines held back
for the same reason are '2 lines (1 reason)'. Before 7 Dec 2026 it said '2 lines (2 reasons)'."""
from __future__ import annotations

import pytest

from examready.quarantine_text import header
from tests.conftest import run_cli


def held(line: int, reason: str, check: str = "taken_at_not_null", path: str = "exams/a.csv") -> dict:
    """One held-back row as `quarantine --json` gives it."""
    return {"path": path, "line": line, "column": "taken_at", "reason": reason, "check": check, "advice": "fix"}


BAD = "date taken 'bad' is not a date"


@pytest.mark.parametrize("rows, said", [
    ([held(3, BAD), held(4, BAD)], "2 lines (1 reason) in 1 file"),
    ([held(3, BAD), held(4, "date taken 'worse' is not a date")], "2 lines (2 reasons) in 1 file"),
    ([held(3, BAD), held(3, "duplicate of line 2", "unique_within_file")], "1 line (2 reasons) in 1 file"),
    ([held(3, BAD), held(3, BAD, path="exams/b.csv")], "2 lines (2 reasons) in 2 files"),  # a reason per file
    ([held(n, BAD) for n in range(2, 20)], "18 lines (1 reason) in 1 file"),
])
def test_the_header_counts_the_reasons_listed(rows, said):
    assert header({"quarantined": rows, "rejected": [], "overlapping": []}) == \
        f"held back: {said}, 0 rejected files"


def test_two_lines_held_back_for_one_reason_say_one_reason(tmp_path):
    """The user's case: two rows of a file with the same unreadable date."""
    run_cli("init", str(tmp_path))
    (tmp_path / "inbox" / "exams" / "pq.csv").write_text(
        "Test,Date,Question,Domain,Correct\nTD 2,2026-03-05,1,Data Store Management,true\n"
        "TD 2,bad,2,Data Ingestion and Transformation,false\nTD 2,bad,3,Data Security and Governance,true\n")
    run_cli("run", "-w", str(tmp_path))
    text = run_cli("quarantine", "-w", str(tmp_path)).stdout
    assert text.splitlines()[:2] == [
        "held back: 2 lines (1 reason) in 1 file, 0 rejected files",
        "  exams/pq.csv lines 3-4 (2 lines) [taken_at] date taken 'bad' is not a date (taken_at_not_null)"], text
