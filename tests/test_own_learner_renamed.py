"""The workspace's own learner renamed in examready.yaml: what was loaded for the earlier id becomes the new id's,
once. Before (session 34's bug hunt), the next run read every file again under the new id while the old id's rows
kept counting: two learners with the same mock, a class page, and `forget` withdrawing the file for one alone."""
from __future__ import annotations

import json

import duckdb

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace

MOCK = "taken_at,question,domain,correct\n" + "".join(
    f"2026-11-20 19:{q:02d},{q},Domain {1 + q % 4},{'true' if q % 3 else 'false'}\n" for q in range(1, 21))


def _rename(ws, old: str, new: str) -> None:
    config = ws.root / "examready.yaml"
    text = config.read_text(encoding="utf-8")
    assert f'learner_id: "{old}"' in text
    config.write_text(text.replace(f'learner_id: "{old}"', f'learner_id: "{new}"'), encoding="utf-8")


def _raw_ids(ws) -> set[str]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT learner_id FROM raw.file_events UNION SELECT learner_id FROM "
                                          "raw.answers UNION SELECT learner_id FROM raw.study_sessions").fetchall()}


def test_a_renamed_learner_keeps_the_files_loaded_once(tmp_path):
    ws = new_workspace(tmp_path / "ws", learner="sam")
    (ws.inbox / "exams" / "mock-01.csv").write_text(MOCK, encoding="utf-8")
    (ws.inbox / "hours" / "log.csv").write_text("date,minutes,topic\n2026-11-19,90,Glue ETL jobs\n", encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    _rename(ws, "sam", "samuel")

    proc = run_cli("run", "-w", str(ws.root), "--json")
    assert "the workspace's learner is now 'samuel' (examready.yaml's learner_id; it was 'sam')" in proc.stderr
    assert all(f["status"] == "unchanged" for f in json.loads(proc.stdout)["files"])
    assert _raw_ids(ws) == {"samuel"}
    learners = run_json("learners", "-w", str(ws.root))["learners"]
    assert [(r["learner"], r["questions"]) for r in learners] == [("samuel", 20)]
    summary = run_json("readiness", "-w", str(ws.root), "--as-of", "2026-11-30")
    assert summary["learner"] == "samuel" and sum(d["questions"] for d in summary["domains"]) == 20
    assert sum(d["hours"] for d in summary["domains"]) + summary["hours_without_domain"]["hours"] == 1.5

    (ws.inbox / "exams" / "mock-01.csv").unlink()  # forget then takes the file back for everyone it counted for
    run_cli("forget", "-w", str(ws.root), "exams/mock-01.csv")
    run_cli("run", "-w", str(ws.root))
    assert [r["questions"] for r in run_json("learners", "-w", str(ws.root))["learners"]] == [0]
    assert "the workspace's learner is now" not in run_cli("run", "-w", str(ws.root)).stderr  # said once
