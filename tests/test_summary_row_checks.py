"""A summary row ("Overall") held back for something else too (a date in the future, a percent off its
counts): only its domain_mapped entry is kept on purpose; the others say once that there is nothing to
fix, without promising that it will count (it counts for no domain, also once due)."""
from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_summary_rows import KEPT

# ahead, but within quarantine_rows.TYPO_DAYS: 1-2 days at import, so still ahead if the session runs past midnight
LATER = (date.today() + timedelta(days=2)).isoformat()
SUMMARY = ("Exam,Date,Platform,Knowledge Area,Score %,Questions\n"
           "Set A,2026-11-20,Tutorials Dojo,Data Ingestion and Transformation,60%,10\n"
           "Set A,2026-11-20,Tutorials Dojo,Overall,60%,10\n"
           f"Set A,{LATER},Tutorials Dojo,Data Ingestion and Transformation,80%,10\n"
           f"Set A,{LATER},Tutorials Dojo,Overall,80%,10\n")
BAD_OVERALL = ("Exam,Date,Knowledge Area,Correct,Questions,Score %\n"
               "Set B,2026-11-20,Data Ingestion and Transformation,6,10,60%\n"
               "Set B,2026-11-20,Data Store Management,7,10,70%\n"
               "Set B,2026-11-20,Overall,17,22,30%\n")
ON_SUMMARY = "nothing to fix: it is a summary row, kept on purpose, which counts for no domain"


def _entries(held: list[dict], path: str, line: int) -> dict[str, bool]:
    return {r["check"]: r["kept_on_purpose"] for r in held if (r["path"], r["line"]) == (path, line)}


def test_a_summary_row_in_the_future_is_kept_on_purpose_once_and_not_said_to_count(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary.csv").write_text(SUMMARY)
    run_cli("run", "-w", str(ws.root))
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert _entries(held, "exams/summary.csv", 5) == {"domain_mapped": True, "taken_at_not_in_future": False}
    assert _entries(held, "exams/summary.csv", 4) == {"taken_at_not_in_future": False}
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 1 line (1 reason) in 1 file, 0 rejected files, "
                                    "2 summary rows kept on purpose (nothing to fix)")
    [future] = [line for line in text.splitlines() if line.startswith("  exams/summary.csv:5 [taken_at]")]
    assert future.endswith(f"(taken_at_not_in_future) — {ON_SUMMARY}, also after that time"), future
    assert "counts it" not in future and KEPT not in future  # before: both, one after the other
    [domain] = [line for line in text.splitlines() if line.startswith("  exams/summary.csv:4 [taken_at]")]
    assert domain.endswith("nothing to fix: the first run after that time reads the file again and counts it")
    assert text.count(KEPT) == 1  # lines 3 and 5, once: "lines 3, 5 (2 lines) … domain_mapped"


def test_a_summary_row_s_percent_off_its_counts_is_nothing_to_fix_either(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "bad-overall.csv").write_text(BAD_OVERALL)
    run_cli("run", "-w", str(ws.root))
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert _entries(held, "exams/bad-overall.csv", 4) == {"domain_mapped": True, "percent_matches_counts": False}
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 0 lines (0 reasons) in 0 files, 0 rejected files, "
                                    "1 summary row kept on purpose (nothing to fix)")
    [percent] = [line for line in text.splitlines() if "(percent_matches_counts)" in line]
    assert percent.endswith(f"(percent_matches_counts) — {ON_SUMMARY}"), percent
    assert text.count(KEPT) == 1 and "fix the lines in the file" not in text
