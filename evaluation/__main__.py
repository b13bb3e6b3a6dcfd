"""`python -m evaluation`: simulate a cohort, score the model against baselines, print the table."""
from __future__ import annotations

import argparse
import sys

from evaluation.harness import REPORT_SEED, run_evaluation, verdict
from evaluation.report import render, write


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the evaluation, print (and by default write) the markdown table."""
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("--learners", type=int, default=500, help="simulated learners (default 500)")
    parser.add_argument("--seed", type=int, default=REPORT_SEED, help=f"cohort seed (default {REPORT_SEED})")
    parser.add_argument("--no-pybkt", action="store_true", help="skip the pyBKT baseline")
    parser.add_argument("--pybkt-answers", type=int, default=6000, help="answers pyBKT is fitted on")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/model.md alone")
    args = parser.parse_args(argv)
    result = run_evaluation(args.learners, args.seed, with_pybkt=not args.no_pybkt,
                            pybkt_max_answers=args.pybkt_answers)
    markdown = render(result)
    print(markdown)
    if not args.no_write:
        write(markdown)
    return 0 if all(verdict(result).values()) else 1


if __name__ == "__main__":
    sys.exit(main())
