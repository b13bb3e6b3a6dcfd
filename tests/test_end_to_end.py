"""The demo learner end to end: files → DuckDB → readiness, gaps and a dashboard."""
from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb

from tests.conftest import run_cli, run_json

FILE_KEYS = {"path", "kind", "format", "status", "rows_in", "rows_loaded", "rows_quarantined", "error"}
DOMAIN_KEYS = {"id", "name", "weight", "readiness", "low", "high", "questions", "hours", "note_coverage"}


def test_demo_prints_a_dashboard_with_figures(demo_run):
    dashboard = Path(demo_run[1].strip().splitlines()[-1])
    assert dashboard.is_absolute() and dashboard.is_file() and dashboard.suffix == ".html"
    html = dashboard.read_text()
    assert len(re.findall(r'class="plotly-graph-div"', html)) >= 3
    assert (dashboard.parent / "plotly.min.js").stat().st_size > 1_000_000
    assert "cdn.plot.ly" not in html


def test_demo_loaded_every_file(demo_workspace_readonly):
    con = duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True)
    statuses = dict(con.execute("SELECT status, count(*) FROM raw.file_events GROUP BY 1").fetchall())
    mocks = con.execute("SELECT count(DISTINCT attempt_id) FROM marts.attempts").fetchone()[0]
    con.close()
    inbox_files = [p for p in (demo_workspace_readonly / "inbox").rglob("*")
                   if p.is_file() and ".obsidian" not in p.parts]
    assert statuses == {"loaded": len(inbox_files)}
    assert mocks >= 8


def test_readiness_json_contract(demo_workspace_readonly):
    data = run_json("readiness", "-w", str(demo_workspace_readonly))
    # design.md's keys, plus extras the contract allows (docs/cli.md): caveats (none for the demo), the learner's
    # exam day and the days to it, per-domain `measured`, the hours toward no single domain (none for the demo),
    # and the answers counted as retakes (none: every demo mock is another set)
    assert set(data) == {"exam", "learner", "as_of", "pass_probability", "predicted_scaled_score", "domains",
                         "caveats", "exam_date", "days_to_exam", "hours_without_domain", "retakes"} \
        and data["caveats"] == []
    assert data["hours_without_domain"] == {"hours": 0.0, "entries": 0, "entries_naming_a_service": 0, "services": []}
    assert data["retakes"] == {"answers": 0, "sittings": 0, "weight": 0.02}
    exam_day = date.fromisoformat(data["exam_date"])
    assert data["days_to_exam"] == (exam_day - date.fromisoformat(data["as_of"])).days >= 0
    assert data["exam"] == "DEA-C01" and data["learner"] == "sam"
    assert [(d["id"], d["weight"]) for d in data["domains"]] == [(1, 0.34), (2, 0.26), (3, 0.22), (4, 0.18)]
    for domain in data["domains"]:
        assert set(domain) == DOMAIN_KEYS | {"measured"} and domain["measured"] is True
        assert 0 <= domain["low"] <= domain["readiness"] <= domain["high"] <= 100
        assert domain["questions"] > 0 and domain["hours"] > 0
    score = data["predicted_scaled_score"]
    assert 100 <= score["low"] <= score["mean"] <= score["high"] <= 1000
    assert 0 <= data["pass_probability"] <= 1
    weakest = min(data["domains"], key=lambda d: d["readiness"])
    assert weakest["id"] == 4, "the demo learner is built with security as the clearly weak domain"


def test_readiness_command_and_the_pages_forecast_agree_exactly(demo_workspace_readonly):
    """`readiness --json` uses the exact forecast of marts.forecast (what the pages show), not a simulation.

    Asked as of the day the marts were built (their latest as_of): after midnight "today" has no row yet.
    """
    database = str(demo_workspace_readonly / "warehouse.duckdb")
    with duckdb.connect(database, read_only=True) as con:
        built_on = con.execute("SELECT max(as_of) FROM marts.forecast WHERE learner_id = 'sam'").fetchone()[0]
    data = run_json("readiness", "-w", str(demo_workspace_readonly), "--as-of", built_on.isoformat())
    with duckdb.connect(database, read_only=True) as con:
        row = con.execute("SELECT pass_probability, scaled_mean, scaled_low, scaled_high FROM marts.forecast "
                          "WHERE learner_id = 'sam' AND as_of = ?", [data["as_of"]]).fetchone()
    assert data["as_of"] == built_on.isoformat() and row is not None
    assert data["pass_probability"] == round(row[0], 4)
    score = data["predicted_scaled_score"]
    assert (score["mean"], score["low"], score["high"]) == tuple(round(v) for v in row[1:])


def test_readiness_text_shows_the_figures_the_pages_show(demo_workspace_readonly):
    """`readiness` prints the pages' figures: each exact value of the marts rounded once (a band's 79.46 is 79
    on both, where the JSON's 79.5, rounded again, printed 80); `--json` keeps them to one decimal."""
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        built_on = con.execute("SELECT max(as_of) FROM marts.forecast WHERE learner_id = 'sam'").fetchone()[0]
        exact = {d: (r, lo, hi) for d, r, lo, hi in con.execute(
            "SELECT domain_id, readiness, low, high FROM marts.readiness WHERE learner_id = 'sam' AND as_of = ?",
            [built_on]).fetchall()}
    args = ("readiness", "-w", str(demo_workspace_readonly), "--as-of", built_on.isoformat())
    text, data = run_cli(*args).stdout, run_json(*args)
    index = (demo_workspace_readonly / "site" / "index.html").read_text().replace("\u2060", "")  # word joiners
    verdict = re.search(r"Pass chance <b>([^<]+)</b>: predicted score (\d+) \(90%: (\d+)–(\d+)\)", index)
    chance, mean, low, high = html.unescape(verdict.group(1)), *verdict.group(2, 3, 4)
    assert f"pass probability {chance}, predicted {mean} ({low}–{high})" in text
    for d in data["domains"]:
        readiness, low, high = exact[d["id"]]
        assert [d["readiness"], d["low"], d["high"]] == [round(v, 1) for v in exact[d["id"]]]
        assert f"D{d['id']} {d['name']:40} {readiness:3.0f}% [{low:.0f}–{high:.0f}] weight" in text
        page_row = index.split(f"D{d['id']} {d['name']}</td>", 1)[1].split("</tr>", 1)[0]
        assert f">{readiness:.0f}<" in page_row and f">{low:.0f}–{high:.0f}<" in page_row


def test_readiness_as_of_an_earlier_day_knows_less(demo_workspace_readonly):
    now = run_json("readiness", "-w", str(demo_workspace_readonly))
    early = run_json("readiness", "-w", str(demo_workspace_readonly), "--as-of", "2000-01-01")
    assert all(d["questions"] == 0 for d in early["domains"])
    widths = lambda data: [d["high"] - d["low"] for d in data["domains"]]  # noqa: E731
    assert all(e > n for e, n in zip(widths(early), widths(now)))
    # notes written later do not cover yet (before: today's note coverage at any --as-of)
    assert all(d["note_coverage"] == 0 for d in early["domains"]) and any(d["note_coverage"] for d in now["domains"])


def test_note_coverage_as_of_today_is_the_coverage_marts(demo_workspace_readonly):
    data = run_json("readiness", "-w", str(demo_workspace_readonly))
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        marts = dict(con.execute("SELECT d, round(avg((note_sections > 0)::INTEGER), 3) FROM (SELECT unnest(domains) "
                                 "AS d, note_sections FROM marts.service_coverage WHERE learner_id = 'sam') GROUP BY d")
                     .fetchall())
    assert {d["id"]: d["note_coverage"] for d in data["domains"]} == marts and any(marts.values())


def test_gaps_json_contract(demo_workspace_readonly):
    data = run_json("gaps", "-w", str(demo_workspace_readonly))
    assert data["exam"] == "DEA-C01"
    statuses = {s["status"] for s in data["services"]}
    assert statuses <= {"gap", "weak", "covered"} and "gap" in statuses
    assert {"name", "domains", "note_sections", "questions", "accuracy", "hours", "status"} <= set(data["services"][0])
    assert len(data["tasks"]) == 17 and {"id", "name", "status"} <= set(data["tasks"][0])
    # extras the contract allows (docs/cli.md): the demo's exports name tasks and one service per question, and its
    # notes name services whole ('Kinesis Data Streams vs Firehose')
    assert all(t["measured"] is True for t in data["tasks"]) and data["ambiguous_services"] == []
    assert data["ambiguous_notes"] == []


def test_second_run_reports_every_file_unchanged(demo_workspace):
    first = run_json("run", "-w", str(demo_workspace))
    assert first["files"] and {f["status"] for f in first["files"]} == {"unchanged"}
    for f in first["files"]:
        assert set(f) >= FILE_KEYS
        assert f["rows_in"] == f["rows_loaded"] + f["rows_quarantined"]
    assert Path(first["pages"]["dashboard"]).is_file()


def test_new_mock_export_is_loaded_and_counted(demo_workspace):
    source = demo_workspace / "inbox" / "exams" / "mock-01.csv"
    lines = source.read_text().splitlines()
    new = [lines[0]] + [line.replace("mock-01", "mock-99") for line in lines[1:]]
    (demo_workspace / "inbox" / "exams" / "mock-99.csv").write_text("\n".join(new) + "\n")
    report = run_json("run", "-w", str(demo_workspace))
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path["exams/mock-99.csv"]["status"] == "loaded"
    assert by_path["exams/mock-99.csv"]["rows_in"] == len(lines) - 1
    assert by_path["exams/mock-01.csv"]["status"] == "unchanged"


def test_unreadable_file_is_rejected_with_exit_code_1(demo_workspace):
    bad = demo_workspace / "inbox" / "exams" / "notes-by-mistake.csv"
    bad.write_text("this,is,not\nan,exam,export\n")
    proc = run_cli("run", "-w", str(demo_workspace), "--json", check=False)
    assert proc.returncode == 1
    assert bad.exists(), "the inbox is never modified"
    import json
    rejected = [f for f in json.loads(proc.stdout)["files"] if f["status"] == "rejected"]
    assert [f["path"] for f in rejected] == ["exams/notes-by-mistake.csv"]
    assert "notes-by-mistake.csv" in rejected[0]["error"]


def test_demo_is_deterministic(tmp_path):
    from examready.demo import write_demo_workspace
    import datetime as dt

    day = dt.date(2026, 6, 1)
    a = write_demo_workspace(tmp_path / "a", seed=3, today=day)
    b = write_demo_workspace(tmp_path / "b", seed=3, today=day)
    files = sorted(p.relative_to(a.root) for p in a.inbox.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b.root) for p in b.inbox.rglob("*") if p.is_file())
    assert all((a.root / f).read_bytes() == (b.root / f).read_bytes() for f in files)
    shutil.rmtree(tmp_path / "b")
