"""A file no format reads: `inspect` exits 1, and the error says which columns the closest formats
expect, or to save a spreadsheet as CSV."""
from __future__ import annotations

import pytest

from tests.conftest import run_cli


def test_inspect_exits_1_and_says_what_the_closest_formats_expect(tmp_path):
    (tmp_path / "weird.csv").write_text("Name,Age\nAnn,7\n")
    (tmp_path / "near.csv").write_text("Question,Score\n1,7\n")
    (tmp_path / "results.xlsx").write_bytes(b"PK\x03\x04" + bytes(60))
    proc = run_cli("inspect", str(tmp_path / "weird.csv"), str(tmp_path / "near.csv"), str(tmp_path / "results.xlsx"),
                   check=False)
    assert proc.returncode == 1, proc.stdout
    weird, near, sheet = proc.stdout.split("\n" + str(tmp_path))
    assert "unknown file format — no format uses its columns (name, age)" in weird
    assert "per_question_csv needs a question, a correct and a domain, task or topic column" in weird
    assert "toggl needs Description, Project, Start date, Start time and Duration" in weird
    assert "closest formats: " in near and "per_question_csv needs a question" in near and "toggl needs" not in near
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


MOODLE_IN = {  # header rows of Moodle's Grades report downloaded by a user whose language is not English
    "de": 'Nachname,Vorname,E-Mail-Adresse,Status,Begonnen am,Beendet,"Bewertung/2,00","F. 1 /1,00","F. 2 /1,00"',
    "fr": 'Nom,Prénom,Adresse de courriel,État,Commencé le,Terminé,"Note/2,00","Q. 1 /1,00","Q. 2 /1,00"',
    "ru": 'Фамилия,Имя,Состояние,Тест начат,Завершено,Оценка/2.00,В. 1 /1.00,В. 2 /1.00',
}


@pytest.mark.parametrize("language", ["de", "fr", "ru"])
def test_a_moodle_export_in_another_language_is_named_as_such_with_how_to_get_it_in_english(tmp_path, language):
    (tmp_path / "quiz.csv").write_text(MOODLE_IN[language] + "\nDoe,Jane,,,,,1,1,0\n", encoding="utf-8")
    proc = run_cli("inspect", str(tmp_path / "quiz.csv"), check=False)
    assert proc.returncode == 1
    assert ("unknown file format — looks like a Moodle Grades export in a language not read: moodle needs State, "
            "Started on and question columns like 'Q. 1 /1.00' (Moodle Grades export) named in English (Moodle names "
            "a report's columns in your language: switch it to English") in proc.stdout, proc.stdout
    assert "per_question_csv needs" not in proc.stdout


@pytest.mark.parametrize(("names", "expected"), [
    (["f 1 1 00", "f 2 1 00"], True),     # German 'F. 1 /1,00'
    (["1 1 00", "2 1 00"], True),         # Cyrillic 'В.' dropped by norm
    (["state", "started on", "q 1 1 00", "q 2 1 00"], False),  # English: the moodle format reads it
    (["tat", "commenc le", "q 1 1 00", "q 2 1 00"], True),      # French (État, Commencé le): "Q." too
    (["f 1 1 00", "date"], False),        # one such column is no quiz
    (["week 1 2", "week 2 2"], False),    # a word, not a question letter
])
def test_moodle_question_columns_in_a_language_not_read(names, expected):
    from sources.moodle import in_a_language_not_read

    assert in_a_language_not_read(names) is expected
