"""`quarantine --json` says what to do about each held-back row (`advice`: what the text says at the
end of its line) and where a renamed file's content went (`renamed_to`, as the text says)."""
from __future__ import annotations

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_summary_row_checks import SUMMARY

BAD = "attempt_id,taken_at,question_id,domain,correct\nm1,2026-11-20 10:00,1,Data Store Management,maybe\n"
TYPO = "attempt_id,taken_at,question_id,domain,correct\nm2,2062-11-09 21:05,1,Data Store Management,true\n"


def test_each_held_row_has_its_advice_and_the_text_ends_its_line_by_it(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary.csv").write_text(SUMMARY)
    (ws.inbox / "exams" / "bad.csv").write_text(BAD)
    (ws.inbox / "exams" / "typo.csv").write_text(TYPO)  # decades ahead: a typo more likely than a clock ahead
    run_cli("run", "-w", str(ws.root))
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert {(r["path"], r["line"], r["check"]): r["advice"] for r in held} == {
        ("exams/bad.csv", 2, "correct_not_null"): "fix",
        ("exams/typo.csv", 2, "taken_at_not_in_future"): "fix",
        ("exams/summary.csv", 3, "domain_mapped"): "kept_on_purpose",
        ("exams/summary.csv", 4, "taken_at_not_in_future"): "wait",
        ("exams/summary.csv", 5, "domain_mapped"): "kept_on_purpose",
        ("exams/summary.csv", 5, "taken_at_not_in_future"): "summary_row"}
    assert all(r["kept_on_purpose"] == (r["advice"] == "kept_on_purpose") for r in held)
    ends = {"fix": ("(correct_not_null)", "if it is right, the first run after that time counts it)"), "wait": "reads the file again and counts it",
            "kept_on_purpose": "nothing to fix", "summary_row": "which counts for no domain, also after that time"}
    lines = run_cli("quarantine", "-w", str(ws.root)).stdout.splitlines()
    for r in held:
        [line] = [t for t in lines if t.startswith(f"  {r['path']}") and f"({r['check']})" in t
                  and str(r["line"]) in t.split(" [")[0]]
        assert line.endswith(ends[r["advice"]]), (r, line)


def test_json_names_where_a_renamed_file_went(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(BAD)
    (ws.inbox / "exams" / "m9.csv").write_text(BAD.replace("m1,", "m9,"))
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "m1.csv").rename(ws.inbox / "exams" / "mock-1.csv")
    (ws.inbox / "exams" / "m9.csv").unlink()
    run_cli("run", "-w", str(ws.root))
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert {r["path"]: r.get("renamed_to") for r in held} == {"exams/m1.csv": "exams/mock-1.csv", "exams/m9.csv": None}
    assert "renamed: its content is now at exams/mock-1.csv" in run_cli("quarantine", "-w", str(ws.root)).stdout
