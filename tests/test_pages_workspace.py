"""The demo workspace plus hostile user text, built once per test session for the page tests."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ATTEMPT = f"evil-{HOSTILE}"
FORMULA = "=HYPERLINK(\"http://example.com\")"
FORMULA_ATTEMPT, FORMULA_PROVIDER = "=1+2", "@SUM(1+1)"
_BUILT_ON: dict[str, date] = {}
_BUILT: dict[str, Path] = {}


def hostile_exam(day: date) -> str:
    """A per-question export whose attempt id and provider carry a <script> tag."""
    rows = [("Q1", "Domain 1: Data Ingestion and Transformation", "1.1", "Amazon Kinesis Data Streams", "FALSE", 95),
            ("Q2", "Domain 2: Data Store Management", "2.1", "Amazon DynamoDB", "TRUE", 60),
            ("Q3", "Domain 3: Data Operations and Support", "3.1", "AWS Lambda", "FALSE", 120),
            ("Q4", "Domain 4: Data Security and Governance", "4.1", "AWS Identity and Access Management", "TRUE", 45),
            ("Q5", "Domain 1: Data Ingestion and Transformation", "1.2", "AWS Glue", "TRUE", 80),
            ("Q6", "Domain 2: Data Store Management", "2.2", "AWS Glue", "FALSE", 70)]
    head = "attempt_id,taken_at,provider,question_id,domain,task,service,correct,seconds,confidence\n"
    return head + "".join(f'"{HOSTILE_ATTEMPT}",{day} 20:00,"{HOSTILE}",{q},{d},{t},{s},{c},{sec},3\n'
                          for q, d, t, s, c, sec in rows)


def formula_exam(day: date) -> str:
    """A per-question export whose attempt id and provider look like spreadsheet formulas."""
    head = "attempt_id,taken_at,provider,question_id,domain,task,service,correct,seconds,confidence\n"
    return head + "".join(f'"{FORMULA_ATTEMPT}",{day} 18:00,"{FORMULA_PROVIDER}",Q{n},D{n},{n}.1,AWS Glue,TRUE,50,3\n'
                          for n in (1, 2))


def hostile_note() -> str:
    """A Markdown note whose title and heading carry HTML."""
    return (f'---\ntitle: "{HOSTILE} notes"\n---\n\n# <img src=x onerror=alert(2)>\n\n'
            "## AWS Glue\nGlue crawlers fill the Data Catalog; Athena reads it.\n")


def hostile_hours(day: date) -> str:
    """A Toggl export with a <script> description and a formula-like project, not mappable to a domain."""
    head = ("\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,"
            "Duration,Tags,Amount ()\n")
    return head + (f'Sam Learner,sam@example.com,,"{FORMULA.replace(chr(34), chr(34) * 2)}",,"{HOSTILE}",No,'
                   f"{day},09:00:00,{day},09:45:00,00:45:00,,\n")


def write_hostile_inputs(inbox: Path, today: date) -> None:
    """Drop the hostile files into a workspace inbox before the demo run."""
    for kind in ("exams", "notes", "hours"):
        (inbox / kind).mkdir(parents=True, exist_ok=True)
    (inbox / "exams" / "hostile-mock.csv").write_text(hostile_exam(today - timedelta(days=2)), encoding="utf-8")
    (inbox / "exams" / "formula-mock.csv").write_text(formula_exam(today - timedelta(days=5)), encoding="utf-8")
    (inbox / "notes" / "hostile.md").write_text(hostile_note(), encoding="utf-8")
    (inbox / "hours" / "toggl-hostile.csv").write_text(hostile_hours(today - timedelta(days=3)), encoding="utf-8")


def build_demo_site(tmp_path_factory) -> Path:
    """`examready demo` into a temp folder (once per session), with the hostile inputs included."""
    if "root" not in _BUILT:
        root = tmp_path_factory.mktemp("pages") / "ws"
        write_hostile_inputs(root / "inbox", date.today())
        done = subprocess.run([sys.executable, "-m", "examready", "demo", str(root)], capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, f"examready demo failed:\n{done.stdout}\n{done.stderr}"
        _BUILT["root"] = root
    return _BUILT["root"]


def practice_export(attempt: str, day: date, right: dict[int, int], per_domain: int = 20) -> str:
    """A per-question export of `per_domain` questions in each domain of `right` (domain -> how many right);
    question ids are the attempt's own, so no sitting is a retake of another."""
    rows = [f"{attempt},{day} 10:00,TD,{attempt}-Q{d}-{n},D{d},{d}.1,,{'TRUE' if n < ok else 'FALSE'},60,3\n"
            for d, ok in right.items() for n in range(per_domain)]
    return "attempt_id,taken_at,provider,question_id,domain,task,service,correct,seconds,confidence\n" + "".join(rows)


def practice_workspaces(today: date) -> dict[str, tuple[int, dict[str, str]]]:
    """name -> (exam date in days from today, inbox/exams files): what each workspace rests on.

    drilled: only D1 drilled 20 days ago, D1 and D2 yesterday, and the exam date is past;
    practised: every domain, all right, three times, the exam ahead; flashcards: only Anki reviews."""
    ago = [today - timedelta(days=n) for n in (20, 9, 5, 1)]
    return {"drilled": (-10, {"d1-early.csv": practice_export("d1-early", ago[0], {1: 12}),
                              "d1-d2-late.csv": practice_export("d1-d2-late", ago[3], {1: 19, 2: 15})}),
            "practised": (30, {f"full-{n}.csv": practice_export(f"full-{n}", ago[n], dict.fromkeys((1, 2, 3, 4), 20))
                               for n in (1, 2, 3)}),
            "flashcards": (30, {})}


def practice_day(name: str) -> date:
    """The day a practice workspace was built, that its dates count from (a session may run past midnight)."""
    return _BUILT_ON[name]


def build_practice_workspace(tmp_path_factory, name: str) -> Path:
    """One of practice_workspaces, initialised and run through `examready` (once per session)."""
    from anki_fixtures import build_collection
    from conftest import run_cli

    if name not in _BUILT:
        today = _BUILT_ON[name] = date.today()
        days, files = practice_workspaces(today)[name]
        root = tmp_path_factory.mktemp(name) / "ws"
        run_cli("init", str(root), "--exam", "DEA-C01", "--exam-date", str(today + timedelta(days=days)))
        for file, text in files.items():
            (root / "inbox" / "exams" / file).write_text(text, encoding="utf-8")
        if name == "flashcards":
            build_collection(root / "inbox" / "exams")
        run_cli("run", "-w", str(root))
        _BUILT[name] = root
    return _BUILT[name]
