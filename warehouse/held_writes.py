"""A batch of notes' writes held until its commit (warehouse/notes_batch.py): every note's staged rows and ledger
row go into raw in one statement per table for the batch. A DuckDB statement costs ~0.5-1.5 ms however few its
rows, and each note paid four: its sections, its validation results, its ledger row and the ledger's latest stamp."""
from __future__ import annotations

from datetime import datetime

from warehouse import ledger
from warehouse.connection import values_rows
from warehouse.load_clock import stamp_after


class HeldWrites:
    """The loads of a batch's notes, held: `flush` them inside its transaction, before its COMMIT; `discard` them
    with its ROLLBACK. Nothing reads a held note's rows before then: any other file commits the batch first."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = {}  # raw table -> [{"_key": path, **extra}], staged under that path
        self.ledger_rows: list[dict] = []
        self.asked: tuple[datetime | None] | None = None  # raw.file_events' latest stamp, asked once a batch

    def staged_rows(self, table: str, key: str, extra: dict) -> None:
        """Write the rows staged under `key` (`raw_rows.stage_rows`) with `extra` columns, at `flush`."""
        self.rows.setdefault(table, []).append({"_key": key, **extra})

    def ledger_row(self, row: dict) -> None:
        """Append a raw.file_events row (`ledger.record`'s) at `flush`."""
        self.ledger_rows.append(row)

    def next_stamp(self, con) -> datetime:
        """`load_clock.next_stamp` of raw.file_events with the held ledger rows in it."""
        if self.asked is None:
            self.asked = (con.execute("SELECT max(recorded_at) FROM raw.file_events").fetchone()[0],)
        stamps = [s for s in (*self.asked, *(r["recorded_at"] for r in self.ledger_rows)) if s is not None]
        return stamp_after(max(stamps, default=None))

    def flush(self, con) -> None:
        """Write what is held, in the order it was held (each note's rows in their staged order)."""
        for table, held in self.rows.items():
            names = list(held[0])  # every load of a table has the same extra columns
            con.execute(f"INSERT INTO raw.{table} BY NAME SELECT s.* EXCLUDE (_key), h.* EXCLUDE (_key, _order) "
                        f"FROM staged_{table} s JOIN (VALUES {values_rows(len(held), len(names) + 1)}) "
                        f"h({', '.join(names)}, _order) "
                        "ON h._key = s._key ORDER BY h._order, s.rowid",
                        [value for order, row in enumerate(held) for value in (*(row[n] for n in names), order)])
        ledger.insert_rows(con, self.ledger_rows)
        self.discard()

    def discard(self) -> None:
        self.rows, self.ledger_rows, self.asked = {}, [], None
