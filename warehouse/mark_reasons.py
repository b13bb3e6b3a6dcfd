"""A Moodle answer without correct/incorrect, held back in the words of its export: which question, and
whether the teacher has yet to grade it ('Requires grading') or its mark is no number (`moodle.mark_reason`)."""
from __future__ import annotations

import pandas as pd

from sources.moodle import mark_reason


def explain_marks(failures: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """`failures` with the reason of each `correct_not_null` failure of a Moodle row said as `mark_reason`
    (`rows`: the batch, with line, line_row, source, question_id and correct_text)."""
    held = failures["check_name"] == "correct_not_null"
    if not held.any() or "source" not in rows.columns or not (rows["source"] == "moodle").any():
        return failures
    moodle = rows[rows["source"] == "moodle"]
    why = {(int(r.line), int(r.line_row)): mark_reason(r.question_id, r.correct_text)
           for r in moodle[["line", "line_row", "question_id", "correct_text"]].itertuples(index=False)}
    out = failures.copy()
    out["reason"] = [why.get((int(line), int(row)), old) if failing else old
                     for line, row, old, failing in zip(failures["line"], failures["line_row"], failures["reason"],
                                                        held)]
    return out
