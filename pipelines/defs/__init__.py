"""Dagster definitions, one module per layer; loaded by pipelines.definitions."""
