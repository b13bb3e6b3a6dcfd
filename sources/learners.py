"""Learner ids as rows are stored: one spelling per person, whatever the export's case or Unicode form.

Every path that stores a row's learner (the pandas path, `warehouse.ingest`; the bulk paths,
`warehouse.bulk_ingest` and `warehouse.bulk_sessions`) reads the ids through `learner_key`, each
distinct cell once, so Python and DuckDB store the same id (docs/cohorts.md).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_CLASS_WORKSPACE = ContextVar("class_workspace", default=False)  # `cohort: true` in examready.yaml
HEADER_LINES = "header_lines"  # an adapter's attrs: the lines of its rows that hold no data, the file's header
# repeated, a '#' or page line (`sources.ragged_rows.no_data`): such a row names no learner


def spaced_once(text: str) -> str:
    """Text stripped, each run of spaces inside as one (`Ben  Ode`, a no-break space: `Ben Ode`)."""
    return " ".join(text.split())


# Characters that show as nothing, pasted along with an id from a web page or a spreadsheet: a zero-width space, a
# word joiner, a byte-order mark, direction marks, a soft hyphen (joiners that shape a script's letters are kept)
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u200e\u200f\u00ad"))


def learner_key(cell) -> str | None:
    """The id a cell names: stripped, NFC, each run of spaces inside as one (`Ben  Ode` is `Ben Ode`), characters
    that show as nothing left out (`INVISIBLE`); an email (it has an @) lower-cased; None when blank.

    pandas only for a cell that is not text (NaN, NA): every command reads the exam_dates roster through it."""
    if cell is None:
        return None
    if not isinstance(cell, str):
        import pandas as pd

        if pd.isna(cell):
            return None
    text = spaced_once(unicodedata.normalize("NFC", str(cell)).translate(INVISIBLE))
    if "@" in text:
        text = unicodedata.normalize("NFC", text.lower())
    return text or None


def learner_keys(cells: pd.Series) -> pd.Series:
    """`learner_key` of every cell, each distinct cell read once (None for a blank one)."""
    import pandas as pd

    codes, uniques = pd.factorize(cells.to_numpy(dtype=object), use_na_sentinel=True)
    keys = pd.Series([learner_key(u) for u in uniques] + [None], dtype=object).to_numpy()
    return pd.Series(keys[codes], index=cells.index, dtype=object, name=cells.name)


def people_named(keys: pd.Series) -> int:
    """How many people a column of learner keys names (blank cells name nobody)."""
    return int(keys.dropna().nunique())


def people_text(count: int) -> str:
    """'1 person', '2 people'."""
    return f"{count} {'person' if count == 1 else 'people'}"


def learner_missing_reason(named: int, hint: tuple[str, str, str] | None = None, name: str | None = None) -> str:
    """Why a row naming no learner is quarantined in a file whose other rows name `named` people; with the
    adapter's `hint` (key column, name column, how to fix it: `frame.attrs["learner_hint"]`) and the row's
    `name` (its cell of the name column), which cell is blank, whose row it is and what to do."""
    reason = f"names no learner in a file that names its learners ({people_text(named)})"
    if hint is None:
        return reason
    key, shown, fix = hint
    return f"{reason}: its {key} is blank" + (f" ({shown} '{name}')" if name else "") + f"; {fix}"


@contextmanager
def class_workspace(cohort: bool) -> Iterator[None]:
    """Within it, files are read for a class workspace (`cohort: true`): a file naming one person is theirs."""
    token = _CLASS_WORKSPACE.set(bool(cohort))
    try:
        yield
    finally:
        _CLASS_WORKSPACE.reset(token)


def in_class_workspace() -> bool:
    """Whether files are being read for a class workspace (`class_workspace`)."""
    return _CLASS_WORKSPACE.get()


def own_learners(named: int) -> bool:
    """Whether a file naming `named` people stores each row under its person: several people, or one
    in a class workspace (else its rows are the workspace's learner's: a learner's own export)."""
    return named > 1 or (named == 1 and _CLASS_WORKSPACE.get())


def keying_column(keyed: list[pd.Series]) -> int | None:
    """Which of these columns of learner keys (in order of preference: Email first) gives each row its
    learner: when the file names several people (by any of them; in a class workspace, anyone), the
    first naming anyone; None when the rows are the workspace learner's. A row blank in that column
    names no one (quarantined) even if another column names it: one column keys a file."""
    named = [people_named(keys) for keys in keyed]
    if not named or not own_learners(max(named)):
        return None
    return next(i for i, n in enumerate(named) if n)
