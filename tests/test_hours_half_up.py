"""Hours read the same in text, pages and JSON: one decimal, a half rounded up (2.25 h is 2.3 h, not 2.2)."""
from __future__ import annotations

import re

import pytest

from reports.hours import hours_text
from tests.conftest import run_cli, run_json

LOG = ("date,minutes,topic\n2026-11-02,45,Data Ingestion and Transformation\n"
       "2026-11-03,90,Data Ingestion and Transformation\n2026-11-10,75,Data Store Management\n"
       "2026-11-11,141,Data Operations and Support\n")  # 2.25 h, 1.25 h and 2.35 h (2.34999… in binary)


@pytest.mark.parametrize("hours, shown", [(2.25, "2.3"), (2.35, "2.4"), (4.25, "4.3"), (0.75, "0.8"), (1.25, "1.3"),
                                          (2.3499999999999996, "2.4"), (0.04, "0.0"), (0.0, "0.0"), (3, "3.0")])
def test_a_half_rounds_up(hours, shown):
    assert hours_text(hours) == shown


def test_readiness_text_and_the_dashboards_weekly_table_round_hours_half_up(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--timezone", "UTC")
    (ws / "inbox" / "hours" / "log.csv").write_text(LOG, encoding="utf-8")
    run_cli("run", "-w", str(ws))
    assert [d["hours"] for d in run_json("readiness", "-w", str(ws))["domains"]] == [2.25, 1.25, 2.35, 0.0]
    text = run_cli("readiness", "-w", str(ws)).stdout
    assert re.findall(r"(\d+\.\d) h$", text, flags=re.M) == ["2.3", "1.3", "2.4", "0.0"], text
    weekly = (ws / "site" / "dashboard.html").read_text(encoding="utf-8").split("Numbers: hours per week")[1]
    assert 'data-sort="2.25">2.3<' in weekly and 'data-sort="1.25">1.3<' in weekly, weekly[:3000]
    assert 'data-sort="2.35">2.4<' in weekly, weekly[:3000]
