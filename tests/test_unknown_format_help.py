"""A file no format reads: `inspect` exits 1, and the error says which columns the closest formats
expect, or to save a spreadsheet as CSV."""
from __future__ import annotations

from tests.conftest import run_cli


def test_inspect_exits_1_and_says_what_the_closest_formats_expect(tmp_path):
    (tmp_path / "weird.csv").write_text("Name,Score\nAnn,7\n")
    (tmp_path / "near.csv").write_text("Question,Score\n1,7\n")
    (tmp_path / "results.xlsx").write_bytes(b"PK\x03\x04" + bytes(60))
    proc = run_cli("inspect", str(tmp_path / "weird.csv"), str(tmp_path / "near.csv"), str(tmp_path / "results.xlsx"),
                   check=False)
    assert proc.returncode == 1, proc.stdout
    weird, near, sheet = proc.stdout.split("\n" + str(tmp_path))
    assert "unknown file format — no format uses its columns (name, score)" in weird
    assert "per_question_csv needs a question, a correct and a domain, task or topic column" in weird
    assert "toggl needs Description, Project, Start date, Start time and Duration" in weird
    assert "closest formats: per_question_csv needs a question" in near and "toggl needs" not in near
    assert "a spreadsheet (.xlsx), not a CSV export — open it and save it as CSV" in sheet


def test_a_readable_file_still_exits_0(tmp_path):
    (tmp_path / "log.csv").write_text("Date,Minutes\n2026-11-20,30\n")
    assert run_cli("inspect", str(tmp_path / "log.csv"), check=False).returncode == 0


def test_run_names_a_rejected_file_of_no_format_as_such(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "ana", "--timezone", "UTC")
    (root / "inbox" / "exams" / "results.xlsx").write_bytes(b"PK\x03\x04" + bytes(60))
    ran = run_cli("run", "-w", str(root), check=False)
    assert ran.returncode == 1
    line = next(x for x in ran.stdout.splitlines() if "results.xlsx" in x)
    assert line.startswith("rejected  exams/results.xlsx (format unknown): 0 loaded, 0 quarantined — "), line
