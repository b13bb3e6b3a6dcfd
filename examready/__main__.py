"""`python -m examready` runs the CLI."""
from examready.cli import main

main()
