"""A Ctrl-C in the middle of `examready forget a b` forgets neither file: the withdrawals are one
transaction, and an interrupt before its commit takes the first one back (written one statement at a
time, the first file stayed forgotten). The interrupt is raised where the second file's ledger row
would be written: a SIGINT's timing cannot pick that point."""
from __future__ import annotations

import pytest

from examready.cmd_forget import forget
from tests.helpers_workspace import new_workspace
from warehouse import ledger
from warehouse.connection import open_warehouse

PATHS = ["exams/a.csv", "exams/b.csv"]


def _loaded_workspace(tmp_path):
    """A workspace whose ledger holds a loaded version of each of PATHS (the files since removed)."""
    ws = new_workspace(tmp_path / "ws")
    with open_warehouse(ws.db_path) as con:
        for n, path in enumerate(PATHS):
            ledger.record(con, ledger.FileReport(path, "exams", "per_question_csv", "loaded"), f"{n:064d}",
                          ws.config.learner_id, "run-1", f"load-{n}")
    return ws


def _counting(ws) -> list[str]:
    with open_warehouse(ws.db_path, read_only=True) as con:
        return [path for path, *_ in ledger.current_versions(con, ws.config.learner_id)]


def test_an_interrupt_between_two_withdrawals_forgets_neither(tmp_path, monkeypatch):
    ws = _loaded_workspace(tmp_path)
    record, calls = ledger.record, []

    def interrupted_on_the_second(con, report, *args, **kwargs):
        calls.append(report.path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        record(con, report, *args, **kwargs)

    monkeypatch.setattr(ledger, "record", interrupted_on_the_second)
    with open_warehouse(ws.db_path) as con, pytest.raises(KeyboardInterrupt):
        forget(con, ws, PATHS)
    assert calls == PATHS  # the first withdrawal was written inside the transaction, then taken back
    assert _counting(ws) == PATHS

    monkeypatch.setattr(ledger, "record", record)
    with open_warehouse(ws.db_path) as con:
        assert forget(con, ws, PATHS) == [{"path": p, "status": "withdrawn"} for p in PATHS]
    assert _counting(ws) == []
