"""`examready learners`' table says '1 mock' and '1 learner', not '1 mocks' and '1 learners'."""
from __future__ import annotations

import re

from tests.conftest import run_cli
from tests.test_learners import class_export


def test_one_mock_and_one_learner_are_singular(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "cohort: true\n")
    one = "\n".join(line for line in class_export({"ana@class.example": 0.8}).splitlines() if "mock-02" not in line)
    (root / "inbox" / "exams" / "week1.csv").write_text(one + "\n")
    run_cli("run", "-w", str(root))
    text = run_cli("learners", "-w", str(root)).stdout
    [ana] = [line for line in text.splitlines() if "ana@class.example" in line]
    assert re.search(r"  1 mock  +65 q ", ana), ana
    assert re.search(r"\(1 learner, weight \d+%\)", text) and "1 mocks" not in text and "1 learners" not in text
