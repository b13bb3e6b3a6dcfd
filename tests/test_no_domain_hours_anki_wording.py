"""Study time counting toward no single domain is told the fix in the words of its source: an Anki collection's
review time a domain in the reviewed notes' tags (before: "name one domain in the description, project or tags", a
tracker's words, in `inspect`, `readiness` and the dashboard, whose entries read "30 Anki reviews [Default, …]");
a workspace of both sources is told both."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from examready.summaries import hours_without_domain_text
from reports.dashboard import unmapped_entry
from sources.blueprint import load_blueprint
from tests.anki_fixtures import one_deck_collection, retag
from tests.conftest import run_cli, run_json
from warehouse.hour_words import domain_fix, naming_fix
from warehouse.mapping import hours_no_domain_reason

BP = load_blueprint("DEA-C01")
TRACKER = "name one domain in the description, project or tags"
ANKI = "add one domain to the reviewed notes' tags in Anki (e.g. `D1`)"
BOTH = f"{TRACKER}, and for Anki reviews {ANKI}"
FIXES = {"anki": (["anki"], ANKI), "toggl": (["toggl"], TRACKER), "clockify": (["clockify"], TRACKER),
         "a plain log": (["plain"], TRACKER), "no tool (older rows)": ([], TRACKER),
         "toggl and anki": (["toggl", "anki"], BOTH), "a plain log and anki": (["anki", "plain"], BOTH)}


@pytest.mark.parametrize("tools, fix", FIXES.values(), ids=FIXES.keys())
def test_the_fix_is_in_the_words_of_each_source(tools, fix):
    assert domain_fix(tools, ["AWS Glue"], BP) == fix


@pytest.mark.parametrize("services, tag", [(["AWS Glue"], "D1"), (["Amazon Redshift", "AWS Glue"], "D1"),
                                           (["Amazon DynamoDB", "AWS Lake Formation"], "D2"), ([], "D1")])
def test_the_anki_example_is_a_domain_the_services_serve(services, tag):
    assert domain_fix(["anki"], services, BP).endswith(f"(e.g. `{tag}`)")


def test_an_umbrella_words_fix_of_both_sources_names_both():
    """Before: a tracker's words alone."""
    assert naming_fix(["toggl", "anki"], ["Amazon Kinesis Data Streams"], BP) == (
        "name the one you mean in the description, project or tags, and for Anki reviews add the one you mean to the "
        "reviewed notes' tags in Anki (e.g. `aws::kinesis-data-streams`)")


GLUE = ("no domain: 'AWS Glue' is in domains 1, 2 and 3: its time counts for the service in coverage but toward no "
        "domain's hours; ")


@pytest.mark.parametrize("tools, fix", FIXES.values(), ids=FIXES.keys())
def test_inspects_reason_names_the_sources_fix(tools, fix):
    assert hours_no_domain_reason(["AWS Glue"], BP, tools) == GLUE + fix


READINESS = {"exam": "DEA-C01", "domains": [{"hours": 1.0}],
             "hours_without_domain": {"hours": 0.5, "entries": 1, "entries_naming_a_service": 1,
                                      "services": ["AWS Glue"]}}


@pytest.mark.parametrize("tools, fix", FIXES.values(), ids=FIXES.keys())
def test_readiness_line_names_the_sources_fix(tools, fix):
    assert hours_without_domain_text(READINESS, tools) == (
        "  0.5 h of the 1.5 h logged count toward no single domain (1 entry): all name a service of several domains "
        f"(AWS Glue); {fix} to count them (the dashboard lists them)")


ENTRIES = {
    "anki, tagged": ({"tool": "anki", "description": None, "project": "Default", "tags": "aws::glue",
                      "service": "AWS Glue", "hours": 0.5}, "Anki reviews of notes tagged aws::glue [deck Default, "
                                                            "AWS Glue: in several domains] 0.5 h"),
    "anki, untagged": ({"tool": "anki", "description": None, "project": "DEA", "tags": None, "service": None,
                        "hours": 0.25}, "Anki reviews of untagged notes [deck DEA] 0.3 h"),
    "toggl": ({"tool": "toggl", "description": "Glue crawlers", "project": None, "tags": None, "service": "AWS Glue",
               "hours": 1.0}, "Glue crawlers [no project, AWS Glue: in several domains] 1.0 h"),
    "a view built before tool": ({"description": None, "project": "P", "service": None, "hours": 1.0},
                                 "(no description) [P] 1.0 h"),
}


@pytest.mark.parametrize("row, said", ENTRIES.values(), ids=ENTRIES.keys())
def test_dashboard_entry(row, said):
    assert unmapped_entry(row) == said


TOGGL = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,"
         "Tags,Amount ()\nMe,me@example.com,,DEA-C01,,Glue crawlers,No,2026-12-01,07:00:00,2026-12-01,08:00:00,"
         "01:00:00,,\n")


def glue_notes(root: Path, tags: list[str]) -> Path:
    """The workspace's Anki collection: 30 one-minute reviews of a note tagged `tags` alone."""
    folder = root / "inbox" / "exams"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "collection.anki2").unlink(missing_ok=True)
    return retag(one_deck_collection(folder, ["kinesis"] * 30, seconds=60), "tag:kinesis-data-streams", tags)


def readiness_line(root: Path) -> str:
    [line] = [line for line in run_cli("readiness", "-w", str(root)).stdout.splitlines() if "no single domain" in line]
    return line


def dashboard_paragraph(root: Path) -> str:
    page = (root / "site" / "dashboard.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r"<p class=muted>Not mapped to a domain: .*?</p>", page, re.S).group(0))


def test_an_anki_note_of_a_service_of_several_domains_is_told_its_tags_and_a_tracker_beside_it_its_fields(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    collection = glue_notes(root, ["aws::glue"])
    run_cli("run", "-w", str(root))
    assert readiness_line(root).endswith(f"(AWS Glue); {ANKI} to count them (the dashboard lists them)")
    assert ("Add a domain, or a service of only one domain, to the reviewed notes' tags in Anki (e.g. <code>D1</code>)"
            " to count it: Anki reviews of notes tagged aws::glue [deck Default, AWS Glue: in several domains] 0.5 h."
            in dashboard_paragraph(root))
    out = run_cli("inspect", "-w", str(root), str(collection)).stdout
    assert f"— {GLUE}{ANKI}" in out, out

    (root / "inbox" / "hours" / "toggl.csv").write_text(TOGGL, encoding="utf-8")
    run_cli("run", "-w", str(root))
    assert readiness_line(root).endswith(f"(AWS Glue); {BOTH} to count them (the dashboard lists them)")
    assert ("Name a domain, or a service of only one domain, in the description, project or tags, and for Anki "
            "reviews add a domain, or a service of only one domain, to the reviewed notes' tags in Anki (e.g. "
            "<code>D1</code>) to count it: Glue crawlers [DEA-C01, AWS Glue: in several domains] 1.0 h; Anki reviews "
            "of notes tagged aws::glue [deck Default, AWS Glue: in several domains] 0.5 h." in dashboard_paragraph(root))


def test_the_anki_fix_as_told_counts_the_time(tmp_path):
    """The tag the fix names, added to the note, counts its review time toward that domain."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    glue_notes(root, ["aws::glue", "D1"])
    run_cli("run", "-w", str(root))
    data = run_json("readiness", "-w", str(root))
    assert data["hours_without_domain"]["hours"] == 0 and data["domains"][0]["hours"] == 0.5
