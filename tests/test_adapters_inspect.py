"""`examready inspect`: a dry run over real-format fixtures that loads nothing."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from examready.cmd_inspect import inspect_command
from examready.inspect import inspect_files
from sources.blueprint import load_blueprint

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
ROWS = {
    "td_per_question.csv": {"answers": 10},
    "udemy_per_question_semicolon.csv": {"answers": 6},
    "td_domain_summary.csv": {"domain_scores": 4},
    "skillbuilder_summary.csv": {"domain_scores": 5},
    "moodle_grades.csv": {"answers": 18},
    "moodle_grades_map.csv": {},
    "toggl_detailed.csv": {"study_sessions": 7},
    "clockify_detailed.csv": {"study_sessions": 6},
    "clockify_us.csv": {"study_sessions": 3},
    "plain_hours.csv": {"study_sessions": 6},
    "kinesis-notes.md": {"note_sections": 5},
    "broken-frontmatter.md": {"note_sections": 2},
    "obsidian-daily.md": {"note_sections": 2},
}


def test_inspect_reports_every_fixture_with_exact_rows():
    reports = {Path(r["path"]).name: r for r in inspect_files([INPUTS], load_blueprint("DEA-C01"))}
    assert {name: r["rows"] for name, r in reports.items()} == ROWS
    assert reports["td_domain_summary.csv"]["labels"]["domain_scores"]["unmapped"] == 0
    assert reports["skillbuilder_summary.csv"]["labels"]["domain_scores"]["unmapped"] == 1  # "Overall"
    assert any("YAML" in p for p in reports["broken-frontmatter.md"]["problems"])
    assert any("day-first" in p for p in reports["clockify_detailed.csv"]["problems"])


def test_inspect_command_json_and_exit_codes(tmp_path):
    shutil.copyfile(INPUTS / "toggl_detailed.csv", tmp_path / "toggl.csv")
    (tmp_path / "mystery.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(inspect_command, [str(tmp_path / "toggl.csv"), "--exam", "DEA-C01", "--json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    assert report["format"] == "toggl" and report["kind"] == "hours"
    assert report["rows"] == {"study_sessions": 7}
    result = CliRunner().invoke(inspect_command, [str(tmp_path), "--exam", "DEA-C01"])
    assert result.exit_code == 1
    assert "mystery.csv" in result.output and "unknown file format" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_inspect_unknown_exam_is_a_usage_error():
    result = CliRunner().invoke(inspect_command, [str(INPUTS / "plain_hours.csv"), "--exam", "XYZ-C99"])
    assert result.exit_code == 2 and "unknown exam" in result.output


def test_inspect_uses_the_named_workspaces_exam(tmp_path):
    """-w picks the exam whose blueprint maps the labels; a workspace that cannot be read is an error."""
    from tests.conftest import run_cli

    export = Path(__file__).parent / "fixtures" / "inputs" / "td_per_question.csv"
    run_cli("init", str(tmp_path / "saa"), "--exam", "SAA-C03")
    dea = json.loads(run_cli("inspect", str(export), "--json", cwd=tmp_path).stdout)
    saa = json.loads(run_cli("inspect", "-w", str(tmp_path / "saa"), str(export), "--json").stdout)
    assert dea[0]["labels"]["answers"]["unmapped"] == 0
    assert saa[0]["labels"]["answers"]["unmapped"] > 0  # a DEA-C01 label SAA-C03's blueprint does not have
    missing = run_cli("inspect", "-w", str(tmp_path / "none"), str(export), check=False)
    assert missing.returncode == 2 and "no examready workspace" in missing.stderr


def test_inspect_names_ragged_rows_and_contradicting_percents(tmp_path):
    """What a run would quarantine for a row's cells or a self-contradicting summary row, before loading."""
    summary = tmp_path / "summary.csv"
    summary.write_text("Exam,Date,Domain,Correct,Total,Score %\nSet 1,2026-02-15,Domain 1,17,22,30%\n"
                       "Set 1,2026-02-15,Domain 2,5,10\nSet 1,2026-02-15,Domain 3,7,10,70%\n")
    problems = inspect_files([summary], load_blueprint("DEA-C01"))[0]["problems"]
    assert "domain_scores: 1 line where the cells do not match the header (line 3)" in problems
    assert "domain_scores: 1 line where 17 of 22 correct is 77%, but the file says 30% (line 2)" in problems  # run's


def test_inspect_names_an_umbrella_word_and_counts_each_service_a_label_names(tmp_path):
    from examready.inspect import inspect_file
    from sources.blueprint import load_blueprint

    path = tmp_path / "q.csv"
    path.write_text('question,domain,correct,service\nq1,Domain 1,true,"Amazon Kinesis Data Streams, Amazon Data '
                    'Firehose"\nq2,Domain 1,false,"Kinesis, AWS Glue"\n')
    report = inspect_file(path, load_blueprint("DEA-C01"))
    assert [p for p in report["problems"] if "could be any of" in p] == [
        "answers: the service 'Kinesis' (in 'Kinesis, AWS Glue') could be any of 3 services (Amazon Kinesis Data "
        "Streams, Amazon Data Firehose, Amazon Managed Service for Apache Flink): its questions count in their "
        "domain's readiness and for AWS Glue but for none of these services in coverage (the coverage page and "
        "`examready gaps` show them apart); name the service each question is about"]
    mappings = {m["label"]: m["services"] for m in report["labels"]["answers"]["mappings"]}
    assert mappings == {"Domain 1 |  | Amazon Kinesis Data Streams, Amazon Data Firehose":
                        ["Amazon Kinesis Data Streams", "Amazon Data Firehose"],
                        "Domain 1 |  | Kinesis, AWS Glue": ["AWS Glue"]}


CLASS_HEADER = "learner_id,attempt,question,domain,correct\n"


@pytest.mark.parametrize("rows, line", [
    ("a@x.example,m1,1,D1,true\nb@x.example,m1,1,D1,false\n",
     "learners: 2 named in the file (a@x.example, b@x.example), each row stored under its own"),
    ("a@x.example,m1,1,D1,true\n,m1,2,D1,false\n",
     "learners: 1 named in the file (a@x.example), each row stored under its own; 1 row(s) name none"),
    (",m1,1,D1,true\n", "learners: none named: every row is the workspace's learner's"),
])
def test_inspect_says_whose_rows_a_file_holds(tmp_path, rows, line):
    (tmp_path / "class.csv").write_text(CLASS_HEADER + rows)
    result = CliRunner().invoke(inspect_command, [str(tmp_path / "class.csv")])
    assert result.exit_code == 0 and f"  {line}\n" in result.output, result.output
    report = json.loads(CliRunner().invoke(inspect_command, [str(tmp_path / "class.csv"), "--json"]).output)[0]
    assert (report["learners"] or {}).get("count", 0) == len({r.split(",")[0] for r in rows.splitlines()} - {""})


def test_inspect_names_no_learner_for_notes():
    result = CliRunner().invoke(inspect_command, [str(INPUTS / "kinesis-notes.md")])
    assert "learners:" not in result.output


def test_inspect_says_a_folder_holds_no_file_a_run_reads(tmp_path):
    """Before: nothing at all, exit 0 (found by a probe of the CLI)."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-hidden").mkdir()
    (tmp_path / "only-hidden" / ".draft.md").write_text("# x\n")
    result = CliRunner().invoke(inspect_command, [str(tmp_path / "empty"), str(tmp_path / "only-hidden")])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"examready: {tmp_path / 'empty'}: no file a run would read is in this folder",
        f"examready: {tmp_path / 'only-hidden'}: no file a run would read is in this folder",
        f"examready: {tmp_path / 'only-hidden'}: left out, as a run leaves them out (docs/formats.md, 'Not read at all'):",
        "  hidden, or named with ~$ or _ in front: 1 (.draft.md)"]


def test_inspect_says_what_the_rules_leave_out_and_why(tmp_path):
    """Before (found by a probe of the notes): a vault's `_Inbox/` notes were left out without a word, `inspect`
    saying only that the folder holds no file a run reads."""
    notes = tmp_path / "ws" / "inbox" / "notes"
    for name in ("Glue.md", "_Inbox/lake formation.md", "_Inbox/emr.md", "glue.md~", "#glue.md#", "glue.md.bak",
                 "a.doc", "b.xls", "c.html", "d.zip", "logseq/config.edn", "logseq/bak/pages/Glue.md"):
        (notes / name).parent.mkdir(parents=True, exist_ok=True)
        (notes / name).write_text("# Glue\ncrawlers\n")
    (tmp_path / "ws" / "inbox" / "exams").mkdir()
    (tmp_path / "ws" / "inbox" / "exams" / "td.csv.bak").write_text("x\n")
    result = CliRunner().invoke(inspect_command, [str(notes.parent)])
    assert result.exit_code == 0 and "notes/Glue.md: markdown_notes" in result.output, result.output
    assert result.stderr.splitlines() == [
        f"examready: {notes.parent}: left out, as a run leaves them out (docs/formats.md, 'Not read at all'):",
        "  hidden, or named with ~$ or _ in front: 1 (notes/_Inbox/)",
        "  partial downloads, editor backups or lock files: 4 (notes/#glue.md#, notes/glue.md.bak, notes/glue.md~, …)",
        "  a vault's attachments: 5 (notes/a.doc, notes/b.xls, notes/c.html, …)",
        "  Logseq's own folder (config and page backups): 1 (notes/logseq/bak/pages/Glue.md)"]
    inside = CliRunner().invoke(inspect_command, [str(notes / "_Inbox")])
    assert inside.stderr.splitlines()[1:] == [
        f"examready: {notes / '_Inbox'}: left out, as a run leaves them out (docs/formats.md, 'Not read at all'):",
        "  hidden, or named with ~$ or _ in front: 2 (emr.md, lake formation.md)"]


def test_inspect_shows_labels_whole_up_to_100_characters(tmp_path):
    """At 60 characters 'Domain 1: … | 1.1 | Amazon EMR' and '… | Amazon EventBridge' both read '… Amazon E'."""
    labels = ["Domain 1: Data Ingestion and Transformation | 1.1 | Amazon EMR",
              "Domain 1: Data Ingestion and Transformation | 1.1 | Amazon EventBridge"]
    rows = "".join(f"m1,2026-11-20 10:0{n},q{n},{label.split(' | ')[0]},{label.split(' | ')[1]},"
                   f"{label.split(' | ')[2]},true\n" for n, label in enumerate(labels))
    csv = tmp_path / "m1.csv"
    csv.write_text("attempt_id,taken_at,question_id,domain,task,service,correct\n" + rows)
    out = CliRunner().invoke(inspect_command, [str(csv), "--exam", "DEA-C01"]).output
    assert all(f"    {label} → " in out for label in labels), out
