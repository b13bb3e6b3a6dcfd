"""The rule that calls a service or task statement covered (at least 3 practice questions, 70% right) is decided
by the coverage marts' SQL and told by the coverage page, `examready gaps --help` and docs/cli.md: one rule,
read from reports.coverage's constants, which these checks hold the SQL and the texts to."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from examready.cmd_readiness import gaps
from reports.coverage_rule import COVERED_ACCURACY, COVERED_QUESTIONS, accuracy_text, accuracy_value
from reports.plan_data import service_phrase

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


@pytest.mark.parametrize("value, text", [(0.7, "70%"), (0.696, "69.6%"), (0.694, "69%"), (0.704, "70%"), (1.0, "100%"),
                                         (142 / 203, "69.9%"), (0.69999, "69.9%"), (0.6995, "69.9%")])
def test_accuracy_text_never_rounds_up_to_the_rule(value, text):
    assert accuracy_text(value) == text


@pytest.mark.parametrize("value, shown", [(0.7, 0.7), (142 / 203, 0.699), (0.69999, 0.699), (0.6994, 0.699),
                                          (0.71849, 0.718), (2 / 3, 0.667), (0.0, 0.0), (1.0, 1.0)])
def test_an_accuracy_in_json_never_rounds_up_to_the_rule(value, shown):
    """Before: 142 of 203 right (69.95%) was 'accuracy': 0.7 beside 'status': 'weak' in `gaps --json`."""
    assert accuracy_value(value) == shown


@pytest.mark.parametrize("right, questions, phrase", [(142, 203, "AWS Glue (69.9% of 203)"),
                                                      (16, 23, "AWS Glue (69.6% of 23)"), (7, 10, "AWS Glue (70% of 10)")])
def test_the_plan_names_a_weak_service_with_the_coverage_pages_accuracy(right, questions, phrase):
    """Before: the plan and the home page said 'Start with: AWS Glue (70% of 203)' of a service called weak."""
    row = {"name": "AWS Glue", "status": "weak", "questions": questions, "accuracy": right / questions}
    assert service_phrase(row) == phrase
