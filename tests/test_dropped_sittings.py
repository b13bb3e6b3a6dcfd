"""A new version of a file replaces its old load whole: when it no longer holds an attempt of the old one (a
retake exported over the first sitting's file, under the same name), `run` says so on stderr, naming the
attempt, its day and rows; a corrected re-export of the same sittings says nothing (docs/cli.md)."""
from __future__ import annotations

from tests.conftest import run_cli, run_json

ROWS = "".join(f"{q},Domain 1,AWS Glue,{'Correct' if q % 3 else 'Incorrect'}\n" for q in range(1, 11))


def export(day: str, rows: str = ROWS) -> str:
    """A Tutorials Dojo results page copied with its title lines: no date or test column."""
    return f"Tutorials Dojo - Practice Test 1\nExported on {day}\n\nQuestion,Domain,Service,Result\n{rows}"


def test_a_retake_saved_over_the_first_export_is_said(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    path = root / "inbox" / "exams" / "td-pt1.csv"
    path.write_text(export("2026-11-05"))
    assert "no longer holds" not in run_cli("run", "-w", str(root)).stderr
    path.write_text(export("2026-11-05", ROWS.replace("3,Domain 1,AWS Glue,Incorrect", "3,Domain 1,AWS Glue,Correct")))
    assert "no longer holds" not in run_cli("run", "-w", str(root)).stderr  # a corrected re-export
    path.write_text(export("2026-11-26", ROWS.replace("Incorrect", "Correct")))
    run = run_cli("run", "-w", str(root))
    assert ("examready: exams/td-pt1.csv: this version replaces the one loaded before, whose attempt 'Tutorials Dojo - Practice Test 1 2026-11-05 [td-pt1]' of "
            "2026-11-05 (10 rows) it no longer holds: that attempt no longer counts. A retake exported over the "
            "earlier file? Put the earlier export back under another name to count both") in run.stderr
    assert run_json("readiness", "-w", str(root))["domains"][0]["questions"] == 10  # as said: the first is gone


def test_students_missing_from_a_class_export_saved_over_the_first_are_named(tmp_path):
    """Before: "… whose attempts 'Quiz 1 2026-11-20 10:00' of 2026-11-20 (5 rows), 'Quiz 1 2026-11-20 10:00' of
    2026-11-20 (5 rows) it no longer holds …": one name twice, and no student named."""
    root = tmp_path / "class"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "cohort: true\n")
    rows = lambda who: "".join(f"{w}@class.example,Quiz 1,2026-11-20 10:00,{q},Domain 1,true\n"  # noqa: E731
                               for w in who for q in range(1, 6))
    path = root / "inbox" / "exams" / "quiz1.csv"
    path.write_text("Email,Quiz,Date,Question,Domain,Correct\n" + rows(["ana", "ben", "cara", "dan"]))
    run_cli("run", "-w", str(root))
    path.write_text("Email,Quiz,Date,Question,Domain,Correct\n" + rows(["ana", "cara"]))
    said = run_cli("run", "-w", str(root)).stderr
    assert ("whose attempts 'Quiz 1 2026-11-20 10:00' of 2026-11-20 by ben@class.example (5 rows), 'Quiz 1 2026-11-20 "
            "10:00' of 2026-11-20 by dan@class.example (5 rows) it no longer holds: they no longer count. A student left out "
            "of the new export, or a retake exported over the earlier file? Put the earlier export back under another "
            "name to count both") in said, said


def test_a_footer_held_back_is_no_attempt_and_an_answer_held_back_is_its_sittings(tmp_path):
    """A spreadsheet's footer line (held back: no date, no question) names no attempt the new version could drop;
    an answer held back (its mark unread) is still one of its sitting's 10 rows. Before, the run also named an
    attempt 'Total' (1 rows) that the new version "no longer holds"."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    path = root / "inbox" / "exams" / "td-set1.csv"
    answers = lambda day: "".join(f"TD Set 1,{day},{q},Domain 1,{'maybe' if q == 3 else 'true'}\n"  # noqa: E731
                                  for q in range(1, 11))
    path.write_text("Test,Date,Question,Domain,Correct\n" + answers("2026-11-05") + "Total,,,9/10\n")
    run_cli("run", "-w", str(root))
    path.write_text("Test,Date,Question,Domain,Correct\n" + answers("2026-11-26"))
    assert ("examready: exams/td-set1.csv: this version replaces the one loaded before, whose attempt 'TD Set 1 "
            "2026-11-05' of 2026-11-05 (10 rows) it no longer holds: that attempt no longer counts.") in \
        run_cli("run", "-w", str(root)).stderr
