"""`examready forget --learner ID [--undo]`: a learner taken out of a class stops counting everywhere
from the next run (raw keeps their rows, also those of files loaded later), and comes back with --undo."""
from __future__ import annotations

import json

import duckdb

from tests.conftest import run_cli, run_json
from tests.test_learners import class_export, team_hours

BEN, ANA = "ben@class.example", "ana@class.example"


def _rows(root, sql: str, *params):
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _ben_counts(root) -> dict:
    one = "SELECT count(*) FROM {} WHERE learner_id = ?"
    counts = {t: _rows(root, one.format(t), BEN)[0][0] for t in
              ("raw.answers", "raw.study_sessions", "staging.answers", "staging.study_sessions", "marts.readiness",
               "staging.learners", "marts.learners", "marts.answer_detail", "marts.unmapped_hours")}
    attempts = "SELECT count(DISTINCT attempt_id) FROM marts.attempts WHERE learner_id = ?"
    return {**counts, "marts.attempts": _rows(root, attempts, BEN)[0][0]}


def test_forget_a_learner_then_undo(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({ANA: 0.9, BEN: 0.3}))
    (root / "inbox" / "hours" / "team.csv").write_text(team_hours([ANA, BEN]))
    run_cli("run", "-w", str(root))
    before = _ben_counts(root)
    assert before["staging.answers"] == 130 and before["staging.study_sessions"] == 1 and before["marts.attempts"] == 2
    assert before["marts.answer_detail"] == 130 and before["marts.unmapped_hours"] == before["marts.learners"] == 1
    with duckdb.connect(str(root / "warehouse.duckdb")) as con:  # a warehouse from before learners could be forgotten
        con.execute("DROP TABLE raw.learner_events")

    # refused: the workspace's own learner, a typo (close matches listed), --undo of someone not forgotten
    own = run_cli("forget", "-w", str(root), "--learner", "instructor", check=False)
    assert own.returncode == 2 and "workspace's own learner" in own.stderr
    typo = run_cli("forget", "-w", str(root), "--learner", "ben@class.exampel", check=False)
    assert typo.returncode == 2 and "unknown learner 'ben@class.exampel'" in typo.stderr and BEN in typo.stderr
    assert "not forgotten" in run_cli("forget", "-w", str(root), "--learner", BEN, "--undo", check=False).stderr
    assert run_cli("forget", "-w", str(root), "--undo", check=False).returncode == 2

    said = run_cli("forget", "-w", str(root), "--learner", "Ben@Class.example")  # an email in any case
    assert f"forgot {BEN}" in said.stdout and "--undo" in said.stdout and "examready run" in said.stdout
    again = run_cli("forget", "-w", str(root), "--learner", BEN, check=False)
    assert again.returncode == 2 and "already forgotten" in again.stderr
    assert _ben_counts(root) == before  # from the next run, not before

    run_cli("run", "-w", str(root))
    gone = _ben_counts(root)
    assert (gone["raw.answers"], gone["raw.study_sessions"]) == (before["raw.answers"], before["raw.study_sessions"])
    assert all(gone[t] == 0 for t in gone if not t.startswith("raw."))
    (root / "dates.csv").write_text(f"learner,exam_date\n{BEN},2027-01-15\nbem@class.example,2027-01-15\n")
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "exam_dates: dates.csv\n")
    listed = run_cli("learners", "-w", str(root), "--json")
    learners = [r["learner"] for r in json.loads(listed.stdout)["learners"]]
    assert BEN not in learners and ANA in learners
    # a roster line of a learner taken out says so; a typo of their id is a warning naming them
    taken_out = (f"dates.csv line 2: {BEN} was taken out of the class (`examready forget --learner`); its date is "
                 f"unused until `examready forget --learner {BEN} --undo`")
    assert taken_out in listed.stderr
    assert f"dates.csv line 3: no learner bem@class.example in the warehouse (did you mean {BEN}" in listed.stderr
    unknown = run_cli("readiness", "-w", str(root), "--learner", BEN, check=False)
    assert unknown.returncode == 2 and f"{BEN} was taken out of the class" in unknown.stderr and "--undo" in unknown.stderr

    # a file loaded later: Ben's rows are stored and counted as loaded (rows_in = loaded + quarantined),
    # and the run says they do not count
    (root / "inbox" / "exams" / "week2.csv").write_text(
        class_export({ANA: 0.8, BEN: 0.5}).replace("mock-0", "wk2-0"))
    run = run_cli("run", "-w", str(root), "--json")
    week2 = next(f for f in json.loads(run.stdout)["files"] if f["path"] == "exams/week2.csv")
    assert week2["rows_in"] == week2["rows_loaded"] + week2["rows_quarantined"] == 260
    assert week2["rows_withdrawn"] == {BEN: 130}
    assert f"exams/week2.csv: 130 of its 260 loaded rows are of learners `examready forget --learner` took out: " \
           f"{BEN} (130)" in run.stderr
    assert taken_out in run.stderr and "dates.csv line 3: no learner bem@class.example" in run.stderr
    assert _ben_counts(root)["staging.answers"] == 0 and _ben_counts(root)["raw.answers"] == 260

    assert run_json("forget", "-w", str(root), "--learner", BEN, "--undo") == {
        "learners": [{"learner": BEN, "status": "restored"}]}
    run_cli("run", "-w", str(root))
    back = _ben_counts(root)
    assert back["staging.answers"] == 260 and back["marts.attempts"] == 4 and back["staging.study_sessions"] == 1
    assert BEN in [r["learner"] for r in run_json("learners", "-w", str(root))["learners"]]
    assert _rows(root, "SELECT status FROM raw.learner_events ORDER BY recorded_at") == [("withdrawn",), ("restored",)]


def _unreadable(text: str, *lines: int) -> str:
    """The export with `correct` unreadable on these (1-based) file lines: held back by validation."""
    rows = text.splitlines()
    for n in lines:
        rows[n - 1] = rows[n - 1].rsplit(",", 1)[0] + ",maybe"
    return "\n".join(rows) + "\n"


def test_quarantine_leaves_out_a_forgotten_learners_rows_and_says_so(tmp_path):
    """Held-back rows of a learner taken out of the class are not listed as the class's problems: counted,
    named, and listed (marked) with --withdrawn; --json the same."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "class.csv").write_text(_unreadable(class_export({ANA: 0.9, BEN: 0.3}), 4, 141, 142))
    run_cli("run", "-w", str(root), check=False)  # exit 1: rows held back
    run_cli("forget", "-w", str(root), "--learner", BEN)
    run_cli("run", "-w", str(root), check=False)

    text = run_cli("quarantine", "-w", str(root)).stdout
    assert "held back: 1 line " in text and "exams/class.csv:4 [correct]" in text and "141" not in text, text
    assert (f"not listed: 2 held-back line(s) of learners taken out of the class with `examready forget --learner` "
            f"({BEN} (2))") in text and "`examready quarantine --withdrawn` lists them" in text
    data = run_json("quarantine", "-w", str(root))
    assert [r["line"] for r in data["quarantined"]] == [4] and data["withdrawn"] == [{"learner": BEN, "lines": 2}]
    every = run_cli("quarantine", "-w", str(root), "--withdrawn").stdout
    assert "held back: 3 lines" in every and "not listed" not in every, every
    assert f"exams/class.csv lines 141-142 (2 lines) [correct] correct/incorrect 'maybe' is not true/false, yes/no, " \
           "1/0 or correct/incorrect " \
           f"(correct_not_null) — {BEN}'s, taken out of the class (`examready forget --learner`)" in every
    marked = run_json("quarantine", "-w", str(root), "--withdrawn")["quarantined"]
    assert [(r["line"], r.get("withdrawn_learner")) for r in marked] == [(4, None), (141, BEN), (142, BEN)]

    run_cli("forget", "-w", str(root), "--learner", BEN, "--undo")
    run_cli("run", "-w", str(root), check=False)
    back = run_json("quarantine", "-w", str(root))
    assert [r["line"] for r in back["quarantined"]] == [4, 141, 142] and back["withdrawn"] == []
