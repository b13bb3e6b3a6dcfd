"""Readiness model: pure functions over evidence rows (no Dagster, no DuckDB, no file I/O)."""
