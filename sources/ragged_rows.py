"""Rows whose cells do not match the header, or repeat it: the reasons `read_csv` gives and the columns adapters
add for them."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from sources.csv_columns import name_as_written

REPEATED_HEADER = "the row repeats the header"
WRAPPED_NAMES = "wrapped_names"  # `read_csv`'s attrs: column name -> its header cell as written, with a line break


def short_row(cells: int, width: int) -> str:
    return f"the row has {cells} of {width} cells (cut short, or a delimiter missing)"


NOT_A_ROW = ("not a row of this export: a '#' line between its rows (a page break, a comment?); the rows before "
             "and after it are read")
PAGE_LINE = ("not a row of this export: a page line ('Page 2') between its rows (a page break); the rows before and "
             "after it are read")
NOT_ROWS = {NOT_A_ROW: "a '#' line is between the rows (a page break, a comment?)",  # reason -> what `inspect` says
            PAGE_LINE: "a page line ('Page 2', 'Page 2 of 3') is between the rows (a page break)"}
PAGE_MARK = re.compile(r"page\s+\d+(\s*(of|/)\s*\d+)?", re.IGNORECASE)  # a stripped cell: 'Page 2', 'page 2 / 3'


def not_a_row(cells: list[str]) -> str | None:
    """NOT_A_ROW or PAGE_LINE for a row (its cells stripped) whose only cell written is the first: a `#` line
    (`# page 2`, a comment) or a page mark (`Page 2 of 3`, `PAGE_MARK`), with the delimiters or without (Excel
    saves `Page 2,,,,`); else None. (Not asked of a file of one column: its line `page 2` is a row.)"""
    if any(cells[1:]):
        return None
    if cells[0].startswith("#"):
        return NOT_A_ROW
    return PAGE_LINE if PAGE_MARK.fullmatch(cells[0]) else None


def long_row(cells: int, width: int) -> str:
    return f"the row has {cells} cells where the header has {width} (a delimiter too many, or a value with " \
        "an unquoted delimiter)"


def repeated_header(header_line: int) -> str:
    return f"{REPEATED_HEADER} (line {header_line}): two exports pasted into one file? It holds no data; the " \
        "rows before and after it are read"


def header_again(frame: pd.DataFrame) -> pd.Series:
    """Rows of `read_csv`'s frame that repeat its header, every cell its column's name as written (two
    exports pasted into one file). Such a row is held back for that alone (`read_csv` gives it the reason
    `repeated_header`), and names no learner: learner detection (how many people a file names, whose rows
    are whose) leaves it out."""
    names = [str(c) for c in frame.columns if c != "line"]
    wrapped = frame.attrs.get(WRAPPED_NAMES, {})
    again = np.ones(len(frame), dtype=bool)
    for i, name in enumerate(names):  # 'Tags.1' is csvread's name for a second 'Tags'
        written = wrapped.get(name) or name_as_written(name, names)
        cells = frame[name].to_numpy(dtype=object)
        # the first cell may keep the second export's BOM: two UTF-8 exports joined (`cat a.csv b.csv`)
        again &= (cells == written) | (cells == "\ufeff" + written) if i == 0 else cells == written
        if not again.any():
            break
    return pd.Series(again & bool(names), index=frame.index, dtype=bool)


def with_repeated_header(frame: pd.DataFrame, header_line: int) -> pd.DataFrame:
    """`read_csv`'s frame with its rows that repeat the header among `attrs["row_problems"]` (a ragged row
    keeps its own reason)."""
    problems = frame.attrs.setdefault("row_problems", {})
    for line in frame["line"][header_again(frame)].tolist():
        problems.setdefault(int(line), repeated_header(header_line))
    return frame


def no_data(frame: pd.DataFrame) -> pd.Series:
    """Rows of `read_csv`'s frame that hold no data of the export: the header repeated (`header_again`) or a
    '#' line or a page line between its rows (`NOT_ROWS`). Each is held back for that alone and names no learner."""
    problems = frame.attrs.get("row_problems", {})
    no_rows = frame["line"].isin([line for line, reason in problems.items() if reason in NOT_ROWS])
    return header_again(frame) | no_rows


def is_repeated_header(cells) -> bool:
    """Whether a row's `cells` reason says it repeats the header (else it is None or a ragged row's)."""
    return isinstance(cells, str) and cells.startswith(REPEATED_HEADER)


def is_no_data(cells) -> bool:
    """Whether a row's `cells` reason says it holds no data (`no_data`): the header repeated, a '#' or page line."""
    return is_repeated_header(cells) or isinstance(cells, str) and cells in NOT_ROWS


def held_as_no_data(rows: pd.DataFrame) -> pd.Series:
    """Rows of an adapter's frame held back as no data (`is_no_data`: their `cells` says so): what their
    cells are not read for (no warning names them)."""
    if "cells" not in rows.columns:
        return pd.Series(False, index=rows.index, dtype=bool)
    return rows["cells"].map(is_no_data).astype(bool)


def _by_line(frame: pd.DataFrame, values: dict) -> pd.Series:
    if not values:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return pd.Series([values.get(line) for line in frame["line"]], index=frame.index, dtype=object)


CELL_COLUMNS = ["cells", "extra_cells"]


def cell_columns(frame: pd.DataFrame, rows: pd.DataFrame | None = None) -> dict[str, pd.Series]:
    """What every CSV adapter adds to its rows, per row of `read_csv`'s frame (or of `rows`, a part of it):
    `cells`, why its cells do not match the header ('the row has 5 of 9 cells …', 'the row repeats the
    header …', else None; the row is quarantined for it alone, `validation.cells_first`), and
    `extra_cells`, its cells beyond the header when one is not blank (a list, kept in quarantine's
    row_json), else None."""
    rows = frame if rows is None else rows
    return {"cells": _by_line(rows, frame.attrs.get("row_problems", {})),
            "extra_cells": _by_line(rows, frame.attrs.get("extra_cells", {}))}
