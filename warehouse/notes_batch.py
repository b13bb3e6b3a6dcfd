"""Markdown notes parsed a batch ahead of the run's loop and validated together (one Great Expectations run
per NOTES_PER_BATCH notes instead of one per note), their rows copied into DuckDB together (`raw_rows.stage_rows`)
and loaded in one transaction (`loads`: each note's rows with its ledger row, the batch's notes together)."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from warehouse import ledger, loaded_before
from warehouse.connection import SharedTransaction
from warehouse.held_writes import HeldWrites
from warehouse.inbox_names import utf8_name
from warehouse.validation import numbered_in_line, validate_batches

NOTES_PER_BATCH = 100  # a batch takes a few seconds: the run's progress still moves


class Ready(NamedTuple):
    """A note prepared ahead, as `ingest.ingest_file` takes it."""
    adapter: object
    tables: dict
    prepared: dict       # {table: (frame, secrets masked, failures, results)}
    staged: frozenset    # the tables whose rows of it are staged for writing (`raw_rows.stage_rows`)
    latest: tuple | None  # its path's `ledger.latest_load`, asked with its batch's (nothing loads the path between)
    new_bytes: bool      # its bytes were loaded at no path when its batch was asked: no `ledger.uncounted_load`
    writes: HeldWrites   # its batch's writes: its staged rows and ledger row are written with them


class NotesAhead:
    """The notes of `files` a run will read, prepared NOTES_PER_BATCH at a time as the loop reaches them."""

    def __init__(self, con, files, bp, learner_id: str, parse, now, zone, due):
        self.con, self.files, self.bp, self.learner_id = con, files, bp, learner_id
        self.parse, self.now, self.zone, self.due = parse, now, zone, due or {}
        self.considered: set[str] = set()
        self.prepared: dict[str, Ready] = {}
        self.unchanged: dict[str, str] = {}  # path -> format: notes whose path's latest load is these bytes
        self.loads = SharedTransaction(con)  # the prepared notes' loads, committed a batch at a time
        self.writes = HeldWrites()  # their rows and ledger rows, written together before that commit

    def ready(self, index: int) -> Ready | None:
        """files[index] prepared if it is a note prepared ahead, else None (read as ever). A prepared note's load
        joins its batch's transaction; any other file, or the next batch's preparation, commits it first."""
        file = self.files[index]
        if file.kind == "notes" and file.relative not in self.considered:
            self.commit()
            self._prepare_from(index)
        found = self.prepared.pop(file.relative, None)
        if found:
            self.loads.begin()
        else:
            self.commit()
        return found

    def commit(self) -> None:
        """Write the held loads of the batch and commit them (if a batch is open)."""
        self.writes.flush(self.con)
        self.loads.commit()

    def rollback(self) -> None:
        """Called while an error is raised: the batch's loads so far are dropped, held or written."""
        self.writes.discard()
        self.loads.rollback()

    def unchanged_report(self, file) -> ledger.FileReport | None:
        """The report of a note found unchanged with its batch (its path's latest load is these bytes, read by
        the current READING_RULES: what ingest_file would ask again); None for any other file."""
        fmt = self.unchanged.pop(file.relative, None)
        return None if fmt is None else ledger.FileReport(file.relative, file.kind, fmt, "unchanged")

    def _wanted(self, file, latest: tuple | None, loaded_at: set[str], read: tuple | None) -> tuple | None:
        """(adapter, tables) of a Markdown note the run will read; None for any other file, any problem
        (`ingest_file` then reads it as ever, and reports what is wrong) or a note unchanged. `latest`: its
        path's `ledger.latest_load`; `loaded_at`: the paths its bytes were loaded at; `read`: its latest load's
        (rules, format) (`loaded_before.loads_read`)."""
        from sources import markdown_notes
        from sources.registry import detect

        if not utf8_name(str(file.path)):
            return None
        if file.relative not in self.due and latest is not None:  # is_unchanged, with the batch's answers
            if loaded_before.read_as_now(latest, file.sha256, lambda _: (read or (0, None))[0]):
                self.unchanged[file.relative] = read[1]
                return None
        # new bytes at a new path are counted nowhere: is_unchanged would ask, and find none (counted_elsewhere)
        elif file.relative not in self.due and (loaded_at - {file.relative}) and loaded_before.is_unchanged(
                self.con, self.learner_id, file.relative, file.sha256, latest):
            return None
        try:
            if detect(file.path) is not markdown_notes:
                return None
            adapter, tables = self.parse(file.path)
        except Exception:
            return None
        return (adapter, tables) if list(tables) == ["note_sections"] else None

    def _mapped(self, wanted: list[tuple]) -> list[tuple]:
        """Each note's (sections, secrets masked) as `ingest.mapped_table` gives them, numbered, dated, mapped and
        masked as one frame: pandas' fixed cost per call (~8 ms a note for mapping and masking) is paid once."""
        from warehouse.ingest import note_day, with_note_dates
        from warehouse.mapping import map_note_sections
        from warehouse.secrets import mask_frame

        notes = [tables["note_sections"] for _, _, tables in wanted]
        out = [(with_note_dates(numbered_in_line(frame), file.path, self.now, self.zone), 0) if frame.empty else None
               for (file, *_), frame in zip(wanted, notes)]  # an empty note: as mapped_table leaves it
        kept = [i for i, frame in enumerate(notes) if not frame.empty]
        if kept:
            together = pd.concat([notes[i].assign(_note=i) for i in kept], ignore_index=True)
            days = together["_note"].map({i: note_day(wanted[i][0].path, self.now, self.zone) for i in kept})
            together = numbered_in_line(together, within=("_note",)).assign(
                note_date=pd.to_datetime(together["note_date"]).fillna(days))
            together, _ = mask_frame("note_sections", map_note_sections(together, self.bp))
            notes_of_rows = together["_note"].to_numpy()  # each note's rows together, in the order of `kept`
            starts = np.flatnonzero(np.r_[True, notes_of_rows[1:] != notes_of_rows[:-1]])
            if notes_of_rows[starts].tolist() != kept:  # then each note is mapped alone (_prepare_from)
                raise ValueError("a batch's rows are no longer note after note")
            together = together.drop(columns="_note")
            for i, start, end in zip(kept, starts, [*starts[1:], len(together)]):
                frame = together.iloc[start:end].reset_index(drop=True)
                out[i] = (frame, int(frame["secrets_masked"].sum()))
        return out

    def _prepare_from(self, index: int) -> None:
        """Prepare the next NOTES_PER_BATCH notes from files[index] on not considered yet, validated as one batch."""
        from warehouse.ingest import mapped_table

        notes = [f for f in self.files[index:] if f.kind == "notes" and f.relative not in self.considered]
        latest = ledger.latest_loads(self.con, self.learner_id, [f.relative for f in notes])
        loaded_at = ledger.loaded_at(self.con, self.learner_id, list({f.sha256 for f in notes}))
        read = loaded_before.loads_read(self.con, [load[2] for load in latest.values() if load[2] is not None])
        wanted = []
        for file in notes:
            if len(wanted) == NOTES_PER_BATCH:
                break
            self.considered.add(file.relative)
            if file.sha256 in {f.sha256 for f, *_ in wanted}:
                continue  # a copy of a note new in this batch: read as ever, it is found counted under its twin
            load = latest.get(file.relative)
            found = self._wanted(file, load, loaded_at.get(file.sha256, set()), read.get(load[2]) if load else None)
            if found:
                wanted.append((file, *found))
        try:
            mapped = self._mapped(wanted)
        except Exception:  # each is then mapped alone: one that fails is read by ingest_file, which reports it
            mapped = []
            for file, _, tables in wanted:
                try:
                    mapped.append(mapped_table("note_sections", tables["note_sections"], file, self.bp, self.now,
                                               self.zone))
                except Exception:
                    mapped.append(None)
        picked = [(*note, done) for note, done in zip(wanted, mapped) if done is not None]
        try:
            checked = validate_batches("note_sections", [frame for *_, (frame, _) in picked], self.now,
                                       [d.id for d in self.bp.domains])
        except Exception:  # each is then validated alone, and a failure reported on its file
            return
        staged = self._staged(picked, checked)
        for (file, adapter, tables, (frame, masked)), (failures, results) in zip(picked, checked):
            self.prepared[file.relative] = Ready(adapter, tables, {"note_sections": (frame, masked, failures, results)},
                                                 staged, latest.get(file.relative), file.sha256 not in loaded_at,
                                                 self.writes)

    def _staged(self, picked: list[tuple], checked: list[tuple]) -> frozenset:
        """The tables whose rows of the batch's notes are staged for writing, each note's under its path: the
        sections and validation results (the quarantine, rarely written, is written from its frame)."""
        from warehouse.raw_rows import stage_rows

        if not picked:
            return frozenset()
        paths = [file.relative for file, *_ in picked]
        try:
            stage_rows(self.con, "note_sections", {p: frame for p, (*_, (frame, _)) in zip(paths, picked)},
                       {"load_id", "learner_id"})
            stage_rows(self.con, "validation_results", {p: results for p, (_, results) in zip(paths, checked)},
                       {"load_id", "learner_id", "path"})
        except Exception:  # each note's rows are then written from its frames, as ever
            return frozenset()
        return frozenset({"note_sections", "validation_results"})
