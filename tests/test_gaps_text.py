"""`examready gaps`'s text lists every in-scope service and task statement: gap, weak and covered, as --json does."""
from __future__ import annotations

import re

from tests.conftest import run_cli, run_json


def _lines(text: str) -> dict[str, tuple[int, list[str]]]:
    """{'services covered': (3, ['AWS Lambda', …]), …} from the text's 'KIND STATUS (N): names' lines."""
    return {m[0]: (int(m[1]), [] if m[2] == "-" else m[2].split(", "))
            for m in re.findall(r"^(\w+ (?:gap|weak|covered)) \((\d+)\): (.*)$", text, flags=re.M)}


def test_the_text_counts_add_up_to_every_service_with_the_covered_ones_named(demo_workspace_readonly):
    ws = str(demo_workspace_readonly)
    data = run_json("gaps", "-w", ws)
    lines = _lines(run_cli("gaps", "-w", ws).stdout)
    covered = sorted(s["name"] for s in data["services"] if s["status"] == "covered")
    assert covered, "the demo learner covers some services"
    assert lines["services covered"] == (len(covered), covered), lines
    assert sum(lines[f"services {s}"][0] for s in ("gap", "weak", "covered")) == len(data["services"])
    assert sum(lines[f"tasks {s}"][0] for s in ("gap", "weak", "covered")) == len(data["tasks"])  # demo: measured
