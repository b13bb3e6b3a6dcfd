"""An export saved twice with other bytes (CRLF line endings, a BOM) under another name loads as a second sitting
(a file without a set column is keyed by its name): `run` says so when the copy is loaded, naming the other file
and what to do. Before, the answers counted twice without a word. Not said of a re-export (the same set and day:
it replaces) or of a genuinely different sitting."""
from __future__ import annotations

import pytest

from tests.conftest import run_cli

ROWS = "Date,Question,Domain,Correct\n" + "".join(
    f"2026-12-01 21:05,{k},Domain 1,{'true' if k <= 6 else 'false'}\n" for k in range(1, 11))
SAID = ("examready: exams/practice-1 (2).csv: its rows are those of exams/practice-1.csv (the same questions, marks "
        "and times; the files' bytes differ), loaded as another sitting, so both count. Two copies of one export "
        "(saved again, downloaded again)? Remove one of them and run `examready forget 'exams/practice-1 (2).csv'` or "
        "`examready forget exams/practice-1.csv`")


def _workspace(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01", "--learner", "ana", "--timezone", "UTC")
    return root


@pytest.mark.parametrize("copy", [ROWS.replace("\n", "\r\n"), "\ufeff" + ROWS,
                                  ROWS.splitlines()[0] + "\n" + "\n".join(reversed(ROWS.splitlines()[1:])) + "\n"])
def test_a_copy_in_other_bytes_is_named_when_it_is_loaded(tmp_path, copy):
    root = _workspace(tmp_path)
    (root / "inbox" / "exams" / "practice-1.csv").write_text(ROWS)
    assert "its rows are those of" not in run_cli("run", "-w", str(root)).stderr
    (root / "inbox" / "exams" / "practice-1 (2).csv").write_bytes(copy.encode())
    assert SAID in run_cli("run", "-w", str(root)).stderr
    again = run_cli("run", "-w", str(root), env={"EXAMREADY_FULL_RUN": "1"})  # the job, reading nothing new
    assert "unchanged exams/practice-1 (2).csv" in again.stdout and "its rows are those of" not in again.stderr


def test_copies_new_together_are_named_either_way_round(tmp_path):
    root = _workspace(tmp_path)
    (root / "inbox" / "exams" / "practice-1.csv").write_text(ROWS)
    (root / "inbox" / "exams" / "practice-1 (2).csv").write_bytes(ROWS.replace("\n", "\r\n").encode())
    said = [line for line in run_cli("run", "-w", str(root)).stderr.splitlines() if "its rows are those of" in line]
    assert len(said) == 1, said  # whichever is read first, the line offers to forget either
    assert "`examready forget 'exams/practice-1 (2).csv'`" in said[0] and "`examready forget exams/practice-1.csv`" in said[0]


@pytest.mark.parametrize("other", [
    ROWS.replace("2026-12-01 21:05", "2026-12-02 21:05"),  # the set sat again the next day, the same marks
    ROWS.replace("10,Domain 1,false", "10,Domain 1,true"),  # one mark differs
    ROWS + "2026-12-01 21:05,11,Domain 1,true\n",  # a row more
    ROWS.replace(" 21:05", ""),  # dated by the day alone: a retake that day with the same marks is not told apart
])
def test_another_sitting_is_not_called_a_copy(tmp_path, other):
    root = _workspace(tmp_path)
    (root / "inbox" / "exams" / "practice-1.csv").write_text(ROWS if "21:05" in other else ROWS.replace(" 21:05", ""))
    (root / "inbox" / "exams" / "practice-2.csv").write_text(other)
    assert "its rows are those of" not in run_cli("run", "-w", str(root)).stderr


def test_a_re_export_of_a_named_set_replaces_without_the_notice(tmp_path):
    root = _workspace(tmp_path)
    named = ROWS.replace("Date,", "Exam,Date,").replace("\n2026", "\nPractice Test 1,2026")
    (root / "inbox" / "exams" / "td-1.csv").write_text(named)
    run_cli("run", "-w", str(root))
    (root / "inbox" / "exams" / "td-1-again.csv").write_text(named.replace("\n", "\r\n"))
    assert "its rows are those of" not in run_cli("run", "-w", str(root)).stderr
