"""Lines pasted again further down a sitting: which repeats of an item are a copy, not a retake's first answer.

A row alike in every cell examready reads (`sittings.cells_read`), its time, item, learner, set and platform
with an earlier row of the sitting it would end is a pasted copy of that row, not the next sitting's start,
unless the row after it (after a run of such copies) begins the next sitting anyway: a same-day retake whose
first answers match the first sitting's keeps them. Copies that end the set's rows (no row after them in
their sitting) are read as before: a retake, as a same-day retake answered alike throughout would be.
`warehouse/bulk_sittings.py` computes the same in SQL.
"""
from __future__ import annotations

import pandas as pd

SAME_LINE = ["who", "set", "plat", "stretch", "item", "at", "cells"]  # alike in all: one line read twice


def sitting_numbers(rows: pd.DataFrame, group: list[pd.Series], copy: pd.Series) -> pd.Series:
    """Each row's sitting within its stretch: the running maximum of its item's repeat count, copies aside."""
    repeat = rows.groupby([*group, rows["stretch"], rows["item"], copy], sort=False, dropna=False).cumcount()
    counted = rows["item"].notna() & ~copy
    return (repeat + 1).where(counted, 1).groupby([*group, rows["stretch"]], sort=False).cummax()


def pasted_repeats(rows: pd.DataFrame, group: list[pd.Series]) -> pd.Series:
    """Rows (in the rule's order, with `stretch` and the adjacent `copy`) that copy an earlier line of the
    sitting they are in, followed by a row of that sitting (the module docstring): they begin no sitting."""
    again = rows["item"].notna() & rows.duplicated(SAME_LINE)
    if not again.any():
        return again
    copy = rows["copy"] | again
    sitting = sitting_numbers(rows, group, copy)  # with every such repeat set aside: where the others fall
    original = sitting.groupby([rows[c] for c in SAME_LINE], sort=False, dropna=False).transform("first")
    following = sitting.where(~copy).groupby([*group, rows["stretch"]], sort=False).bfill()
    return again & (original == sitting) & (following == sitting)  # a row after them, in their sitting
