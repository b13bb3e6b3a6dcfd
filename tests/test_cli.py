"""The command line as a user meets it: help, init, errors and exit codes."""
from __future__ import annotations

import shlex

import duckdb
import pytest
import yaml

from tests.conftest import run_cli

COMMANDS = ["init", "demo", "run", "readiness", "gaps", "exams"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_complete(command):
    proc = run_cli(*([command] if command else []), "--help")
    assert "Usage:" in proc.stdout
    if command in ("run", "readiness", "gaps"):
        assert "--workspace" in proc.stdout and "--json" in proc.stdout


def test_gaps_help_says_what_it_lists():
    """The text lists gaps, weak and covered ones (since s15: covered too); --json every one with its figures."""
    out = " ".join(run_cli("gaps", "--help").stdout.split())
    assert ("by status: gap (never studied: no notes, practice or hours), weak (fewer than 3 practice questions, "
            "or under 70% correct) or covered (the rest)") in out
    assert "--json lists every one with its status and figures" in out


def test_exams_lists_the_blueprints():
    out = run_cli("exams").stdout
    for code in ("DEA-C01", "SAA-C03", "CLF-C02"):
        assert code in out
    assert "D1 34%" in out


def test_init_creates_workspace(tmp_path):
    root = tmp_path / "study"
    run_cli("init", str(root), "--exam", "dea-c01", "--learner", "ana", "--exam-date", "2027-02-01",
            env={"TZ": "UTC"})  # the machine's zone is the default
    for kind in ("notes", "exams", "hours"):
        assert (root / "inbox" / kind).is_dir()
    config = yaml.safe_load((root / "examready.yaml").read_text())
    assert config == {"exam": "DEA-C01", "learner_id": "ana", "exam_date": "2027-02-01",
                      "timezone": "UTC", "schedule_time": "06:00", "memory_limit": "1GB"}
    assert "enabled: false" in (root / ".dagster" / "dagster.yaml").read_text()
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:  # the warehouse, raw tables empty
        assert con.execute("SELECT count(*) FROM raw.file_events").fetchone()[0] == 0


@pytest.mark.parametrize("args, made", [(["-w", "study"], "study"), (["--workspace", "study"], "study"),
                                        (["study", "-w", "study/"], "study")])
def test_init_takes_the_folder_as_other_commands_do(tmp_path, args, made):
    """`-w DIR`, as `run -w DIR` (before 7 Dec 2026: "No such option '-w'")."""
    proc = run_cli("init", *args, cwd=tmp_path)
    assert (tmp_path / made / "examready.yaml").is_file()
    assert f"run `examready run -w {tmp_path / made}`" in proc.stdout


def test_init_given_two_folders_is_a_usage_error(tmp_path):
    proc = run_cli("init", "one", "-w", "two", cwd=tmp_path, check=False)
    assert proc.returncode == 2 and "two folders given, one and --workspace two: give one" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_keeps_an_existing_config(tmp_path):
    run_cli("init", str(tmp_path), "--learner", "first")
    again = run_cli("init", str(tmp_path), "--learner", "second")
    assert yaml.safe_load((tmp_path / "examready.yaml").read_text())["learner_id"] == "first"
    assert "kept the existing" in again.stderr and "learner first" in again.stderr  # not silently
    assert again.stderr.rstrip().endswith("learner first; not applied: --learner second (it has first)"), again.stderr
    same = run_cli("init", str(tmp_path), "--learner", "first", "--exam-date", "2027-03-01", "--timezone", "UTC")
    assert same.stderr.rstrip().endswith("; not applied: --exam-date 2027-03-01 (it has none), --timezone UTC (it has "
                                         f"{yaml.safe_load((tmp_path / 'examready.yaml').read_text())['timezone']})")


def test_unknown_exam_is_a_usage_error(tmp_path):
    proc = run_cli("init", str(tmp_path), "--exam", "XYZ-999", check=False)
    assert proc.returncode == 2
    assert "unknown exam 'XYZ-999'" in proc.stderr and "DEA-C01" in proc.stderr


def test_commands_outside_a_workspace_explain_what_to_do(tmp_path):
    proc = run_cli("run", "--workspace", str(tmp_path), check=False)
    assert proc.returncode == 2
    assert str(tmp_path) in proc.stderr and "examready init" in proc.stderr


@pytest.mark.parametrize("command", ["readiness", "gaps", "learners", "export"])
def test_a_command_before_any_run_says_run_first(tmp_path, command):
    """Right after `init`: 'no run yet', exit 2, without the upgrade wording or DuckDB's error text."""
    run_cli("init", str(tmp_path))
    proc = run_cli(command, "-w", str(tmp_path), check=False)
    assert proc.returncode == 2 and "Usage:" not in proc.stderr, proc.stderr
    assert f"no run yet in {tmp_path}: run `examready run -w {shlex.quote(str(tmp_path))}` first" in proc.stderr, proc.stderr
    assert "older version" not in proc.stderr and "Catalog Error" not in proc.stderr, proc.stderr


def test_broken_config_names_the_file(tmp_path):
    run_cli("init", str(tmp_path))
    (tmp_path / "examready.yaml").write_text("exam: [unclosed\n")
    proc = run_cli("run", "-w", str(tmp_path), check=False)
    assert proc.returncode == 2
    assert "examready.yaml" in proc.stderr


@pytest.mark.parametrize("line, says", [
    ('exam_dat: "2027-01-15"', "unknown key 'exam_dat' (did you mean exam_date?); the settings are exam, "),
    ("learnerid: ana", "unknown key 'learnerid' (did you mean learner_id?)"),
    ("memory: 2GB", "unknown key 'memory' (did you mean memory_limit?)"),
    ("colour: blue", "unknown key 'colour'; the settings are exam, learner_id, exam_date, "),
    ('exam_date: "2027-02-30"', "exam_date '2027-02-30' is not a real date (day is out of range for month)"),
    ('exam_date: "15/01/2027"', "exam_date '15/01/2027' is not YYYY-MM-DD"),
])
def test_a_config_mistake_names_its_file_and_line_without_a_usage_banner(tmp_path, line, says):
    """A misspelt key is not silently unused: like a bad value, every command stops (exit code 2) with
    'Error: FILE line N: …' — a config mistake, not a usage error, so no 'Usage:' banner."""
    run_cli("init", str(tmp_path), "--timezone", "UTC")
    config = tmp_path / "examready.yaml"
    text = config.read_text()
    config.write_text(text + line + "\n")
    for command in ("run", "readiness"):
        proc = run_cli(command, "-w", str(tmp_path), check=False)
        assert proc.returncode == 2 and "Usage:" not in proc.stderr, proc.stderr
        assert proc.stderr.startswith(f"Error: {config} line {len(text.splitlines()) + 1}: {says}"), proc.stderr


def test_workspace_from_environment(tmp_path):
    run_cli("init", str(tmp_path))
    proc = run_cli("run", "--json", env={"EXAMREADY_WORKSPACE": str(tmp_path)})
    assert '"files": []' in proc.stdout


def test_commands_find_the_workspace_above_the_current_folder(tmp_path):
    """Run from inbox/exams, as after dropping an export there: the workspace above is used."""
    run_cli("init", str(tmp_path / "ws"), "--learner", "ana")
    proc = run_cli("readiness", cwd=tmp_path / "ws" / "inbox" / "exams", check=False)
    assert proc.returncode == 2 and "examready run" in proc.stderr  # the workspace was found: not built yet
    lost = run_cli("readiness", cwd=tmp_path, check=False)
    assert lost.returncode == 2 and "or any folder above it" in lost.stderr
    named = run_cli("readiness", "-w", str(tmp_path / "ws" / "inbox"), check=False)
    assert named.returncode == 2 and f"no examready workspace at {tmp_path / 'ws' / 'inbox'} (" in named.stderr


def test_a_warehouse_built_by_an_older_version_asks_for_a_run_not_a_traceback(tmp_path):
    """After an upgrade, before the next run: the warehouse lacks columns this version reads (as
    marts.task_coverage lacked `measured` and staging.answers `service_label` before 9e374b2): 'run
    examready run', exit 2, no DuckDB text."""
    run_cli("init", str(tmp_path))
    (tmp_path / "inbox" / "exams" / "m1.csv").write_text(
        "attempt_id,taken_at,question_id,domain,correct\nm1,2026-11-20 10:00,q1,Domain 1,true\n")
    run_cli("run", "-w", str(tmp_path))
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        con.execute("ALTER TABLE marts.task_coverage DROP COLUMN measured")
        con.execute("CREATE OR REPLACE VIEW staging.answers AS SELECT * EXCLUDE (service_label) FROM raw.answers")
    for command in ("gaps", "export"):
        proc = run_cli(command, "-w", str(tmp_path), check=False)
        assert proc.returncode == 2 and "Usage:" not in proc.stderr and "LINE 1" not in proc.stderr, proc.stderr
        assert "built by an older version of examready" in proc.stderr, proc.stderr
        assert f"run `examready run -w {shlex.quote(str(tmp_path))}`" in proc.stderr, proc.stderr
    run_cli("run", "-w", str(tmp_path), env={"EXAMREADY_FULL_RUN": "1"})
    assert run_cli("gaps", "-w", str(tmp_path), check=False).returncode == 0


@pytest.mark.parametrize("command", [["readiness"], ["gaps", "--json"], ["open", "--page", "dashboard"], ["export"],
                                     ["forget"]])
def test_an_empty_learner_is_refused_not_read_as_the_workspaces(tmp_path, command):
    """`--learner ""` (an unset shell variable) would otherwise quietly mean the workspace's learner."""
    run_cli("init", str(tmp_path))
    proc = run_cli(*command, "-w", str(tmp_path), "--learner", " ", check=False)
    assert proc.returncode == 2 and "Invalid value for '--learner': is empty; give a learner id" in proc.stderr
    assert ("leave --learner out" in proc.stderr) == (command != ["forget"]) and proc.stdout == ""


@pytest.mark.parametrize("command, value, said", [
    (["readiness", "--as-of"], "2026-02-30", "'2026-02-30' is not a real date (day is out of range for month)"),
    (["init", "--exam-date"], "2027-13-01", "'2027-13-01' is not a real date (month must be in 1..12)"),
    (["readiness", "--as-of"], "2026/02/03", "'2026/02/03' does not match the format '%Y-%m-%d'"),
])
def test_a_day_that_does_not_exist_is_said_so(tmp_path, command, value, said):
    if command[0] == "readiness":
        run_cli("init", str(tmp_path))
    proc = run_cli(*command, value, *(["-w", str(tmp_path)] if command[0] == "readiness" else [str(tmp_path / "n")]),
                   check=False)
    assert proc.returncode == 2 and said in proc.stderr


def test_a_workspace_named_by_the_environment_says_so_when_it_is_missing(tmp_path):
    missing = tmp_path / "gone"
    by_env = run_cli("readiness", check=False, env={"EXAMREADY_WORKSPACE": str(missing)}, cwd=tmp_path)
    by_option = run_cli("readiness", "-w", str(missing), check=False, cwd=tmp_path)
    assert by_env.returncode == by_option.returncode == 2
    assert f"no examready workspace at {missing}" in by_env.stderr and "$EXAMREADY_WORKSPACE" in by_env.stderr
    assert "$EXAMREADY_WORKSPACE" not in by_option.stderr
