"""A sitting's items on both paths (sources/sittings.py; the bulk path: warehouse/bulk_sittings.py): question
numbers restarting in each domain repeat nothing, and a line pasted twice is held back, not a retake (s14 review)."""
from __future__ import annotations

import duckdb
import pytest

from tests.test_bulk_ingest import _both_paths

BY_DOMAIN = "".join(f"TD 1,2026-03-14,{q},D{d},true\n" for d in range(1, 5) for q in range(1, 11))  # D1 Q1..10, ...
RETAKEN = ("".join(f"TD 1,2026-03-14,{q},D1,false\n" for q in range(1, 11))  # then again that day, from Q10
           + "".join(f"TD 1,2026-03-14,{q},D1,true\n" for q in [10, *range(1, 10)]))
TIMED = "".join(f"TD 1,2026-03-14 19:{m:02d},{m + 1},D{m % 4 + 1},true\n" for m in range(6))


def pasted(body: str, row: int, drop: str = "") -> str:
    """`body` with its `row`-th line (0 first) written twice, `drop` taken out of every line."""
    lines = body.replace(drop, "").splitlines(keepends=True)
    return "".join(lines[:row + 1] + lines[row:])


@pytest.mark.parametrize("header, body, attempts, held", [
    # (A) questions numbered within their domain, all on one day: one sitting of 40 answers
    ("Exam,Date,Question,Domain,Correct", BY_DOMAIN, [("TD 1 2026-03-14", 40)], []),
    # ... sat twice that day (dates alone): each (domain, question) again begins the second sitting
    ("Exam,Date,Question,Domain,Correct", BY_DOMAIN * 2, [("TD 1 2026-03-14", 40), ("TD 1 2026-03-14 (2)", 40)], []),
    # no set column: the file is the set, the same rule
    ("Date,Question,Domain,Correct", BY_DOMAIN.replace("TD 1,", ""), [("td", 40)], []),
    # (B) a line pasted twice: its copy held back as a duplicate, the rows after it in the same sitting
    ("Exam,Date,Question,Domain,Correct", pasted(TIMED, 1), [("TD 1 2026-03-14 19:00", 7)], [4]),
    ("Exam,Date,Question,Domain,Correct", pasted(BY_DOMAIN, 12), [("TD 1 2026-03-14", 41)], [15]),
    ("Date,Question,Domain,Correct", pasted(TIMED, 5, "TD 1,"), [("td", 7)], [8]),
    # a same-day retake beginning with the question the first sitting ended on, its mark another: no paste
    ("Exam,Date,Question,Domain,Correct", RETAKEN, [("TD 1 2026-03-14", 10), ("TD 1 2026-03-14 (2)", 10)], []),
])
def test_domain_numbered_questions_and_pasted_lines_on_both_paths(tmp_path, monkeypatch, header, body, attempts,
                                                                   held):
    csv = tmp_path / "td.csv"
    csv.write_text(header + "\n" + body)
    db, report = _both_paths(tmp_path, csv, monkeypatch)  # asserts the same report and raw rows on both
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("SELECT attempt_id, count(*) FROM raw.answers GROUP BY 1 ORDER BY 1").fetchall()
        lines = con.execute("SELECT line, reason FROM raw.quarantine ORDER BY 1").fetchall()
    assert got == attempts
    assert lines == [(n, f"duplicate of line {n - 1}") for n in held]
