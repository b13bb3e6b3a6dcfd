"""A study entry running past Sunday midnight counts in both ISO weeks of marts.hours_weekly, its minutes
split by its time on the clock in each; an entry within one week, and one with a date but no time of day,
count in their start week."""
from __future__ import annotations

import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

LOG = ("date,minutes,topic\n"
       "2026-02-15 23:00,120,AWS Glue\n"     # Sunday 23:00 to Monday 01:00: 60 min in each week
       "2026-02-15 21:00,30,Amazon Kinesis\n"  # Sunday, within the week
       "2026-02-15,90,Amazon Redshift\n")     # a Sunday with no time of day: its day's week
FIRST, SECOND = "2026-02-09", "2026-02-16"


def test_an_entry_across_sunday_midnight_is_split_between_its_weeks(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "log.csv").write_text(LOG)
    run_cli("run", "-w", str(ws.root))
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        weeks = con.execute("SELECT strftime(week, '%Y-%m-%d'), sum(minutes), sum(sessions) FROM marts.hours_weekly "
                            "GROUP BY week ORDER BY week").fetchall()
        total = con.execute("SELECT sum(minutes) FROM staging.study_sessions").fetchone()[0]
    assert weeks == [(FIRST, 60 + 30 + 90, 3), (SECOND, 60, 1)]
    assert sum(m for _, m, _ in weeks) == total == 240  # no minute lost or counted twice
