"""A cell an adapter could not read, kept as written: validation quotes it in the row's reason."""
from __future__ import annotations

import pandas as pd


def unread_cells(cells, values: pd.Series) -> pd.Series:
    """Each row's cell as written where its value is missing (not read); None where it was read or is blank."""
    written = pd.Series(list(cells), index=values.index, dtype=object)
    blank = written.map(lambda v: not isinstance(v, str) or not v.strip()).astype(bool)
    return written.where(values.isna() & ~blank, None)
