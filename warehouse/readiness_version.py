"""The readiness model's version, recorded with marts.readiness: an upgrade that changes the model's numbers
says so once (`readiness.params.change_notice`), in the run that rebuilds the marts, instead of every pass
chance changing silently."""
from __future__ import annotations

MARK = "readiness model version "  # the comment on marts.readiness, then the version


def stored_version(con) -> int | None:
    """The model version marts.readiness was built with: None if there is no such table yet, 1 if it was
    built before versions were recorded (no comment of ours on it)."""
    rows = con.execute("SELECT comment FROM duckdb_tables() WHERE schema_name = 'marts' "
                       "AND table_name = 'readiness'").fetchall()
    if not rows:
        return None
    text = rows[0][0] or ""
    number = text[len(MARK):]
    return int(number) if text.startswith(MARK) and number.isdigit() else 1


def record_version(con, version: int) -> None:
    """Mark marts.readiness as built by this model version (after it is written: replacing the table drops it)."""
    con.execute(f"COMMENT ON TABLE marts.readiness IS '{MARK}{int(version)}'")

