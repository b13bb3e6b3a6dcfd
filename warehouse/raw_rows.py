"""Writing a parsed batch into raw: its rows, and its failing rows as quarantine rows."""
from __future__ import annotations

import pandas as pd

from warehouse.validation import KEY


def quarantine_rows(frame: pd.DataFrame, failures: pd.DataFrame, table: str) -> pd.DataFrame:
    """Quarantine rows for a batch's failures: each with its row of `frame` as JSON."""
    rows = frame.set_index(KEY, drop=False)
    out = failures.copy()
    out["table_name"] = table
    out["row_json"] = [rows.loc[key].to_json(date_format="iso", default_handler=str)
                       for key in zip(failures["line"], failures["line_row"])]
    return out


def write_rows(con, table: str, frame: pd.DataFrame, extra: dict) -> None:
    """Append a frame to raw.`table` (its columns that the table has), with `extra` columns added."""
    if frame.empty:
        return
    if "learner_id" in frame.columns and "learner_id" in extra:  # cohort rows keep their own learner
        extra = {**extra, "learner_id": frame["learner_id"].fillna(extra["learner_id"])}
    frame = frame.assign(**extra)
    columns = [c[0] for c in con.execute(f"DESCRIBE raw.{table}").fetchall()]
    con.register("batch", frame[[c for c in columns if c in frame.columns]])
    con.execute(f"INSERT INTO raw.{table} BY NAME SELECT * FROM batch")
    con.unregister("batch")
