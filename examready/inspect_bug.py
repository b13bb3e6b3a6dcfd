"""What `inspect` says of a file whose reading raised an error it does not expect (a bug, not bad input)."""
from __future__ import annotations

from pathlib import Path

from warehouse.unexpected_error import could_not_be_read, unexpected_error


def bug_report(path: Path, exc: Exception) -> dict:
    """The report of a file `exc` stopped reading: no format, no rows, `error` naming the exception, its problem
    worded as `run` rejects the file (warehouse.ingest)."""
    from examready.inspect import blank_report

    return {**blank_report(path), "error": could_not_be_read(exc), "problems": [unexpected_error(exc)]}


def guarded(inspect_file, path: Path, *args) -> dict:
    """`inspect_file(path, *args)`, or its bug report when it raises; Ctrl-C (DuckDB's report of it too) is raised."""
    try:
        return inspect_file(path, *args)
    except Exception as exc:  # KeyboardInterrupt and SystemExit are no Exception: they stop the command
        from warehouse.connection import duckdb_interrupted

        if duckdb_interrupted(exc):
            raise
        return bug_report(path, exc)
