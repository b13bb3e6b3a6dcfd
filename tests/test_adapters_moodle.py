"""Moodle quiz Grades export with its question → domain map."""
import shutil
from pathlib import Path

import pandas as pd

from sources import moodle, moodle_question_map
from sources.canonical import ANSWERS
from sources.registry import detect, parse_file

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def test_grades_export_with_map():
    adapter, tables = parse_file(INPUTS / "moodle_grades.csv")
    answers = tables["answers"]
    assert adapter is moodle
    assert list(answers.columns) == ANSWERS + ["line"]
    assert len(answers) == 18  # 3 finished attempts × 6 questions; in-progress and average rows skipped
    assert answers["attempt_id"].nunique() == 3
    assert answers["taken_at"].min() == pd.Timestamp("2026-02-09 21:05")
    first = answers[answers["line"] == 2]
    # 1.00, 0.00, 1.00, '-' (not answered), 2.00 of 2, 0.50 of 1 (partial)
    assert first["correct"].tolist() == [True, False, True, False, True, False]
    assert first["domain_label"].iloc[0] == "Domain 1: Data Ingestion and Transformation"
    assert first["task_label"].tolist() == ["1.1", "1.3", "2.1", "2.4", "3.2", "4.2"]
    assert answers["correct"].isna().sum() == 1  # "Requires grading"
    assert any("skipped" in w for w in answers.attrs["warnings"])


def test_map_file_is_detected_and_loads_no_rows():
    adapter, tables = parse_file(INPUTS / "moodle_grades_map.csv")
    assert adapter is moodle_question_map and tables == {}
    mapping = moodle_question_map.read_map(INPUTS / "moodle_grades_map.csv")
    assert mapping["question"].tolist() == ["1", "2", "3", "4", "5", "6"]


def test_without_map_domains_stay_empty_with_a_warning(tmp_path):
    shutil.copyfile(INPUTS / "moodle_grades.csv", tmp_path / "quiz.csv")
    answers = parse_file(tmp_path / "quiz.csv")[1]["answers"]
    assert len(answers) == 18 and answers["domain_label"].isna().all()
    assert any("no question→domain map" in w for w in answers.attrs["warnings"])


def test_map_named_after_the_export_wins(tmp_path):
    shutil.copyfile(INPUTS / "moodle_grades.csv", tmp_path / "week1.csv")
    (tmp_path / "week1-map.csv").write_text("question,domain\n1,Domain 3\n", encoding="utf-8")
    (tmp_path / "other-map.csv").write_text("question,domain\n1,Domain 4\n", encoding="utf-8")
    answers = parse_file(tmp_path / "week1.csv")[1]["answers"]
    assert set(answers.loc[answers["question_id"] == "1", "domain_label"]) == {"Domain 3"}
    assert detect(tmp_path / "other-map.csv") is moodle_question_map


def test_mark_rules():
    assert moodle.mark_correct("1.00", 1.0) is True
    assert moodle.mark_correct("0,50", 1.0) is False
    assert moodle.mark_correct("-", 1.0) is False
    assert moodle.mark_correct("Requires grading", 1.0) is None


def test_companions_are_the_map_find_map_picks(tmp_path):
    shutil.copyfile(INPUTS / "moodle_grades.csv", tmp_path / "week1.csv")
    assert moodle.companions(tmp_path / "week1.csv") == []
    (tmp_path / "a-map.csv").write_text("question,domain\n1,Domain 3\n", encoding="utf-8")
    assert moodle.companions(tmp_path / "week1.csv") == [tmp_path / "a-map.csv"]
    (tmp_path / "b-map.csv").write_text("question,domain\n1,Domain 4\n", encoding="utf-8")
    assert moodle.companions(tmp_path / "week1.csv") == []  # several, none named after it: no map
    (tmp_path / "week1-map.csv").write_text("question,domain\n1,Domain 2\n", encoding="utf-8")
    maps = moodle_question_map.map_files(tmp_path)
    assert maps == [tmp_path / n for n in ("a-map.csv", "b-map.csv", "week1-map.csv")]
    assert moodle.companions(tmp_path / "week1.csv", maps) == [tmp_path / "week1-map.csv"]
    assert moodle_question_map.find_map(tmp_path / "week1.csv") == tmp_path / "week1-map.csv"
