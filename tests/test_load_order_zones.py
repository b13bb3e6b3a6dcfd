"""The order of loads does not follow the machine's time zone: a file corrected after the zone moved
west (a laptop that travels, the hour the clocks go back) counts in its new version, in a warehouse
stamped in local time by an older examready too, and so does a learner put back after `forget`."""
from __future__ import annotations

import duckdb

from tests.conftest import run_cli, run_json
from tests.test_learners import class_export

TOKYO, LOS_ANGELES = {"TZ": "Asia/Tokyo"}, {"TZ": "America/Los_Angeles"}
HEADER = "attempt_id,taken_at,provider,question_id,domain,task,correct\n"
ROWS = [f"td-set1,2026-02-09 21:05,Tutorials Dojo,{q},Domain {d}: x,{d}.1,true\n"
        for q, d in ((1, 1), (2, 1), (3, 1), (4, 2))]


def _export(root, questions: int) -> None:
    (root / "inbox" / "exams" / "set1.csv").write_text(HEADER + "".join(ROWS[:questions]))


def _run(root, env: dict) -> list[tuple]:
    """`examready run --json` under `env`: (status, rows_loaded) of each file."""
    return [(f["status"], f["rows_loaded"]) for f in run_json("run", "-w", str(root), env=env)["files"]]


def _one(root, sql: str):
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def _workspace(tmp_path, env: dict):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--timezone", "Europe/Berlin", env=env)
    _export(root, 3)
    assert _run(root, env) == [("loaded", 3)]
    return root


def test_a_correction_counts_after_the_zone_moved_west(tmp_path):
    root = _workspace(tmp_path, TOKYO)
    _export(root, 4)  # corrected: the fourth question was missing
    assert _run(root, LOS_ANGELES) == [("replaced", 4)]
    assert _one(root, "SELECT count(*) FROM staging.answers") == 4
    domains = run_json("readiness", "-w", str(root), env=LOS_ANGELES)["domains"]
    assert [d["questions"] for d in domains][:2] == [3, 1]
    assert _run(root, TOKYO) == [("unchanged", 0)]


def test_a_correction_counts_in_a_warehouse_stamped_in_local_time(tmp_path):
    """An older examready stamped loads in local time: Tokyo's, 9 h ahead of UTC, here."""
    root = _workspace(tmp_path, {"TZ": "UTC"})
    with duckdb.connect(str(root / "warehouse.duckdb")) as con:
        con.execute("UPDATE raw.file_events SET recorded_at = recorded_at + INTERVAL 9 HOUR")
    _export(root, 4)
    assert _run(root, {"TZ": "UTC"}) == [("replaced", 4)]
    assert _one(root, "SELECT count(*) FROM staging.answers") == 4


def test_a_learner_put_back_after_the_zone_moved_west(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({"ana@x.example": 0.9, "ben@x.example": 0.3}))
    run_cli("run", "-w", str(root))
    run_cli("forget", "-w", str(root), "--learner", "ben@x.example", env=TOKYO)
    run_cli("forget", "-w", str(root), "--learner", "ben@x.example", "--undo", env=LOS_ANGELES)
    assert _one(root, "SELECT count(*) FROM raw.withdrawn_learners") == 0
