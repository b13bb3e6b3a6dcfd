"""A summary line giving its Correct count and percent but no Total (`Domain 1,7,70%`) is loaded with the one question
count of which that count is that percent as the page rounds it (7 of 10 is 70%; 7 of 9 is 77.8%, of 11 63.6%),
and the file's note says so; where several counts fit (100 at 50%: 199 to 202) it is held back, its reason naming
them (READING_RULES 42). Before 7 Dec 2026 every such line was held back: 'total questions missing: 7 correct of
how many?'. The other way, a Correct count derived from percent x Total, is older (`_derive_correct`)."""
from __future__ import annotations

import json

import duckdb
import numpy as np
import pandas as pd
import pytest

from sources.domain_summary_csv import parse
from sources.percent_counts import counts_text, percent_places, totals_of
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import ingest, new_workspace

HEADER = "Exam,Date,Domain,Correct,Score %\n"
SOUND = "X,2026-03-05,Data Store Management,12/20,60%\n"
LINE = "X,2026-03-05,Data Security and Governance,{}\n"  # domain 4 of DEA-C01
NOTE = ("total derived from correct and percent (the only question count giving that percent) on 1 row "
        "(line 3: 7 correct at 70% is 10 questions)")


@pytest.mark.parametrize("correct, percent, places, counts", [
    (7, 70, 0, [10]),  # 7/9 is 77.8%, 7/11 63.6%
    (13, 87, 0, [15]),  # 13/14 is 92.9%, 13/16 81.3%
    (100, 50, 0, [199, 200, 201, 202]),  # 100/202 is 49.505%: 50% too; 100/198 50.505%: 51%
    (1, 50, 0, [2]),
    (100, 100, 0, [100]),  # 100/101 is 99.0%
    (250, 100, 0, [250, 251]),  # 250/251 is 99.6%: 100% rounded
    (2, 66.7, 1, [3]),  # to the percent's own decimals
    (4, 66.7, 1, [6]),
    (4, 67, 0, [6]),  # 4/6 is 66.67%: 67%
    (7, 70.0, 1, [10]),
    (0, 70, 0, []),  # 0 of any count is 0%
    (7, 120, 0, []),  # above 100%: no count (percent_in_range holds it back)
    (0, 0, 0, None),  # 0 of any count
    (7, 0, 0, None),  # any count above 1,400: no finite set, a contradiction held back as before
    (7.5, 70, 0, None),  # not a count
    (np.nan, 70, 0, None),
    (7, np.nan, 0, None),
])
def test_the_counts_a_correct_count_and_its_percent_fit(correct, percent, places, counts):
    found = totals_of(correct, percent, places)
    assert (None if found is None else list(found)) == counts


@pytest.mark.parametrize("counts, text", [(range(56, 58), "56 or 57"), (range(199, 203), "199, 200, 201 or 202"),
                                          (range(100, 126), "any of 26 counts from 100 to 125")])
def test_the_counts_as_a_reason_names_them(counts, text):
    assert counts_text(counts) == text


@pytest.mark.parametrize("cell, scaled, places", [
    ("70%", False, 0), ("66.7%", False, 1), ("66,7 %", False, 1), ("70.00%", False, 2), ("70", False, 0),
    ("0.7", True, 0), ("0,7", True, 0), ("0.667", True, 1), ("1", True, 0),  # a fraction's two places are the percent's
])
def test_the_places_a_percent_is_written_to(cell, scaled, places):
    assert percent_places(cell, scaled) == places


def summary(tmp_path, lines: list[str], header: str = HEADER, sound: str = SOUND):
    path = tmp_path / "summary.csv"
    path.write_text(header + sound + "".join(LINE.format(cells) for cells in lines), encoding="utf-8")
    return parse(path)["domain_scores"]


TOTAL_COLUMN = ("Exam,Date,Domain,Correct,Total,Score %\n", "X,2026-03-05,Data Store Management,12,20,60%\n")


@pytest.mark.parametrize("header, sound, cells, total, derived", [
    (HEADER, SOUND, "7,70%", 10, True),
    (HEADER, SOUND, "13,87%", 15, True),
    (HEADER, SOUND, "2,66.7%", 3, True),
    (HEADER, SOUND, "100,100%", 100, True),
    (HEADER, "X,2026-03-05,Data Store Management,12/20,0.6\n", "7,0.7", 10, True),  # Excel's fractions
    (*TOTAL_COLUMN, "7,,70%", 10, True),
    (*TOTAL_COLUMN, "7,12,70%", 12, False),  # guard: a Total written is kept (the percent contradicts it)
    (HEADER, SOUND, "7/12,70%", 12, False),  # guard: so is one written in Correct
    (*TOTAL_COLUMN, "7,abc,70%", None, False),  # guard: a Total cell not read is quoted (`total_is_count`)
    (HEADER, SOUND, "100,50%", None, False),  # several counts fit
    (HEADER, SOUND, "0,0%", None, False),
    (HEADER, SOUND, "7,0%", None, False),
    (HEADER, SOUND, "7,", None, False),  # no percent
])
def test_a_blank_total_is_derived_where_one_count_alone_fits(tmp_path, header, sound, cells, total, derived):
    out = summary(tmp_path, [cells], header, sound)
    assert (None if pd.isna(out["total"].iloc[1]) else int(out["total"].iloc[1])) == total
    assert any(w.startswith("total derived") for w in out.attrs["warnings"]) == derived


def test_the_note_names_each_derived_line_and_the_ambiguous_reason_names_the_counts(tmp_path):
    out = summary(tmp_path, ["7,70%", "100,50%", "13,87%"])
    assert out["total"].tolist()[1:] == [10, pd.NA, 15]
    assert out["total_ambiguous"].tolist() == [None, None, "100 correct at 50% could be of 199, 200, 201 or 202 "
                                                           "questions", None]
    assert ("total derived from correct and percent (the only question count giving that percent) on 2 rows "
            "(line 3: 7 correct at 70% is 10 questions; line 5: 13 correct at 87% is 15 questions)") \
        in out.attrs["warnings"]


def test_run_loads_7_at_70_percent_as_7_of_10_and_readiness_counts_it(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary.csv").write_text(HEADER + SOUND + LINE.format("7,70%"))
    proc = run_cli("run", "-w", str(ws.root))
    assert "exams/summary.csv (domain_summary_csv): 2 loaded, 0 quarantined" in proc.stdout
    assert f"exams/summary.csv: {NOTE}\n" in proc.stderr
    assert run_json("quarantine", "-w", str(ws.root))["quarantined"] == []
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT domain_id, correct, total FROM staging.domain_scores ORDER BY 1").fetchall() \
            == [(2, 12, 20), (4, 7, 10)]
    domains = {d["id"]: d for d in run_json("readiness", "-w", str(ws.root))["domains"]}
    assert (domains[4]["questions"], domains[4]["measured"]) == (10, True)
    assert json.loads(run_cli("inspect", "-w", str(ws.root), str(ws.inbox / "exams" / "summary.csv"),
                              "--json").stdout)[0]["problems"] == [f"domain_scores: {NOTE}"]  # told as `run` tells it


def test_a_line_held_back_by_rules_41_is_loaded_by_the_next_run_once(tmp_path, monkeypatch):
    """What READING_RULES 41 did (the line held back for its missing Total) is read again once: loaded, not twice."""
    import sources.domain_summary_csv as adapter

    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary.csv").write_text(HEADER + SOUND + LINE.format("7,70%"))
    with monkeypatch.context() as before:  # no Total derived, as before 42
        before.setattr(adapter, "_derive_total", raising=False, value=lambda correct, *_: (
            pd.Series(np.nan, index=correct.index), pd.Series(None, index=correct.index, dtype=object), []))
        assert [(r.rows_loaded, r.rows_quarantined) for r in ingest(ws, "r1")] == [(1, 1)]
    with duckdb.connect(str(ws.db_path)) as con:
        con.execute("UPDATE raw.file_events SET rules = 41")  # as that version stored it: 42 reads it again
    assert len(run_json("quarantine", "-w", str(ws.root))["quarantined"]) == 1
    report = run_json("run", "-w", str(ws.root))
    assert [(f["path"], f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in report["files"]] == [
        ("exams/summary.csv", "replaced", 2, 0)]
    assert run_json("quarantine", "-w", str(ws.root))["quarantined"] == []
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT domain_id, correct, total FROM staging.domain_scores ORDER BY 1").fetchall() \
            == [(2, 12, 20), (4, 7, 10)]
    again = run_json("run", "-w", str(ws.root))
    assert [(f["status"], f["rows_loaded"]) for f in again["files"]] == [("unchanged", 0)]
