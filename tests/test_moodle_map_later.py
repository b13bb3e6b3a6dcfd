"""A Moodle export loaded before its question map: the map (added, edited, removed) re-reads it.

The ledger's identity of a Moodle export covers the export's bytes and the map's
(warehouse/inbox.py `file_identity`), so a map dropped into the inbox after the export was
loaded makes the export `replaced` — once: a further run with nothing changed writes nothing.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers_workspace import ingest, new_workspace, table_digests
from warehouse.connection import open_warehouse, read_sql
from warehouse.inbox import file_sha256, scan_inbox

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
EXPORT, MAP = "exams/moodle_grades.csv", "exams/moodle_grades_map.csv"


def _statuses(ws, run_id: str) -> dict[str, str]:
    return {r.path: r.status for r in ingest(ws, run_id)}


def _current_answers(ws) -> list[tuple]:
    """(question_id, domain_id) of the export's latest load, as staging sees them (ungraded row aside)."""
    with open_warehouse(ws.db_path) as con:
        for model in ("staging/current_loads.sql", "staging/answer_exports.sql", "staging/answers.sql"):
            con.execute(read_sql(model))
        return con.execute("SELECT question_id, domain_id FROM staging.answers ORDER BY line, question_id").fetchall()


def _unmapped_held(ws) -> int:
    """Answers of the export's current load held back because their label matches no domain."""
    with open_warehouse(ws.db_path) as con:
        return con.execute("""
            SELECT count(DISTINCT (q.line, q.line_row)) FROM raw.quarantine q
            JOIN (SELECT arg_max(load_id, recorded_at) AS load_id FROM raw.file_events
                  WHERE path = ? AND status IN ('loaded', 'replaced')) l USING (load_id)
            WHERE q.table_name = 'answers' AND q.check_name = 'domain_mapped'""", [EXPORT]).fetchone()[0]


def _loads(ws) -> int:
    with open_warehouse(ws.db_path) as con:
        return con.execute("SELECT count(*) FROM raw.file_events WHERE path = ? "
                           "AND status IN ('loaded', 'replaced')", [EXPORT]).fetchone()[0]


def test_map_added_after_the_export_replaces_it_once(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    exams = ws.inbox / "exams"
    shutil.copy(INPUTS / "moodle_grades.csv", exams / "moodle_grades.csv")
    assert _statuses(ws, "r1") == {EXPORT: "loaded"}
    assert _unmapped_held(ws) == 18  # 3 finished attempts x 6 questions, none with a domain
    assert _current_answers(ws) == []

    shutil.copy(INPUTS / "moodle_grades_map.csv", exams / "moodle_grades_map.csv")
    assert _statuses(ws, "r2") == {EXPORT: "replaced", MAP: "loaded"}
    assert _unmapped_held(ws) == 0
    answers = _current_answers(ws)
    assert len(answers) == 17 and all(domain for _, domain in answers)
    assert _loads(ws) == 2
    after_second = table_digests(ws.db_path)

    assert _statuses(ws, "r3") == {EXPORT: "unchanged", MAP: "unchanged"}
    assert table_digests(ws.db_path) == after_second
    assert _loads(ws) == 2


def test_editing_the_map_rereads_the_export(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    exams = ws.inbox / "exams"
    for name in ("moodle_grades.csv", "moodle_grades_map.csv"):
        shutil.copy(INPUTS / name, exams / name)
    assert _statuses(ws, "r1") == {EXPORT: "loaded", MAP: "loaded"}
    first = dict(_current_answers(ws)[:6])  # line 2: questions 1..6

    text = (exams / "moodle_grades_map.csv").read_text(encoding="utf-8")
    (exams / "moodle_grades_map.csv").write_text(  # question 1 moves to domain 4
        text.replace("Q. 1,Domain 1: Data Ingestion and Transformation", "Q. 1,Data Security and Governance"),
        encoding="utf-8")
    assert _statuses(ws, "r2") == {EXPORT: "replaced", MAP: "replaced"}
    second = dict(_current_answers(ws)[:6])
    assert first["1"] != second["1"] == first["6"]  # question 6 is in Data Security and Governance
    assert {q: d for q, d in first.items() if q != "1"} == {q: d for q, d in second.items() if q != "1"}
    digests = table_digests(ws.db_path)
    assert _statuses(ws, "r3") == {EXPORT: "unchanged", MAP: "unchanged"}
    assert table_digests(ws.db_path) == digests


def test_map_removed_rereads_the_export_without_it(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    exams = ws.inbox / "exams"
    for name in ("moodle_grades.csv", "moodle_grades_map.csv"):
        shutil.copy(INPUTS / name, exams / name)
    ingest(ws, "r1")
    (exams / "moodle_grades_map.csv").unlink()
    assert _statuses(ws, "r2") == {EXPORT: "replaced"}
    assert _unmapped_held(ws) == 18
    digests = table_digests(ws.db_path)
    assert _statuses(ws, "r3") == {EXPORT: "unchanged"}
    assert table_digests(ws.db_path) == digests


def test_only_a_moodle_export_with_a_map_has_a_combined_identity(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    exams = ws.inbox / "exams"
    shutil.copy(INPUTS / "moodle_grades.csv", exams / "moodle_grades.csv")
    (exams / "mock.csv").write_text("attempt_id,taken_at,provider,question_id,domain,correct\n"
                                    "a1,2026-03-02 19:00,Tutorials Dojo,1,Domain 1,true\n")
    alone = {f.relative: f.sha256 for f in scan_inbox(ws.inbox)}
    assert alone == {EXPORT: file_sha256(exams / "moodle_grades.csv"),
                     "exams/mock.csv": file_sha256(exams / "mock.csv")}
    shutil.copy(INPUTS / "moodle_grades_map.csv", exams / "moodle_grades_map.csv")
    with_map = {f.relative: f.sha256 for f in scan_inbox(ws.inbox)}
    assert with_map[EXPORT] != alone[EXPORT]
    assert with_map["exams/mock.csv"] == alone["exams/mock.csv"]
    assert with_map[MAP] == file_sha256(exams / "moodle_grades_map.csv")
