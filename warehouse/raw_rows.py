"""Writing a parsed batch into raw: its rows, and its failing rows as quarantine rows."""
from __future__ import annotations

import pandas as pd

from warehouse.secrets import masked_cell
from warehouse.validation import KEY


def quarantine_rows(frame: pd.DataFrame, failures: pd.DataFrame, table: str) -> pd.DataFrame:
    """Quarantine rows for a batch's failures: each with its row of `frame` as JSON."""
    rows = frame.set_index(KEY, drop=False)
    out = failures.copy()
    out["table_name"] = table
    out["row_json"] = [rows.loc[key].map(masked_cell).to_json(date_format="iso", default_handler=str)
                       for key in zip(failures["line"], failures["line_row"])]
    if "reason" in out.columns:  # a reason quotes the cell it could not read
        out["reason"] = out["reason"].map(masked_cell)
    return out


def raw_columns(con, table: str) -> list[str]:
    """The columns of raw.`table`."""
    return [c[0] for c in con.execute(f"DESCRIBE raw.{table}").fetchall()]


def write_rows(con, table: str, frame: pd.DataFrame, extra: dict) -> None:
    """Append a frame to raw.`table` (its columns that the table has), with `extra` columns added."""
    if frame.empty:
        return
    if "learner_id" in frame.columns and "learner_id" in extra:  # cohort rows keep their own learner
        extra = {**extra, "learner_id": frame["learner_id"].fillna(extra["learner_id"])}
    frame = frame.assign(**extra)
    columns = raw_columns(con, table)
    con.register("batch", frame[[c for c in columns if c in frame.columns]])
    con.execute(f"INSERT INTO raw.{table} BY NAME SELECT * FROM batch")
    con.unregister("batch")


def stage_rows(con, table: str, frames: dict[str, pd.DataFrame], extra: set[str]) -> None:
    """Frames to append to raw.`table` later, under their keys (`held_writes.HeldWrites`): copied into DuckDB
    together, once (pandas' scan costs ~2 ms a call however small the frame). For frames without the `extra` columns
    (`write_rows` gives a cohort frame's own learner_id precedence; a note's has none)."""
    keys = [key for key, frame in frames.items() if not frame.empty]  # an empty one's dtypes would blur the others'
    together = pd.DataFrame({"_key": pd.Series(dtype=str)})
    if keys:  # one concat, the keys as a column: no copy per frame
        together = pd.concat([frames[k] for k in keys], keys=keys, names=["_key", None]).reset_index(level=0)
        columns = [c for c in raw_columns(con, table) if c in together.columns and c not in extra]
        together = together[[*columns, "_key"]].reset_index(drop=True)
    con.register("batch", together)
    con.execute(f"CREATE OR REPLACE TEMP TABLE staged_{table} AS SELECT * FROM batch")
    con.unregister("batch")
