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
    pending = "examready.yaml's learner_id is now 'samuel', and what was loaded is still for 'sam'"
    for reader in (("readiness",), ("gaps",), ("learners",), ("readiness", "--json")):
        assert pending in run_cli(*reader, "-w", str(ws.root)).stderr, reader  # not 'no practice evidence' alone

    proc = run_cli("run", "-w", str(ws.root), "--json")
    assert "the workspace's learner is now 'samuel' (examready.yaml's learner_id; it was 'sam')" in proc.stderr
    assert all(f["status"] == "unchanged" for f in json.loads(proc.stdout)["files"])
    assert _raw_ids(ws) == {"samuel"}
    learners = run_json("learners", "-w", str(ws.root))["learners"]
    assert [(r["learner"], r["questions"]) for r in learners] == [("samuel", 20)]
    summary = run_json("readiness", "-w", str(ws.root), "--as-of", "2026-11-30")
    assert summary["learner"] == "samuel" and sum(d["questions"] for d in summary["domains"]) == 20
    assert sum(d["hours"] for d in summary["domains"]) + summary["hours_without_domain"]["hours"] == 1.5
    assert pending not in run_cli("readiness", "-w", str(ws.root)).stderr

    (ws.inbox / "exams" / "mock-01.csv").unlink()  # forget then takes the file back for everyone it counted for
    run_cli("forget", "-w", str(ws.root), "exams/mock-01.csv")
    run_cli("run", "-w", str(ws.root))
    assert [r["questions"] for r in run_json("learners", "-w", str(ws.root))["learners"]] == [0]
    assert "the workspace's learner is now" not in run_cli("run", "-w", str(ws.root)).stderr  # said once


def _as_an_older_version_spelt(ws, old: str, new: str, tables: tuple[str, ...]) -> None:
    """What a version before READING_RULES 27 stored: `old` (a run of spaces inside) where rows now hold `new`."""
    with duckdb.connect(str(ws.db_path)) as con:
        for table in tables:
            con.execute(f"UPDATE raw.{table} SET learner_id = ? WHERE learner_id = ?", [old, new])


def test_a_workspace_learner_spaced_twice_stays_one_learner_after_the_upgrade(tmp_path):
    """learner_id 'Ben  Ode': the upgrade reads its files again as 'Ben Ode'; the own id is read so too, and what an
    older version stored for 'Ben  Ode' is taken over (the review found two learners, the own one with nothing)."""
    ws = new_workspace(tmp_path / "ws", learner="Ben  Ode")
    (ws.inbox / "exams" / "mock-01.csv").write_text(MOCK, encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    _as_an_older_version_spelt(ws, "Ben  Ode", "Ben Ode", ("file_events", "answers", "quarantine",
                                                             "validation_results"))
    run_cli("run", "-w", str(ws.root))
    assert _raw_ids(ws) == {"Ben Ode"}
    assert [(r["learner"], r["questions"]) for r in run_json("learners", "-w", str(ws.root))["learners"]] == \
        [("Ben Ode", 20)]


def test_a_learner_taken_out_as_spelt_before_stays_out(tmp_path):
    """`forget --learner 'Ben  Ode'` recorded before READING_RULES 27; the files read again name 'Ben Ode'."""
    ws = new_workspace(tmp_path / "ws", learner="instructor")
    (ws.root / "examready.yaml").write_text((ws.root / "examready.yaml").read_text() + "cohort: true\n")
    (ws.inbox / "exams" / "class.csv").write_text("learner,attempt,taken_at,question,domain,correct\n" + "".join(
        f"{who},mock-1,2026-11-20 19:00,{q},Domain {1 + q % 4},true\n" for who in ("Ben Ode", "Ana Lee")
        for q in range(1, 9)), encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    run_cli("forget", "-w", str(ws.root), "--learner", "Ben Ode")
    _as_an_older_version_spelt(ws, "Ben  Ode", "Ben Ode", ("learner_events",))
    run_cli("run", "-w", str(ws.root))
    assert [r["learner"] for r in run_json("learners", "-w", str(ws.root))["learners"]] == ["Ana Lee"]


def test_in_a_class_workspace_a_student_keeps_her_rows_when_the_workspace_learner_is_renamed(tmp_path):
    """The re-check's case: learner_id 'Ana Lee', a class file naming Ana Lee and Ben Ode; renamed 'instructor', Ana's
    class rows went to 'instructor', and her next mock made her a second learner."""
    ws = new_workspace(tmp_path / "ws", learner="Ana Lee")
    (ws.root / "examready.yaml").write_text((ws.root / "examready.yaml").read_text() + "cohort: true\n")
    header = "learner,attempt,taken_at,question,domain,correct\n"
    (ws.inbox / "exams" / "class1.csv").write_text(header + "".join(
        f"{who},mock-1,2026-11-20 19:00,{q},Domain {1 + q % 4},true\n" for who in ("Ben Ode", "Ana Lee")
        for q in range(1, 9)), encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    _rename(ws, "Ana Lee", "instructor")
    (ws.inbox / "exams" / "class2.csv").write_text(header + "".join(
        f"{who},mock-2,2026-11-27 19:00,{q},Domain {1 + q % 4},false\n" for who in ("Ben Ode", "Ana Lee")
        for q in range(1, 9)), encoding="utf-8")
    assert "the workspace's learner is now 'instructor'" in run_cli("run", "-w", str(ws.root)).stderr
    learners = {r["learner"]: r["questions"] for r in run_json("learners", "-w", str(ws.root))["learners"]}
    assert learners == {"Ana Lee": 16, "Ben Ode": 16}
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT DISTINCT learner_id FROM raw.file_events").fetchall() == [("instructor",)]


def test_forget_after_a_rename_finds_the_files_loaded_for_the_earlier_id(tmp_path):
    ws = new_workspace(tmp_path / "ws", learner="me")
    (ws.inbox / "exams" / "mock-01.csv").write_text(MOCK, encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    _rename(ws, "me", "mia")
    (ws.inbox / "exams" / "mock-01.csv").unlink()
    proc = run_cli("forget", "-w", str(ws.root), "exams/mock-01.csv")
    assert "the workspace's learner is now 'mia'" in proc.stderr and "forgot exams/mock-01.csv" in proc.stdout
