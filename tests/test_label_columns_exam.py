"""Of two columns for a label (`Section,Domain`), the one naming the workspace's exam's domains is read: before
7 Dec 2026 every installed exam's were counted, and a column naming another exam's (SAA-C03's) could win."""
from __future__ import annotations

import pandas as pd
import pytest

from sources.csv_columns import pick
from sources.domain_summary_csv import ALIASES
from sources.label_columns import choose_label_columns
from sources.per_question_csv import aliases_for
from tests.conftest import run_cli

DEA = ["Data Store Management", "Data Security and Governance"]  # DEA-C01's domains (sources/blueprints)
SAA = ["Design Secure Architectures", "Design Resilient Architectures"]  # SAA-C03's
CLF = ["Cloud Concepts", "Security and Compliance"]  # CLF-C02's


def chosen(section: list[str], domain: list[str], exam: str | None) -> str:
    """The column read as the domain of a frame whose Section and Domain columns hold these cells."""
    frame = pd.DataFrame({"Section": section, "Domain": domain, "Correct": ["1", "2"], "Total": ["2", "2"]})
    aliases = aliases_for(frame.columns, ALIASES)
    found = pick(frame, aliases)
    choose_label_columns(frame, found, aliases, exam)
    return found["domain_label"]


@pytest.mark.parametrize("section, domain, exam, column", [
    (DEA, SAA, "DEA-C01", "Section"),  # the workspace's exam's domains are under Section
    (SAA, DEA, "SAA-C03", "Section"),
    (CLF, DEA, "CLF-C02", "Section"),
    (SAA, DEA, "DEA-C01", "Domain"),  # guard: its domains under Domain
    (DEA, SAA, None, "Domain"),  # guard: no exam known, every installed exam's: a tie, the field's own name wins
    (["Part A", "Part B"], DEA, "DEA-C01", "Domain"),  # guard: a Section naming no exam's domain
])
def test_the_column_naming_the_exams_domains_is_read(section, domain, exam, column):
    assert chosen(section, domain, exam) == column


def test_run_and_inspect_read_the_workspace_exams_column(tmp_path):
    """A DEA-C01 workspace, a summary whose Section names DEA-C01's domains and whose Domain names SAA-C03's."""
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--exam", "DEA-C01")
    path = ws / "inbox" / "exams" / "two.csv"
    path.write_text("Exam,Date,Section,Domain,Correct,Total\n"
                    f"X,2026-03-05,{DEA[0]},{SAA[0]},12,20\nX,2026-03-05,{DEA[1]},{SAA[1]},7,10\n")
    note = ("column 'Domain' is not read: 'Section' is read as the domain (cells naming an exam domain: 2 in "
            "'Section', 0 in 'Domain')")
    assert note in run_cli("inspect", "-w", str(ws), str(path)).stdout
    assert "0 in 'Section'" in run_cli("inspect", "--exam", "SAA-C03", str(path)).stdout  # --exam's domains
    ran = run_cli("run", "-w", str(ws))
    assert note in ran.stderr and "2 loaded, 0 quarantined" in ran.stdout, ran
