"""Benchmarks: examready against the machine's floor (see bench/harness.py, `make bench`)."""
