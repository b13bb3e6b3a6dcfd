"""Cells as written: one an adapter could not read (validation quotes it in the row's reason), a value whose quote
is left open (what broken front matter salvages)."""
from __future__ import annotations

import pandas as pd


def unread_cells(cells, values: pd.Series) -> pd.Series:
    """Each row's cell as written where its value is missing (not read); None where it was read or is blank."""
    written = pd.Series(list(cells), index=values.index, dtype=object)
    blank = written.map(lambda v: not isinstance(v, str) or not v.strip()).astype(bool)
    return written.where(values.isna() & ~blank, None)


def without_open_quote(value: str) -> str:
    """A one-line value as written, the quote it opens and never closes dropped (`'Athena` -> `Athena`)."""
    return value[1:].strip() if value[0] in "'\"" and value.count(value[0]) == 1 else value
