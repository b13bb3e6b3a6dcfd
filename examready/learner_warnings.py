"""What `examready run` says on stderr after its report about learner ids: roster lines naming no
learner of the warehouse (or one taken out), ids that look like a typo of another's
(examready/learner_typos.py), and ids that are the display name of an email learner in another file
(examready/learner_names.py). `examready learners` says the same from its own connection.

A run with nothing new does not open the warehouse (examready/last_run.py), and this should not
either: the warnings are kept in `.dagster/learner-warnings.json` with the size and mtime of the
warehouse and roster files, and worked out again only when one of them changed.
"""
from __future__ import annotations

from examready.kept_answer import kept_lines, warehouse_stamp
from warehouse.inbox import file_stamp

KEPT_NAME = "learner-warnings.json"  # in the workspace's .dagster folder


def _stamp(ws) -> list:
    """file_stamp of the warehouse, its WAL and the roster (None for a missing one)."""
    return [*warehouse_stamp(ws), file_stamp(ws.roster_path)]


def warnings_in(con, ws, typos: list[dict] | None = None, names: list[dict] | None = None) -> list[str]:
    """Roster lines naming no learner of the warehouse (or one taken out), then ids that look like a typo
    (`typos`: learner_typos.likely_typos already worked out), then names of email learners (`names`:
    learner_names.names_of_emails)."""
    from examready.learner_names import name_text, names_of_emails
    from examready.learner_typos import likely_typos, typo_text
    from examready.roster_learners import unknown_learners

    typos = likely_typos(con) if typos is None else typos
    names = names_of_emails(con) if names is None else names
    return ((unknown_learners(con, ws.roster, ws.roster_path) if ws.roster else []) + [typo_text(t) for t in typos]
            + [name_text(n) for n in names])


def learner_warnings(ws) -> list[str]:
    """The warnings on the warehouse and roster as they are now, kept while neither changes."""
    return kept_lines(ws, KEPT_NAME, _stamp(ws), lambda con: warnings_in(con, ws))
