"""A summary line giving its percent and Total but no Correct count takes the nearest whole count, percent x Total
rounded, where it shows as that percent once a page rounds, cuts or raises it to the percent's own decimals (70% of
20: 14; 64% of 22: 14, 14/22 being 63.6%; 63% of 22 too, cut). Where no count does (`72,5 %` of 20: 14.5) the line is
held back (`percent_fits_total`), its reason naming the numbers. Before 7 Dec 2026 (READING_RULES 43's '# Also')
percent x Total was rounded whatever it was: `72,5 %` of 20 loaded as 14 correct (70%), noted only 'correct derived
from percent × total'."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from sources.domain_summary_csv import parse
from sources.percent_correct import derive_correct
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace

HEADER = "Exam,Date,Domain,Score,Total\n"
LINE = "X,2026-03-05,Data Security and Governance,{},{}\n"  # domain 4 of DEA-C01
HALF = "72.5% of 20 questions is 14.5: no whole count of correct answers gives it — check the percent or the Total"


def read_line(tmp_path, percent: str, total: int) -> tuple[float | None, str | None]:
    """(correct, why none) of a one-line summary as the adapter reads it."""
    path = tmp_path / "summary.csv"
    path.write_text(HEADER + LINE.format(percent, total), encoding="utf-8")
    row = parse(path)["domain_scores"].iloc[0]
    return (None if pd.isna(row["correct"]) else float(row["correct"]),
            row.get("correct_unfit"))


@pytest.mark.parametrize("percent, total, correct", [
    ("70%", 20, 14), ("70", 20, 14), ("0.7", 20, 14), ("70.0 %", 20, 14),
    ("66.7%", 3, 2), ('"66,67 %"', 3, 2), ("33%", 3, 1), ("0.333", 3, 1),
    # a page rounding to whole percents: 14/22 is 63.6%, shown 64% (64% of 22 is 14.08)
    ("64%", 22, 14), ("0.64", 22, 14), ("5%", 22, 1), ("36%", 22, 8), ("95%", 22, 21),
    ("0%", 20, 0), ("100%", 20, 20), ("50%", 100, 50), ("99%", 100, 99),
    ("63%", 22, 14), ("66.6%", 3, 2),  # a page cutting 63.6% to 63%, 66.67% to 66.6%
    ("50%", 200, 100),  # 99/200 (49.5%) and 101/200 (50.5%) show as 50% too: the nearest count
])
def test_a_percent_of_the_total_fitting_one_count_gives_it(tmp_path, percent, total, correct):
    assert read_line(tmp_path, percent, total) == (correct, None)


@pytest.mark.parametrize("percent, total, why", [
    ('"72,5 %"', 20, HALF), ("72.5%", 20, HALF), ("0.725", 20, HALF),  # a fraction: two fewer decimals
    ("72%", 20, "72% of 20 questions is 14.4: no whole count of correct answers gives it — check the percent or "
                "the Total"),
    # a bare 1 with no fraction in its column is 1% (docs/formats.md): of 20 questions no count
    ("1", 20, "1% of 20 questions is 0.2: no whole count of correct answers gives it — check the percent or the Total"),
])
def test_a_percent_no_count_fits_gives_none_and_says_why(tmp_path, percent, total, why):
    assert read_line(tmp_path, percent, total) == (None, why)


@pytest.mark.parametrize("places", [0, 1])
@pytest.mark.parametrize("shows", ["half up", "cut", "raised"])
def test_every_count_a_page_shows_is_read_back(places, shows):
    """Of 1 to 120 questions, each count's percent as a page shows it (rounded half up, cut or raised to 0 or 1
    decimals) loads, as that count or, where the shown percent is as near another, one next to it."""
    from fractions import Fraction
    from math import ceil, floor

    step = {"half up": lambda x: floor(x + Fraction(1, 2)), "cut": floor, "raised": ceil}[shows]
    for total in range(1, 121):
        correct = pd.Series([float("nan")] * (total + 1))
        shown = [step(Fraction(100 * c * 10 ** places, total)) / 10 ** places for c in range(total + 1)]
        derived, _, unfit = derive_correct(correct, pd.Series([float(total)] * (total + 1)),
                                           pd.Series(shown, dtype="float64"), pd.Series([places] * (total + 1)))
        assert unfit.isna().all(), (total, unfit.dropna().tolist())
        assert (derived - pd.Series(range(total + 1))).abs().max() <= 1, total


def test_run_holds_back_a_percent_no_count_fits_and_inspect_says_the_same(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    path = ws.inbox / "exams" / "summary.csv"
    path.write_text(HEADER + LINE.format('"72,5 %"', 20) + LINE.replace("Security and Governance", "Store Management")
                    .format("64%", 22), encoding="utf-8")
    proc = run_cli("run", "-w", str(ws.root))
    assert "exams/summary.csv (domain_summary_csv): 1 loaded, 1 quarantined" in proc.stdout
    (held,) = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert (held["line"], held["check"], held["reason"], held["advice"]) == (2, "percent_fits_total", HALF, "fix")
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT domain_id, correct, total FROM staging.domain_scores").fetchall() == [(2, 14, 22)]
    (report,) = json.loads(run_cli("inspect", "-w", str(ws.root), str(path), "--json").stdout)
    assert f"domain_scores: 1 line where {HALF} (line 2)" in report["problems"]
