"""`python -m bench` runs the benchmark harness (see bench/harness.py)."""
from bench.harness import main

main()
