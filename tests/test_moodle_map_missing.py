"""A Moodle export without its question map (the example of docs/formats.md): `quarantine` says each answer
is held back for want of the map and ends by saying to add it, not to fix the lines of the export.
The rows held back are the same as before: only what is said of them changed."""
from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

EXPORT = ('Surname,"First name","Email address",State,"Started on",Completed,"Time taken",Grade/3.00,'
          '"Q. 1 /1.00","Q. 2 /1.00","Q. 3 /1.00"\n'
          'Doe,Alex,alex@example.com,Finished,"9 February 2026  9:05 PM","9 February 2026  9:31 PM",'
          '"26 mins 3 secs",2.00,1.00,0.00,1.00\n')
MAP = "question,domain,task\nQ. 1,Domain 1: Data Ingestion and Transformation,1.1\n2,Data Store Management,2.1\n"
NO_MAP = ("no domain: no question→domain map goes with this Moodle export; add one in its folder, e.g. week1-map.csv "
          "with the columns question,domain (optionally task, service): docs/formats.md, Moodle")


def _held(root) -> tuple[str, dict]:
    run_cli("run", "-w", str(root))
    return run_cli("quarantine", "-w", str(root)).stdout, json.loads(run_cli("quarantine", "-w", str(root), "--json").stdout)


def test_an_export_without_its_map_says_to_add_the_map(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "week1.csv").write_text(EXPORT)
    text, data = _held(ws.root)
    assert [(r["line"], r["values"]["question_id"], r["check"], r["advice"]) for r in data["quarantined"]] == [
        (2, "1", "domain_mapped", "fix"), (2, "2", "domain_mapped", "fix"), (2, "3", "domain_mapped", "fix")]
    assert {r["reason"] for r in data["quarantined"]} == {NO_MAP}
    assert text.startswith("held back: 1 line (1 reason) in 1 file, 0 rejected files\n"), text
    assert f"exams/week1.csv:2 [domain_label] {NO_MAP} (domain_mapped)" in text, text
    assert "(blank)" not in text and "fix the lines in the file" not in text, text
    assert text.rstrip().endswith("a Moodle export's questions take their domains from a question→domain map in its "
                                  "folder: add the map (a CSV with the columns question,domain, optionally task and "
                                  "service, named after the export when several are there: docs/formats.md, Moodle),"
                                  " or the questions it lacks, or fix a label of it that matches no domain, and run "
                                  "`examready run`; the export is read again with it."), text


def test_a_map_lacking_a_question_names_it_and_several_maps_name_none(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "week1.csv").write_text(EXPORT)
    (ws.inbox / "exams" / "week1-map.csv").write_text(MAP)
    text, data = _held(ws.root)
    assert [(r["values"]["question_id"], r["reason"]) for r in data["quarantined"]] == [
        ("3", "no domain: question 3 has no line in the question map week1-map.csv; add it there")]
    assert "questions it lacks" in text and "fix the lines in the file" not in text, text
    (ws.inbox / "exams" / "week1-map.csv").rename(ws.inbox / "exams" / "a-map.csv")
    (ws.inbox / "exams" / "b-map.csv").write_text(MAP)
    text, data = _held(ws.root)
    assert {r["reason"] for r in data["quarantined"] if r["path"] == "exams/week1.csv"} == {
        "no domain: 2 question→domain maps are in its folder (a-map.csv, b-map.csv) and none is named after this "
        "Moodle export; name its map week1-map.csv: docs/formats.md, Moodle"}, text
    assert len([r for r in data["quarantined"] if r["path"] == "exams/week1.csv"]) == 3


def test_a_map_label_matching_no_domain_names_the_map_to_fix(tmp_path):
    """The line to fix is in the map, not the export (cross review s14, finding 5)."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "week1.csv").write_text(EXPORT)
    (ws.inbox / "exams" / "week1-map.csv").write_text(MAP + "Q. 3,Astrology\n")
    text, data = _held(ws.root)
    assert [(r["values"]["question_id"], r["reason"]) for r in data["quarantined"]] == [
        ("3", "label 'Astrology' matches no exam domain, task or service (a label of the question map week1-map.csv: "
              "fix it there)")]
    assert "fix a label of it that matches no domain" in text and "fix the lines in the file" not in text, text
