"""The workspace's own learner renamed in examready.yaml (`learner_id: sam`, later `samuel`): the rows loaded for an
earlier id become the new id's, once, as the next run starts. Before, that run read every file again under the
new id while the old id's rows kept counting: one person became two learners with the same mocks, and `forget`
withdrew a file for the new id alone.

Every load is recorded for the workspace's own learner as it was then (raw.file_events.learner_id), whoever its
rows name, so an earlier id there is this workspace's learner under another name: the ledger's tables (file events,
quarantine, validation results) take the new id. Of the rows, only a load's whose every row is the earlier id's (the
learner's own export) do: a class file's rows name their people, and a student who was the workspace's learner keeps
hers. raw.learner_events (learners taken out of a class) is about those and is left alone.
"""
from __future__ import annotations

from warehouse.connection import transaction

LEDGER_TABLES = ("file_events", "quarantine", "validation_results")  # keyed by the workspace's learner of the load
KEYED_TABLES_SQL = """
SELECT c.table_name FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = 'raw' AND c.column_name = 'learner_id' AND t.table_type = 'BASE TABLE'
  AND c.table_name <> 'learner_events'
ORDER BY c.table_name"""


def earlier_ids(con, learner: str) -> list[str]:
    """The workspace's own learner's earlier ids: those files were loaded for, other than `learner`."""
    return [r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.file_events WHERE learner_id <> ? "
                                      "ORDER BY learner_id", [learner]).fetchall()]


def quoted_ids(ids: list[str]) -> str:
    """"'sam' and 'sam2'": the earlier ids as messages name them."""
    return " and ".join(f"'{learner_id}'" for learner_id in ids)


def take_over_earlier_ids(con, learner: str) -> str | None:
    """Re-key every raw row of the earlier ids to `learner` (one transaction); what `run` says of it, or None."""
    earlier = earlier_ids(con, learner)
    if not earlier:
        return None
    tables = [r[0] for r in con.execute(KEYED_TABLES_SQL).fetchall()]
    own_loads = ("" if table in LEDGER_TABLES else  # a load's rows, when every one of them is the earlier id's
                 " AND load_id IN (SELECT load_id FROM raw.{0} GROUP BY load_id "
                 "HAVING bool_and(list_contains($old, learner_id)))" for table in tables)
    with transaction(con):
        for table, own in zip(tables, own_loads):
            con.execute(f"UPDATE raw.{table} SET learner_id = $new WHERE list_contains($old, learner_id)"
                        + own.format(table), {"new": learner, "old": earlier})
    quoted = quoted_ids(earlier)
    return (f"examready: the workspace's learner is now '{learner}' (examready.yaml's learner_id; it was {quoted}): "
            f"what was loaded for {quoted} is '{learner}'s from this run on, so no file counts twice")
