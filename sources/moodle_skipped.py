"""What a Moodle Grades export's rows that are no finished attempt are said to be: attempts not finished
and the overall average row, each apart."""
from __future__ import annotations

import pandas as pd

from sources.repeated_columns import line_list


def _lines(lines: pd.Series) -> str:
    return f"{'line' if len(lines) == 1 else 'lines'} {line_list(lines)}"


def skipped_rows(skipped: pd.DataFrame, state_column: str) -> str | None:
    """'2 attempts not finished (in progress, abandoned: lines 5, 7) and the overall average row (line 9)
    skipped', None when none is skipped. `skipped`: the rows not read, with `line`. The overall average row has
    no State (Moodle leaves it blank, in any language); an attempt not finished has its own (In progress,
    Abandoned, Never submitted), named as written."""
    states = skipped[state_column].fillna("").str.strip()
    attempts, average = skipped[states != ""], skipped[states == ""]
    said = []
    if len(attempts):
        kinds = ", ".join(dict.fromkeys(states[states != ""].str.lower()))
        said.append(f"{len(attempts)} {'attempt' if len(attempts) == 1 else 'attempts'} not finished "
                    f"({kinds}: {_lines(attempts['line'])})")
    if len(average):
        rows = ("the overall average row" if len(average) == 1
                else f"{len(average)} rows without a State (the overall average)")
        said.append(f"{rows} ({_lines(average['line'])})")
    return " and ".join(said) + " skipped" if said else None
