"""Column work done once per distinct value or combination of values, not once per row (exports repeat values)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def map_distinct(values: pd.Series, fn) -> pd.Series:
    """fn(value) computed once per distinct value (exports repeat values), one result per row."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    for i, v in enumerate(uniques):  # element by element: numpy would unpack tuple results
        results[i] = fn(None if v is None or v != v else v)
    return pd.Series(results[codes], index=values.index, dtype=object)


def row_groups(columns: list) -> np.ndarray:
    """Per row, the number of its distinct combination of values across `columns`, in order of first appearance."""
    codes = np.zeros(len(columns[0]), dtype="int64")
    for values in columns:
        column_codes, uniques = pd.factorize(values)
        codes = pd.factorize(codes * len(uniques) + column_codes)[0]  # renumbered: stays below the row count
    return codes
