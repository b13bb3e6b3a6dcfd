"""Exam dates per learner: the `exam_dates:` roster CSV of a class workspace, read, checked, and used
by readiness, gaps, learners and a learner's pages (docs/cohorts.md)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from pipelines.exam_dates import RosterError, read_exam_dates
from pipelines.workspace import find_workspace
from pipelines.workspace_config import WorkspaceError
from tests.conftest import run_cli
from tests.test_learners import class_export

ANA, BEN = "ana@class.example", "ben@class.example"


def test_reading_the_roster_does_not_import_pandas():
    """Every command reads the roster (Workspace.exam_date); the CLI starts without pandas (docs/performance.md)."""
    code = "import sys, pipelines.exam_dates; assert 'pandas' not in sys.modules, 'pandas imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_spreadsheet_roster_is_read(tmp_path):
    roster = tmp_path / "dates.csv"  # Excel in a comma-decimal locale: BOM, semicolons, extra columns
    roster.write_text("\ufeffName;Email;Exam date\nAna;Ana@Class.example;2026-12-20\nBen;ben@class.example;\n"
                      ";;\nCy;cy@class.example;2027-01-15\nAna again;ana@class.example;2026-12-20\n", encoding="utf-8")
    assert read_exam_dates(roster) == {ANA: (date(2026, 12, 20), 2), "cy@class.example": (date(2027, 1, 15), 5)}


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_a_roster_saved_by_excel_in_another_encoding_is_read(tmp_path, encoding):
    """Excel's "CSV" is Windows-1252, its "Unicode text" UTF-16: names with accents (s14 review, finding 3)."""
    roster = tmp_path / "dates.csv"
    roster.write_bytes("learner,name,exam_date\r\nana@class.example,Ana Díaz,2026-12-20\r\n".encode(encoding))
    assert read_exam_dates(roster) == {ANA: (date(2026, 12, 20), 2)}


@pytest.mark.parametrize("text, error", [
    ("learner,exam_date\nana@x.io,2026-12-20\nben@x.io,20/12/2026\n",
     "line 3: exam_date '20/12/2026' for ben@x.io is not YYYY-MM-DD"),
    ("learner,exam_date\nana@x.io,2026-12-20\nANA@x.io,2026-12-21\n",
     "line 3: ana@x.io has 2026-12-21 here and 2026-12-20 on line 2; keep one"),
    ("learner,exam_date\n,2026-12-20\n", "line 2: exam_date 2026-12-20 for no learner"),
    ("student name,day\nana,2026-12-20\n", "line 1: needs a learner column"),
    ("name,date\nana,2026-12-20\n", "needs a learner column (one of: learner, learner_id, learner id, email, "
     "email address, e-mail, student, user) and an exam date column (one of: exam_date, exam date, date), any case; "
     "found: name, date"),
    ("learner,exam_date\nana@x.io,2026-02-30\n", "line 2: exam_date '2026-02-30' for ana@x.io is not a real date "
     "(day is out of range for month)"),
    ("learner,exam_date\nana@x.io,2026-13-01\n", "line 2: exam_date '2026-13-01' for ana@x.io is not a real date"),
    ("", "empty"),
])
def test_a_bad_roster_names_its_file_and_line(tmp_path, text, error):
    roster = tmp_path / "dates.csv"
    roster.write_text(text)
    with pytest.raises(RosterError, match=str(roster).replace(".", r"\.")) as caught:
        read_exam_dates(roster)
    assert error in str(caught.value)


def test_the_workspace_gives_each_learner_their_date(tmp_path):
    run_cli("init", str(tmp_path), "--learner", "instructor", "--exam-date", "2026-12-31")
    config = tmp_path / "examready.yaml"
    config.write_text(config.read_text() + "exam_dates: roster/dates.csv\n")
    with pytest.raises(WorkspaceError, match="exam_dates names .*roster/dates.csv, which is not a file"):
        find_workspace(tmp_path)
    (tmp_path / "roster").mkdir()
    (tmp_path / "roster" / "dates.csv").write_text("learner,exam_date\nana@class.example,2026-12-20\n")
    ws = find_workspace(tmp_path)
    assert ws.exam_date(ANA) == date(2026, 12, 20)
    assert ws.exam_date(BEN) == ws.exam_date("instructor") == ws.exam_date() == date(2026, 12, 31)
    (tmp_path / "roster" / "dates.csv").write_text("learner,exam_date\nana@class.example,2026-13-20\n")
    refused = run_cli("learners", "-w", str(tmp_path), check=False)  # every command stops, naming file and line
    assert refused.returncode == 2 and "dates.csv line 2: exam_date '2026-13-20'" in refused.stderr
    config.write_text(config.read_text().replace("exam_dates: roster/dates.csv", "exam_dates: {ana: 2026-12-20}"))
    with pytest.raises(WorkspaceError, match="exam_dates names a CSV file"):
        find_workspace(tmp_path)


@pytest.mark.parametrize("line", ["Sam@Example.com", "sam@example.com", " SAM@example.COM"])
def test_the_workspace_learners_line_applies_however_its_email_is_written(tmp_path, line):
    """learner_id `Sam@Example.com` (kept as written) against the roster's email key `sam@example.com`: before, no
    line could be hers ("no learner sam@example.com in the warehouse (did you mean Sam@Example.com?)")."""
    run_cli("init", str(tmp_path), "--learner", "Sam@Example.com", "--exam-date", "2026-12-31")
    config = tmp_path / "examready.yaml"
    config.write_text(config.read_text() + "exam_dates: dates.csv\n")
    (tmp_path / "dates.csv").write_text(f"learner,exam_date\n{line},2026-12-20\nana@class.example,2026-12-24\n")
    ws = find_workspace(tmp_path)
    assert ws.exam_date("Sam@Example.com") == ws.exam_date(ws.config.learner_id) == date(2026, 12, 20)
    assert ws.exam_date(ANA) == date(2026, 12, 24) and ws.exam_date(BEN) == date(2026, 12, 31)
    # a group export's sam@example.com (the key the line names exactly): the line is hers too (before: taken away)
    assert ws.exam_date("sam@example.com") == date(2026, 12, 20)


def test_the_line_the_workspace_learner_shares_with_its_email_key_warns_of_nothing(tmp_path):
    """The line `sam@example.com` is both the own learner's (`Sam@Example.com`) and the key a class export's rows of
    her would have: no 'no learner sam@example.com in the warehouse' for it in her own workspace."""
    from examready.roster_learners import unknown_learners
    from warehouse.connection import connect

    run_cli("init", str(tmp_path), "--learner", "Sam@Example.com", "--exam-date", "2026-12-31")
    config = tmp_path / "examready.yaml"
    config.write_text(config.read_text() + "exam_dates: dates.csv\n")
    (tmp_path / "dates.csv").write_text("learner,exam_date\nsam@example.com,2026-12-20\nnobody@example.com,2026-12-22\n")
    (tmp_path / "inbox" / "exams" / "mine.csv").write_text("Date,Question,Domain,Correct\n2026-12-01,1,Domain 1,true\n")
    run_cli("run", "-w", str(tmp_path))
    ws = find_workspace(tmp_path)
    con = connect(ws.db_path, read_only=True)
    try:
        [warning] = unknown_learners(con, ws.roster, ws.roster_path)
        assert warning.startswith(f"{ws.roster_path} line 3: no learner nobody@example.com in the warehouse")
    finally:
        con.close()


def test_init_names_a_roster_it_has_checked(tmp_path):
    """`init --exam-dates FILE`: a bad roster stops it (exit 2, file and line, no workspace); a good one is named
    in examready.yaml: relative to a workspace holding it, else by its absolute path."""
    sheet = tmp_path / "sheets" / "dates.csv"
    sheet.parent.mkdir()
    sheet.write_text(f"learner,exam_date\n{ANA},2026-12-20\n{BEN},2026-12-32\n")
    bad = run_cli("init", str(tmp_path / "ws"), "--exam-dates", str(sheet), check=False)
    assert bad.returncode == 2 and f"{sheet} line 3: exam_date '2026-12-32' for {BEN} is not a real date" in bad.stderr
    assert "--exam-dates" in bad.stderr and not (tmp_path / "ws" / "examready.yaml").exists()
    missing = run_cli("init", str(tmp_path / "ws"), "--exam-dates", str(tmp_path / "nowhere.csv"), check=False)
    assert missing.returncode == 2 and "nowhere.csv" in missing.stderr

    sheet.write_text(f"learner,exam_date\n{ANA},2026-12-20\n")
    run_cli("init", str(tmp_path / "ws"), "--learner", "instructor", "--exam-dates", str(sheet))
    assert f"exam_dates: \"{sheet.resolve()}\"" in (tmp_path / "ws" / "examready.yaml").read_text()
    assert find_workspace(tmp_path / "ws").exam_date(ANA) == date(2026, 12, 20)

    inside = tmp_path / "class" / "exam-dates.csv"  # the roster next to examready.yaml, named from the shell's folder
    inside.parent.mkdir()
    inside.write_text(f"learner,exam_date\n{BEN},2027-01-15\n")
    run_cli("init", "class", "--exam-dates", "class/exam-dates.csv", cwd=tmp_path)
    assert 'exam_dates: "exam-dates.csv"' in (tmp_path / "class" / "examready.yaml").read_text()
    assert find_workspace(tmp_path / "class").exam_date(BEN) == date(2027, 1, 15)


@pytest.fixture(scope="module")
def class_with_dates(tmp_path_factory):
    root = tmp_path_factory.mktemp("dates") / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    today = datetime.now(timezone.utc).date()  # the workspace's zone
    ana, default = today + timedelta(days=10), today + timedelta(days=40)
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text()
                                         + f'exam_date: "{default}"\nexam_dates: exam-dates.csv\n')
    (root / "exam-dates.csv").write_text(f"learner,exam_date\n{ANA},{ana}\nbem@class.example,{ana}\n")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({ANA: 0.9, BEN: 0.3}))
    run_cli("run", "-w", str(root))
    return root, ana, default


def test_readiness_and_gaps_give_the_learners_date(class_with_dates):
    root, ana, default = class_with_dates
    for command in ("readiness", "gaps"):
        own = json.loads(run_cli(command, "-w", str(root), "--learner", ANA, "--json").stdout)
        assert (own["exam_date"], own["days_to_exam"]) == (ana.isoformat(), 10)
        other = json.loads(run_cli(command, "-w", str(root), "--learner", BEN, "--json").stdout)
        assert (other["exam_date"], other["days_to_exam"]) == (default.isoformat(), 40)


def test_learners_lists_days_to_exam_and_warns_of_unknown_roster_lines(class_with_dates):
    root, ana, default = class_with_dates
    proc = run_cli("learners", "-w", str(root), "--json")
    rows = {r["learner"]: r for r in json.loads(proc.stdout)["learners"]}
    assert (rows[ANA]["exam_date"], rows[ANA]["days_to_exam"]) == (ana.isoformat(), 10)
    assert (rows[BEN]["exam_date"], rows[BEN]["days_to_exam"]) == (default.isoformat(), 40)
    assert "exam-dates.csv line 3: no learner bem@class.example in the warehouse (did you mean ben@class.example" \
        in proc.stderr
    text = run_cli("learners", "-w", str(root)).stdout
    assert f", exam {ana} (in 10 days)" in next(line for line in text.splitlines() if ANA in line)


def test_a_learners_pages_count_down_to_their_date(class_with_dates, monkeypatch):
    from click.testing import CliRunner

    from examready.cli import cli

    root, ana, default = class_with_dates
    monkeypatch.setattr("webbrowser.open", lambda url: True)
    assert CliRunner().invoke(cli, ["open", "-w", str(root), "--learner", ANA]).exit_code == 0
    folder = next(p for p in (root / "site" / "learners").iterdir() if p.name.startswith("ana-"))
    assert f"10 days ({ana})" in (folder / "dashboard.html").read_text()
    assert f"40 days ({default})" in (root / "site" / "dashboard.html").read_text()  # the workspace's learner


def test_a_changed_roster_rebuilds_the_pages(tmp_path):
    """The roster is a setting: a run after it changed is not skipped as 'nothing new'."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    today = datetime.now(timezone.utc).date()
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "exam_dates: dates.csv\n")
    (root / "dates.csv").write_text(f"learner,exam_date\ninstructor,{today + timedelta(days=12)}\n")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({ANA: 0.9, BEN: 0.3}))
    run_cli("run", "-w", str(root))
    dashboard = root / "site" / "dashboard.html"
    assert f"12 days ({today + timedelta(days=12)})" in dashboard.read_text()
    (root / "dates.csv").write_text(f"learner,exam_date\ninstructor,{today + timedelta(days=30)}\n")
    run_cli("run", "-w", str(root))
    assert f"30 days ({today + timedelta(days=30)})" in dashboard.read_text()


def test_run_warns_of_roster_lines_naming_no_learner(class_with_dates):
    root, ana, default = class_with_dates
    warning = "exam-dates.csv line 3: no learner bem@class.example in the warehouse (did you mean ben@class.example"
    text = run_cli("run", "-w", str(root))
    assert [line for line in text.stderr.splitlines() if "exam-dates.csv" in line] == [
        f"Warning: {root / 'exam-dates.csv'} line 3: no learner bem@class.example in the warehouse "
        "(did you mean ben@class.example or ana@class.example?); its date is unused"]
    assert warning not in text.stdout
    as_json = run_cli("run", "-w", str(root), "--json")
    assert json.loads(as_json.stdout)["files"] and warning in as_json.stderr  # stdout holds the JSON alone
