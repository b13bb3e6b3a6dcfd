"""The rule that calls a service or task statement covered (at least 3 practice questions, 70% right) is decided
by the coverage marts' SQL and told by the coverage page, `examready gaps --help` and docs/cli.md: one rule,
read from reports.coverage's constants, which these checks hold the SQL and the texts to."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from examready.cmd_readiness import gaps
from reports.coverage import COVERED_ACCURACY, COVERED_QUESTIONS, accuracy_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("mart", ["service_coverage", "task_coverage"])
def test_the_marts_decide_by_the_same_rule(mart):
    sql = (ROOT / "warehouse" / "sql" / "marts" / f"{mart}.sql").read_text()
    [(questions, accuracy)] = re.findall(r"questions(?:, 0\))? >= (\d+) AND p\.accuracy >= ([\d.]+) THEN 'covered'", sql)
    assert (int(questions), float(accuracy)) == (COVERED_QUESTIONS, COVERED_ACCURACY)
    assert f"covered: {COVERED_QUESTIONS}+ answers, {COVERED_ACCURACY:.0%}+ right" in sql  # its column comment


def test_the_texts_tell_the_same_rule():
    assert (f"fewer than {COVERED_QUESTIONS} practice questions, or under {COVERED_ACCURACY:.0%} correct"
            in " ".join(gaps.help.split()))
    docs = " ".join((ROOT / "docs" / "cli.md").read_text().split())
    assert (f"`weak`: studied, but fewer than {COVERED_QUESTIONS} practice questions or under "
            f"{COVERED_ACCURACY:.0%} correct; `covered`: at least {COVERED_QUESTIONS} questions and "
            f"{COVERED_ACCURACY:.0%} correct") in docs


@pytest.mark.parametrize("value, text", [(0.7, "70%"), (0.696, "69.6%"), (0.694, "69%"), (0.704, "70%"), (1.0, "100%")])
def test_accuracy_text_never_rounds_up_to_the_rule(value, text):
    assert accuracy_text(value) == text
