"""A Moodle Grades export re-saved by Excel with day-first dates (01/12/2026): its rows are listed by surname, so
their order says nothing of the dates; with no day above 12 they are read day-first, as assumed, and `run` says so.
They were read month-first (12 January) when that reading happened to keep the rows in date order."""
from __future__ import annotations

import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

HEADER = 'Surname,First name,Email address,State,Started on,Completed,Time taken,Grade/2.00,Q. 1 /1.00,Q. 2 /1.00\n'
BY_SURNAME = HEADER + ("Adams,Ann,ann@example.com,Finished,01/12/2026 21:05,01/12/2026 21:31,26 mins 3 secs,1.00,1.00,0.00\n"
                       "Brown,Bob,bob@example.com,Finished,05/11/2026 10:00,05/11/2026 10:20,20 mins,2.00,1.00,1.00\n"
                       "Clark,Cat,cat@example.com,Finished,10/11/2026 10:00,10/11/2026 10:20,20 mins,1.00,0.00,1.00\n")
MIXED = HEADER + ('Doe,Alex,alex@example.com,Finished,"1 December 2026, 9:05 PM","1 December 2026, 9:31 PM",'
                  '26 mins,2.00,1.00,1.00\n'
                  'Roe,Ben,ben@example.com,Finished,"Tuesday, 1 December 2026, 10:00 AM",'
                  '"Tuesday, 1 December 2026, 10:20 AM",20 mins,1.00,1.00,0.00\n'
                  'Poe,Cy,cy@example.com,Finished,01/12/2026 11:00,01/12/2026 11:20,20 mins,2.00,1.00,1.00\n'
                  'Moe,Di,di@example.com,Finished,"1/12/26, 11:00","1/12/26, 11:20",20 mins,1.00,0.00,1.00\n')
MAP = "question,domain\nQ. 1,Data Ingestion and Transformation\nQ. 2,Data Store Management\n"
DAY_FIRST = ("ambiguous dates read as day-first (DD/MM/YYYY): no day above 12 and the rows are not listed by time; "
             "assumed day-first")


def test_an_export_listed_by_surname_is_read_day_first_not_by_its_row_order(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name, text in (("quiz4", BY_SURNAME), ("quiz2", MIXED)):
        (ws.inbox / "exams" / f"{name}.csv").write_text(text)
        (ws.inbox / "exams" / f"{name}-map.csv").write_text(MAP)
    err = run_cli("run", "-w", str(ws.root)).stderr
    assert f"exams/quiz4.csv: {DAY_FIRST}" in err and f"exams/quiz2.csv: {DAY_FIRST}" in err, err
    assert "month-first" not in err, err
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        started = dict(con.execute("SELECT DISTINCT learner_id, strftime(taken_at, '%Y-%m-%d %H:%M') "
                                   "FROM raw.answers").fetchall())
    assert started == {"ann@example.com": "2026-12-01 21:05", "bob@example.com": "2026-11-05 10:00",
                       "cat@example.com": "2026-11-10 10:00", "alex@example.com": "2026-12-01 21:05",
                       "ben@example.com": "2026-12-01 10:00", "cy@example.com": "2026-12-01 11:00",
                       "di@example.com": "2026-12-01 11:00"}
    learners = run_cli("learners", "-w", str(ws.root)).stdout
    assert "last 2026-11-05" in learners and "last 2026-01-12" not in learners, learners
