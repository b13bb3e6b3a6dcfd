"""Rows whose cells do not match the header: the reasons `read_csv` gives and the columns adapters add for them."""
from __future__ import annotations

import pandas as pd


def short_row(cells: int, width: int) -> str:
    return f"the row has {cells} of {width} cells (cut short, or a delimiter missing)"


def long_row(cells: int, width: int) -> str:
    return f"the row has {cells} cells where the header has {width} (a delimiter too many, or a value with " \
        "an unquoted delimiter)"


def _by_line(frame: pd.DataFrame, values: dict) -> pd.Series:
    if not values:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return pd.Series([values.get(line) for line in frame["line"]], index=frame.index, dtype=object)


CELL_COLUMNS = ["cells", "extra_cells"]


def cell_columns(frame: pd.DataFrame, rows: pd.DataFrame | None = None) -> dict[str, pd.Series]:
    """What every CSV adapter adds to its rows, per row of `read_csv`'s frame (or of `rows`, a part of it):
    `cells`, why its cells do not match the header ('the row has 5 of 9 cells …', else None; the row
    is quarantined for it), and `extra_cells`, its cells beyond the header when one is not blank (a
    list, kept in quarantine's row_json), else None."""
    rows = frame if rows is None else rows
    return {"cells": _by_line(rows, frame.attrs.get("row_problems", {})),
            "extra_cells": _by_line(rows, frame.attrs.get("extra_cells", {}))}
