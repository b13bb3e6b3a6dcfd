"""What `inspect` says of a file whose reading raised an error it does not expect (a bug, not bad input)."""
from __future__ import annotations

from pathlib import Path

BUG_HINT = "an error examready does not expect (a bug): please report it with the file"


def bug_report(path: Path, exc: Exception) -> dict:
    """The report of a file `exc` stopped reading: no format, no rows, `error` naming the exception (a secret the
    message quotes masked, as in the adapters' warnings)."""
    from examready.inspect import blank_report
    from warehouse.secrets import masked_lines

    error = f"could not be read: {type(exc).__name__}: {masked_lines([str(exc)])[0]}"
    return {**blank_report(path), "error": error, "problems": [f"{error} — {BUG_HINT}"]}


def guarded(inspect_file, path: Path, *args) -> dict:
    """`inspect_file(path, *args)`, or its bug report when it raises; Ctrl-C (DuckDB's report of it too) is raised."""
    try:
        return inspect_file(path, *args)
    except Exception as exc:  # KeyboardInterrupt and SystemExit are no Exception: they stop the command
        from warehouse.connection import duckdb_interrupted

        if duckdb_interrupted(exc):
            raise
        return bug_report(path, exc)
