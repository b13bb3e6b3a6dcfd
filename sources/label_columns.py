"""Which column holds a label (domain, task, service) when the header names several for it: `Section,Domain`,
`Category,Knowledge Area`, `Topic,Service`. Read by their values, not by which comes first."""
from __future__ import annotations

import pandas as pd

from sources.blueprint import available_exams, load_blueprint
from sources.csv_columns import norm
from sources.label_domains import map_domain, map_task
from sources.label_services import label_services
from sources.repeated_columns import copies

# each label field: the word a note uses for it, and how a cell of it reads as one of an exam's
LABEL_READERS = {"domain_label": ("domain", map_domain), "task_label": ("task", map_task),
                 "service_label": ("service", label_services)}


def label_candidates(columns, aliases: dict[str, str], field: str) -> list[str]:
    """Columns named for a label field, in header order; a repeated name once (its copies: `check_copies`)."""
    out: list[str] = []
    for name in map(str, columns):
        if aliases.get(norm(name)) == field and not any(name in copies(columns, o) for o in out):
            out.append(name)
    return out


def exams_read(exam: str | None) -> list[str]:
    """The exams whose labels a cell is read against: the workspace's (or `inspect --exam`'s) where it is known;
    every installed exam where it is not (an adapter run without one: no exam takes 'Part A' for a domain)."""
    return [exam] if exam else list(available_exams())


def names_an_exams_label(value: str, field: str, exams: list[str]) -> bool:
    """Whether a cell reads as a domain (task, service) of one of `exams`."""
    read = LABEL_READERS[field][1]
    return any(read(value, load_blueprint(code)) for code in exams)


def label_rows(counts: dict[str, int], field: str, exams: list[str]) -> int:
    """Rows (`counts`: {cell as written: rows}) whose cell names a domain (task, service) of one of `exams`."""
    return sum(rows for value, rows in counts.items() if names_an_exams_label(value, field, exams))


def own_name(column: str, field: str) -> bool:
    """Whether the column bears the field's own name ('Domain', 'domain_label'), not a looser one ('Section')."""
    return norm(column) in {LABEL_READERS[field][0], norm(field)}


def label_column(rows: dict[str, int], field: str) -> str:
    """Of a label field's candidate columns ({column: rows naming an exam's domain (task, service)}, in header order),
    the one with the most such rows; of equals, one with the field's own name, else the first."""
    return max(rows, key=lambda c: (rows[c], own_name(c, field)))


def not_read_note(field: str, chosen: str, left: str, rows: dict[str, int]) -> str:
    """The warning for a candidate column left unread: which one is read, and why."""
    word = LABEL_READERS[field][0]
    why = f"cells naming an exam {word}: {rows[chosen]} in '{chosen}', {rows[left]} in '{left}'"
    if rows[chosen] == rows[left]:
        why += "; its name is the field's" if own_name(chosen, field) > own_name(left, field) else "; it comes first"
    return (f"column '{left}' is not read: '{chosen}' is read as the {word} ({why}); if '{left}' holds the {word}, "
            f"rename '{chosen}'")


def choose_label_columns(frame: pd.DataFrame, found: dict[str, str], aliases: dict[str, str],
                         exam: str | None = None) -> list[str]:
    """Set `found`'s column of each label field the header names several columns for (`label_column`), read against
    `exam` (`exams_read`); returns a note for each column left unread."""
    notes, exams = [], exams_read(exam)
    for field in LABEL_READERS:
        if len(candidates := label_candidates(frame.columns, aliases, field)) < 2:
            continue
        rows = {c: label_rows(frame[c][frame[c] != ""].value_counts().to_dict(), field, exams) for c in candidates}
        found[field] = label_column(rows, field)
        notes += [not_read_note(field, found[field], c, rows) for c in candidates if c != found[field]]
    return notes
