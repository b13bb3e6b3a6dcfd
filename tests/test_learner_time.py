"""The learner's day and clock (examready.yaml `timezone`) where the machine's would be wrong."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pytest
import yaml

from examready import last_run
from examready.run_outcome import RunOutcome
from pipelines.workspace import Workspace, find_workspace
from pipelines.workspace_config import Config, WorkspaceError
from pipelines.workspace_create import create_workspace
from sources.zones import local_zone_name, zone
from test_adapters_anki import KIRITIMATI, reviews_at_known_times
from tests.conftest import run_cli, run_json

AHEAD = "Pacific/Kiritimati"  # UTC+14: the furthest ahead of any machine's zone


def _workspace(root, timezone: str, exam_date: str | None = None) -> Workspace:
    return create_workspace(root, Config(exam="DEA-C01", learner_id="me", timezone=timezone, exam_date=exam_date))


def _zone_on_another_date() -> str:
    """A zone whose date differs from this machine's now (UTC+14 and UTC-11 are 25 hours apart)."""
    return next(z for z in (AHEAD, "Pacific/Pago_Pago") if datetime.now(ZoneInfo(z)).date() != date.today())


def _write_mock(ws: Workspace, attempt: str, taken: datetime) -> None:
    rows = [f"{attempt},{taken:%Y-%m-%d %H:%M},Tutorials Dojo,{q},Domain 1: Data Ingestion and Transformation,1.1,"
            f"{'true' if q % 2 else 'false'},60,0.5" for q in range(1, 11)]
    (ws.inbox / "exams" / f"{attempt}.csv").write_text(
        "attempt_id,taken_at,provider,question_id,domain,task,correct,seconds,confidence\n" + "\n".join(rows) + "\n")


@pytest.mark.parametrize("timezone", ["UTC", AHEAD, "Pacific/Pago_Pago"])
def test_now_is_the_later_of_the_machine_and_the_learner_clock(tmp_path, timezone):
    ws = _workspace(tmp_path / "ws", timezone)
    clocks = lambda: max(datetime.now(), datetime.now(ZoneInfo(timezone)).replace(tzinfo=None))  # noqa: E731
    before = clocks()
    now = ws.now()
    assert before <= now <= clocks()
    assert now.tzinfo is None


def test_the_no_op_check_goes_by_the_learners_day(tmp_path, monkeypatch):
    """A clean run remembered on the learner's day is a no-op that day only, whatever the machine's date."""
    ws = _workspace(tmp_path / "ws", AHEAD)
    outcome = RunOutcome("run-1", True, [], {"dashboard": str(tmp_path / "dashboard.html")})
    monkeypatch.setattr(Workspace, "today", lambda self: date(2030, 1, 1))
    last_run.write_state(ws, outcome, {})
    assert last_run.read_state(ws)["day"] == "2030-01-01"
    assert last_run.changed_kinds(ws, last_run.read_state(ws), {}) == set()
    monkeypatch.setattr(Workspace, "today", lambda self: date(2030, 1, 2))
    assert last_run.changed_kinds(ws, last_run.read_state(ws), {}) is None  # a new day: the job runs


def test_a_mock_taken_minutes_ago_by_a_learner_ahead_of_the_machine_is_loaded(tmp_path):
    """Times in the learner's zone, on a machine behind it (a server in UTC): not 'in the future'."""
    ws = _workspace(tmp_path / "ws", AHEAD)
    _write_mock(ws, "mock-now", datetime.now(ZoneInfo(AHEAD)).replace(tzinfo=None) - timedelta(minutes=10))
    report = run_json("run", "-w", str(ws.root))
    assert [(f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in report["files"]] == [("loaded", 10, 0)]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM staging.answers WHERE attempt_id = 'mock-now'").fetchone()[0] == 10


def test_the_pages_count_the_days_to_the_exam_from_the_learners_date(tmp_path):
    zone = _zone_on_another_date()
    learner_today = datetime.now(ZoneInfo(zone)).date()
    exam = learner_today + timedelta(days=10)
    ws = _workspace(tmp_path / "ws", zone, exam_date=exam.isoformat())
    _write_mock(ws, "mock-1", datetime.combine(learner_today - timedelta(days=3), datetime.min.time()))
    run_json("run", "-w", str(ws.root))
    dashboard = (ws.site_dir / "dashboard.html").read_text(encoding="utf-8")
    assert f"10 days ({exam.isoformat()})" in dashboard


def test_anki_reviews_are_stored_at_the_learners_wall_clock(tmp_path):
    """Anki keeps instants (epoch ms): a run reads them in examready.yaml's zone, not the machine's."""
    ws = _workspace(tmp_path / "ws", AHEAD)
    reviews_at_known_times(ws.inbox / "exams")  # ten reviews from 10:30 UTC on 1 March 2026
    report = run_json("run", "-w", str(ws.root))
    assert [(f["format"], f["status"], f["rows_loaded"]) for f in report["files"]] == [("anki", "loaded", 13)]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        answers = con.execute("SELECT attempt_id, taken_at FROM raw.answers ORDER BY line").fetchall()
        first_session = con.execute("SELECT min(started_at) FROM raw.study_sessions").fetchone()[0]
    assert answers == [("anki-2026-03-02", t) for t in KIRITIMATI]  # 00:30 on 2 March in Kiritimati
    assert first_session == KIRITIMATI[0]


@pytest.mark.parametrize("tz, expected", [
    ("Asia/Tokyo", "Asia/Tokyo"), (":Europe/Berlin", "Europe/Berlin"),
    ("/usr/share/zoneinfo/America/Lima", "America/Lima"), ("Europe/Berln", None), ("", None)])
def test_the_machines_zone_by_name(monkeypatch, tz, expected):
    """$TZ when it names a zone (also as ':name' or a zone file's path); else the system's setting."""
    monkeypatch.setenv("TZ", tz)
    name = local_zone_name()
    if expected:
        assert name == expected
    else:
        monkeypatch.delenv("TZ")
        assert name == local_zone_name() and zone(name) is not None


def test_init_writes_the_machines_zone_and_refuses_an_unknown_one(tmp_path):
    run_cli("init", str(tmp_path / "tokyo"), env={"TZ": "Asia/Tokyo"})
    assert yaml.safe_load((tmp_path / "tokyo" / "examready.yaml").read_text())["timezone"] == "Asia/Tokyo"
    proc = run_cli("init", str(tmp_path / "typo"), "--timezone", "Europe/Berln", check=False)
    assert proc.returncode == 2 and "unknown time zone 'Europe/Berln'" in proc.stderr
    assert not (tmp_path / "typo" / "examready.yaml").exists()


def test_an_unknown_zone_in_the_config_stops_every_command_naming_the_file(tmp_path):
    ws = _workspace(tmp_path / "ws", "UTC")
    config = ws.root / "examready.yaml"
    config.write_text(config.read_text().replace('timezone: "UTC"', 'timezone: "Europe/Berln"'))
    with pytest.raises(WorkspaceError, match="timezone 'Europe/Berln' is not a time zone name"):
        find_workspace(ws.root)
    proc = run_cli("run", "-w", str(ws.root), check=False)
    assert proc.returncode == 2 and str(config) in proc.stderr and "Europe/Berln" in proc.stderr


@pytest.mark.parametrize("given, stored", [("utc", "UTC"), ("europe/berlin", "Europe/Berlin"), ("Asia/Tokyo", "Asia/Tokyo")])
def test_init_takes_a_zone_name_in_any_case_and_writes_its_spelling(tmp_path, given, stored):
    run_cli("init", str(tmp_path / "ws"), "--timezone", given)
    assert yaml.safe_load((tmp_path / "ws" / "examready.yaml").read_text())["timezone"] == stored


def test_a_config_zone_in_another_case_is_read_as_the_database_spells_it(tmp_path):
    ws = _workspace(tmp_path / "ws", "UTC")
    config = ws.root / "examready.yaml"
    config.write_text(config.read_text().replace('timezone: "UTC"', 'timezone: "europe/berlin"'))
    assert find_workspace(ws.root).config.timezone == "Europe/Berlin"
