"""A study entry's blank, zero or too long duration: `inspect` and `quarantine` give the same reasons, and
the range reason says what the check holds (more than 0, at most 24 h)."""
from __future__ import annotations

from tests.conftest import run_cli

PLAIN = ("date,hours,topic\n2026-11-01,1.5,Athena\n2026-11-02,0,Glue\n2026-11-03,,Athena\n"
         "2026-11-04,30,Redshift\n")


def test_inspect_and_quarantine_give_the_same_duration_reasons(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    log = tmp_path / "plain.csv"
    log.write_text(PLAIN)
    out = run_cli("inspect", "-w", str(ws), str(log)).stdout
    assert "1 line where duration is missing or unreadable (line 4)" in out, out
    assert "2 lines where duration must be more than 0 and at most 24 h (lines 3, 5)" in out, out
    assert "0-24 h" not in out, out
    (ws / "inbox" / "hours" / "plain.csv").write_text(PLAIN)
    run_cli("run", "-w", str(ws))
    held = run_cli("quarantine", "-w", str(ws)).stdout
    assert "hours/plain.csv:3 [minutes] duration 0 min must be more than 0 and at most 24 h (minutes_in_range)" in held
    assert "hours/plain.csv:4 [minutes] duration is missing or unreadable (minutes_not_null)" in held, held
    assert "hours/plain.csv:5 [minutes] duration 1800 min must be more than 0 and at most 24 h" in held, held
