"""The benchmark's code paths at a tiny scale: correctness only, never timings."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bench import floors, harness
from bench.cohort import QUESTIONS, write_cohort
from bench.measure import measure
from sources.blueprint import load_blueprint

LEARNERS, ATTEMPTS, SESSIONS, PER_FILE = 20, 3, 5, 10


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> dict[str, list[Path]]:
    return write_cohort(tmp_path_factory.mktemp("cohort"), LEARNERS, attempts=ATTEMPTS, sessions=SESSIONS,
                        per_file=PER_FILE)


def test_cohort_files_are_deterministic_and_complete(cohort, tmp_path):
    assert [len(cohort["exams"]), len(cohort["hours"])] == [2, 2]
    again = write_cohort(tmp_path, LEARNERS, attempts=ATTEMPTS, sessions=SESSIONS, per_file=PER_FILE)
    for kind in ("exams", "hours"):
        assert [p.read_bytes() for p in again[kind]] == [p.read_bytes() for p in cohort[kind]]
    frame = pd.read_csv(cohort["exams"][0], dtype=str)
    assert list(frame.columns) == ["learner_id", "attempt", "taken_at", "question", "domain", "correct", "seconds"]
    assert len(frame) == PER_FILE * ATTEMPTS * QUESTIONS
    assert frame["learner_id"].nunique() == PER_FILE
    assert not frame.duplicated(["attempt", "question"]).any()
    hours = pd.read_csv(cohort["hours"][1], dtype=str)
    assert len(hours) == PER_FILE * SESSIONS and hours["User"].nunique() == PER_FILE


def test_cohort_files_parse_with_their_learners(cohort):
    from sources.registry import parse_file
    from warehouse.mapping import map_answers

    adapter, tables = parse_file(cohort["exams"][1])
    answers = tables["answers"]
    assert adapter.FORMAT == "per_question_csv"
    assert sorted(answers["learner_id"].unique())[0] == "learner-00011"
    mapped = map_answers(answers, load_blueprint("DEA-C01"))
    assert mapped["domain_id"].notna().all()
    assert mapped.groupby("domain_id").size().to_dict() == {1: 22 * 30, 2: 17 * 30, 3: 14 * 30, 4: 12 * 30}
    adapter, tables = parse_file(cohort["hours"][0])
    assert adapter.FORMAT == "toggl" and len(tables["study_sessions"]) == PER_FILE * SESSIONS


def test_measure_reports_the_childs_own_peak_rss():
    m = measure([sys.executable, "-c", "x = bytearray(80 * 2 ** 20); print(len(x))"])
    assert m.returncode == 0 and m.stdout.strip() == str(80 * 2 ** 20)
    assert m.max_rss_mb >= 80 and m.seconds > 0
    assert measure([sys.executable, "-c", "raise SystemExit(3)"]).returncode == 3


def test_a_large_harness_does_not_inflate_the_childs_peak_rss():
    """A child exec'd straight from a 300 MB process would report >= 300 MB (Linux); the launcher's does not."""
    held = bytearray(300 * 2 ** 20)
    held[::4096] = b"\x01" * len(held[::4096])  # touch every page: resident
    m = measure([sys.executable, "-c", "pass"])
    assert m.returncode == 0 and m.max_rss_mb < 100, m.max_rss_mb
    del held


def test_duckdb_floor_reads_every_row(cohort, tmp_path):
    files = json.dumps({kind: [str(p) for p in paths] for kind, paths in cohort.items()})
    m = measure([sys.executable, "-c", floors.FLOOR_DUCKDB, str(tmp_path / "f.duckdb"), files])
    assert m.returncode == 0, m.stderr
    assert int(m.stdout) == LEARNERS * ATTEMPTS * QUESTIONS + LEARNERS * SESSIONS


def test_raw_layer_floor_writes_the_rows_ingestion_writes(cohort, tmp_path):
    """The design's own floor stores what examready's ingestion stores, so the two are comparable."""
    from tests.helpers_workspace import ingest, new_workspace
    from warehouse.connection import open_warehouse

    files = json.dumps({kind: [str(p) for p in paths] for kind, paths in cohort.items()})
    m = measure([sys.executable, "-c", floors.FLOOR_RAW_LAYER, str(tmp_path / "floor.duckdb"), files,
                         str(floors.SCHEMA_SQL)])
    assert m.returncode == 0, m.stderr
    assert int(m.stdout) == LEARNERS * ATTEMPTS * QUESTIONS + LEARNERS * SESSIONS
    ws = new_workspace(tmp_path / "ws", learner="bench")
    for kind, paths in cohort.items():
        for p in paths:
            (ws.inbox / kind / p.name).write_bytes(p.read_bytes())
    assert {r.status for r in ingest(ws)} == {"loaded"}
    compared = {"answers": "learner_id, line, line_row, attempt_id, taken_at, question_id, domain_label, correct, "
                           "seconds, source",
                "study_sessions": "learner_id, line, line_row, started_at, minutes, description, project, tags, tool"}
    with open_warehouse(ws.db_path) as con:
        con.execute(f"ATTACH '{tmp_path / 'floor.duckdb'}' AS floor (READ_ONLY)")
        for table, columns in compared.items():
            ours = f"SELECT {columns} FROM raw.{table}"
            theirs = f"SELECT {columns} FROM floor.raw.{table}"
            assert con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0] > 0
            for a, b in ((ours, theirs), (theirs, ours)):
                assert con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})").fetchone()[0] == 0, (table, a)


def _evidence(cohort) -> pd.DataFrame:
    import duckdb

    files = [str(p) for p in cohort["exams"]]
    frame = duckdb.connect().execute("""
        SELECT learner_id, CASE WHEN question <= 22 THEN 1 WHEN question <= 39 THEN 2
                                WHEN question <= 53 THEN 3 ELSE 4 END AS domain_id,
               NULL::VARCHAR AS task_id, min(taken_at::TIMESTAMP) AS taken_at,
               sum(correct::INT)::DOUBLE AS correct, count(*)::DOUBLE AS total, 'mock' AS source
        FROM read_csv(?) GROUP BY learner_id, attempt, 2 ORDER BY ALL""", [files]).df()
    frame["domain_id"] = frame["domain_id"].astype(int)
    return frame


def test_readiness_marts_match_the_model_per_learner_and_day(cohort):
    from readiness.exam import pass_probabilities
    from readiness.model import estimate_domains, simulate_exam
    from readiness.history import readiness_history

    bp = load_blueprint("DEA-C01")
    evidence = _evidence(cohort)
    today = date(2026, 11, 27)
    readiness, forecast = readiness_history(evidence, bp, today, learners=["bench"])
    # every learner: its own practice days plus today; the listed learner without evidence: today
    points = readiness[["learner_id", "as_of"]].drop_duplicates()
    assert len(points) == LEARNERS * (ATTEMPTS + 1) + 1 == len(forecast)
    assert list(forecast.columns) == ["learner_id", "as_of", "pass_probability", "scaled_mean", "scaled_low",
                                      "scaled_high"]
    assert set(readiness.columns) >= {"learner_id", "domain_id", "readiness", "low", "high", "as_of"}
    for learner, as_of in [("learner-00003", points[points.learner_id == "learner-00003"].as_of.min()),
                           ("learner-00017", today), ("bench", today)]:
        got = readiness[(readiness.learner_id == learner) & (readiness.as_of == as_of)].reset_index(drop=True)
        own = evidence[evidence.learner_id == learner]
        want = estimate_domains(own, bp, as_of, learners=[learner])
        pd.testing.assert_frame_equal(got.drop(columns="as_of"), want, check_dtype=False)
        row = forecast[(forecast.learner_id == learner) & (forecast.as_of == as_of)].iloc[0]
        exact = pass_probabilities(want, bp).iloc[0]
        assert row.pass_probability == pytest.approx(exact, abs=1e-9)
        simulated = simulate_exam(want, bp)
        assert row.pass_probability == pytest.approx(simulated["pass_probability"], abs=0.02)
        assert row.scaled_mean == pytest.approx(simulated["scaled_mean"], abs=5)
        assert row.scaled_low <= row.scaled_mean <= row.scaled_high
    assert np.isfinite(forecast[["pass_probability", "scaled_mean"]].to_numpy()).all()


def test_write_doc_replaces_only_the_generated_block(tmp_path, monkeypatch):
    doc = tmp_path / "performance.md"
    monkeypatch.setattr(harness, "DOC", doc)
    harness.write_doc("first")
    doc.write_text(doc.read_text() + "\n## Analysis\nhand-written\n")
    harness.write_doc("| a | b |")
    text = doc.read_text()
    assert "| a | b |" in text and "first" not in text and "hand-written" in text


@pytest.mark.slow
def test_cohort_build_and_no_op_rerun_through_the_cli(cohort, tmp_path):
    ws = tmp_path / "ws"
    cli = [sys.executable, "-m", "examready"]
    subprocess.run([*cli, "init", str(ws), "--learner", "bench"], check=True, capture_output=True)
    for kind, paths in cohort.items():
        for p in paths:
            (ws / "inbox" / kind / p.name).write_bytes(p.read_bytes())
    first = subprocess.run([*cli, "run", "-w", str(ws), "--json"], capture_output=True, text=True)
    report = json.loads(first.stdout)
    exams = [f for f in report["files"] if f["kind"] == "exams"]
    assert [f["status"] for f in exams] == ["loaded", "loaded"]
    assert sum(f["rows_loaded"] for f in exams) == LEARNERS * ATTEMPTS * QUESTIONS
    import duckdb

    with duckdb.connect(str(ws / "warehouse.duckdb"), read_only=True) as con:
        learners = con.execute("SELECT count(DISTINCT learner_id) FROM marts.forecast").fetchone()[0]
        per_learner = con.execute("SELECT DISTINCT count(*) FROM staging.answers WHERE learner_id <> 'bench' "
                                  "GROUP BY learner_id").fetchall()
    assert learners == LEARNERS + 1 and per_learner == [(ATTEMPTS * QUESTIONS,)]
    if first.returncode == 0:  # a clean run is remembered: the rerun skips the job
        again = json.loads(subprocess.run([*cli, "run", "-w", str(ws), "--json"], capture_output=True,
                                          text=True, check=True).stdout)
        assert set(again) == {"run_id", "files", "pages"} and again["run_id"] != report["run_id"]
        assert {f["status"] for f in again["files"]} == {"unchanged"}
        assert [f["path"] for f in again["files"]] == [f["path"] for f in report["files"]]
        assert again["pages"] == report["pages"]


def test_step_seconds_lists_every_step_of_the_latest_run(demo_run):
    root, _ = demo_run
    proc = subprocess.run([sys.executable, "-m", "bench.steps", str(root)], capture_output=True, text=True,
                          cwd=Path(__file__).parents[1], check=True)
    steps = json.loads(proc.stdout)
    assert {"raw_inbox", "staging_models", "marts_models", "readiness_model", "reports__site"} <= set(steps)
    assert all(seconds >= 0 for seconds in steps.values())


def test_one_export_trial_loads_the_export_and_both_floors_read_it(demo_workspace, tmp_path):
    run, floor, floor_tuned, loaded = harness._one_export(tmp_path, demo_workspace, 0)
    assert [(f["status"], f["rows_loaded"]) for f in loaded] == [("loaded", 65)]
    libraries = json.loads((tmp_path / "modules.json").read_text())
    assert {"dagster", "duckdb", "pandas"} <= set(libraries) and not set(libraries) & harness.OUR_PACKAGES
    assert floor.stdout.strip() == floor_tuned.stdout.strip() == "65"
    assert min(run.max_rss_mb, floor.max_rss_mb, floor_tuned.max_rss_mb) > 0


def test_vault_is_deterministic_and_its_step_loads_every_section(tmp_path):
    from bench.notes import SECTIONS, vault, write_vault

    first = write_vault(tmp_path / "a", 5, today=date(2026, 11, 27))
    again = write_vault(tmp_path / "b", 5, today=date(2026, 11, 27))
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert first[3].read_text().startswith("---\ntitle: Note 3\ndate: 2026-11-23\n")
    assert first[0].read_text().count("\n## ") == SECTIONS
    rows, lines = [], []
    vault(tmp_path / "bench", 6, rows, lines)
    assert [r[0] for r in rows] == ["5. Markdown vault, 6 notes (24 sections): first run",
                                    "   the run after it (nothing new)", "   then one note edited: the run"]
    assert lines == ["vault: 24 note sections loaded from 6 files; the floor read 6 notes; the next run: ['unchanged']; "
                     "after one note edited: {'replaced': 1, 'unchanged': 5}, its floor read 1 note"]
