"""Markdown notes are validated a batch at a time (warehouse/notes_batch.py, validation.validate_batches): one
Great Expectations run per 100 notes instead of one per note (a 1,500-note vault's first run: 102 s -> 56 s),
with the same rows loaded, held back and recorded as when each note is validated alone."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sources.markdown_notes import parse
from warehouse import notes_batch
from warehouse.validation import validate_batch, validate_batches
from tests.helpers_workspace import ingest, new_workspace

NOW = pd.Timestamp("2026-12-04 12:00").to_pydatetime()
FUTURE = "---\ndate: 2027-0{m}-01\n---\n# Glue\n\nCrawlers.\n\n## Jobs\n\nSpark ETL.\n"


def _notes(tmp_path) -> dict[str, str]:
    return {"athena.md": "# Athena\n\nServerless SQL over S3.\n", "future1.md": FUTURE.format(m=1),
            "empty.md": "", "plain.md": "Kinesis shards and Event Bridge rules.\n", "future2.md": FUTURE.format(m=2),
            "levels.md": "# EMR\n\n## Use cases\n\nSpark.\n\n### Limits\n\nCore nodes.\n",
            "secret.md": "---\ntitle: Keys\n---\n# IAM\n\nkey AKIAIOSFODNN7EXAMPLE in a policy.\n\n## KMS\n\nCMKs.\n"}


@pytest.mark.parametrize("one_names_a_learner", [False, True])
def test_each_frame_validates_as_alone(tmp_path, one_names_a_learner):
    frames = []
    for name, text in _notes(tmp_path).items():
        (tmp_path / name).write_text(text)
        frame = parse(tmp_path / name)["note_sections"]
        frames.append(frame.assign(line_row=frame.groupby("line").cumcount().astype("int64")))
    if one_names_a_learner:  # frames of different columns are typed one by one (validation._typed_together)
        frames[1] = frames[1].assign(learner_id="sam")
    assert len({tuple(f.columns) for f in frames}) == (2 if one_names_a_learner else 1)
    together = validate_batches("note_sections", frames, NOW, [1, 2, 3, 4])
    assert sum(len(failures) for failures, _ in together) == 4  # the two future notes' two sections each
    for frame, (failures, results) in zip(frames, together):
        alone_failures, alone_results = validate_batch("note_sections", frame, NOW, [1, 2, 3, 4])
        pd.testing.assert_frame_equal(failures.reset_index(drop=True), alone_failures.reset_index(drop=True),
                                      check_dtype=False)
        pd.testing.assert_frame_equal(results.reset_index(drop=True), alone_results.reset_index(drop=True),
                                      check_dtype=False)


def _rows(db) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(repr(r).replace(str(db.parent), "W").replace(str(db.parent).replace("/", "\\\\/"), "W") for r in
                          con.execute(f"SELECT * EXCLUDE (load_id) FROM raw.{t}").fetchall())
                for t in ("note_sections", "quarantine", "validation_results")}
    finally:
        con.close()


def _workspace_of_notes(tmp_path, name: str):
    """A new workspace with _notes, a CSV export under notes/ and a copy of a note under another folder (new
    with its twin, in the same batch: counted once)."""
    ws = new_workspace(tmp_path / name)
    for note, text in _notes(tmp_path).items():
        (ws.inbox / "notes" / note).write_text(text)
    (ws.inbox / "notes" / "export.md").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                                  "m1,2026-11-20 10:00,1,D1,true\n")  # a CSV export
    (ws.inbox / "notes" / "copies").mkdir()
    (ws.inbox / "notes" / "copies" / "athena.md").write_text(_notes(tmp_path)["athena.md"])
    return ws


@pytest.mark.parametrize("per_batch", [2, 100])
def test_a_run_loads_what_note_by_note_loads(tmp_path, monkeypatch, per_batch):
    built = {}
    for how in ("batched", "alone"):
        ws = _workspace_of_notes(tmp_path, how)
        monkeypatch.setattr(notes_batch, "NOTES_PER_BATCH", per_batch if how == "batched" else 0)
        reports = ingest(ws)
        built[how] = ({r.path: (r.status, r.rows_loaded, r.rows_quarantined) for r in reports}, _rows(ws.db_path))
    assert built["batched"] == built["alone"]
    statuses, rows = built["batched"]
    assert statuses["notes/future1.md"] == ("loaded", 0, 2) and statuses["notes/export.md"][1] == 1
    assert statuses["notes/copies/athena.md"] == ("unchanged", 0, 0)
    assert len(rows["quarantine"]) == 4 and len(rows["note_sections"]) == 11


def test_notes_mapped_together_are_each_as_mapped_alone(tmp_path):
    from sources.blueprint import load_blueprint
    from warehouse.inbox import scan_inbox
    from warehouse.ingest import mapped_table

    ws = new_workspace(tmp_path / "ws")
    for name, text in _notes(tmp_path).items():
        (ws.inbox / "notes" / name).write_text(text)
    bp = load_blueprint("DEA-C01")
    wanted = [(file, None, parse(file.path)) for file in scan_inbox(ws.inbox)]  # (file, adapter, tables)
    ahead = notes_batch.NotesAhead(None, [], bp, "me", parse, NOW, None, None)
    together = ahead._mapped(wanted)
    assert sum(masked for _, masked in together) == 1  # the access key
    for (file, _, tables), (frame, masked) in zip(wanted, together):
        alone, alone_masked = mapped_table("note_sections", tables["note_sections"], file, bp, NOW)
        pd.testing.assert_frame_equal(frame, alone)
        assert masked == alone_masked, file.relative


@pytest.mark.parametrize("per_batch", [100, 0])  # 0: note by note, as ingest_file reads any other file
def test_a_moved_note_whose_old_path_is_forgotten_keeps_its_place(tmp_path, monkeypatch, per_batch):
    """A batch asks its notes' latest loads and the paths their bytes were loaded at once, before any is loaded
    (ledger.latest_loads, ledger.loaded_at): a note moved to another folder (same bytes, same name: the same note)
    counts under its old path until that is forgotten, then loads under the new one 1 µs after its old load
    (ledger.uncounted_load), batched as alone."""
    from examready.cmd_forget import forget
    from warehouse.connection import open_warehouse

    monkeypatch.setattr(notes_batch, "NOTES_PER_BATCH", per_batch)
    ws = new_workspace(tmp_path / "ws")
    notes = ws.inbox / "notes"
    for name, text in _notes(tmp_path).items():
        (notes / name).write_text(text)
    ingest(ws)
    (notes / "aws").mkdir()
    (notes / "athena.md").rename(notes / "aws" / "athena.md")
    (notes / "levels.md").write_text("# EMR\n\nSpark on EMR.\n")
    moved = {r.path: (r.status, r.same_as) for r in ingest(ws) if r.status != "unchanged" or r.same_as}
    assert moved == {"notes/aws/athena.md": ("unchanged", "notes/athena.md"), "notes/levels.md": ("replaced", None)}
    with open_warehouse(ws.db_path) as con:
        forget(con, ws, ["notes/athena.md"])
    assert {r.path: r.status for r in ingest(ws) if r.status != "unchanged"} == {"notes/aws/athena.md": "loaded"}
    with open_warehouse(ws.db_path) as con:
        new, old = con.execute("SELECT recorded_at FROM raw.file_events WHERE path IN ('notes/athena.md', "
                               "'notes/aws/athena.md') AND status = 'loaded' ORDER BY path DESC").fetchall()
    assert (new[0] - old[0]).total_seconds() == 1e-6


@pytest.mark.parametrize("per_batch", [2, 100])
def test_a_rerun_reports_what_note_by_note_reports(tmp_path, monkeypatch, per_batch):
    """A note whose path's latest load is its bytes is reported unchanged with its batch's answers (no look-up of
    its own, ingest_file not called), with the format, kind and counts ingest_file gives it note by note."""
    built = {}
    for how in ("batched", "alone"):
        ws = _workspace_of_notes(tmp_path, how)
        monkeypatch.setattr(notes_batch, "NOTES_PER_BATCH", per_batch if how == "batched" else 0)
        ingest(ws)
        (ws.inbox / "notes" / "levels.md").write_text("# EMR\n\nSpark on EMR.\n")
        reports = ingest(ws)
        built[how] = {r.path: (r.status, r.kind, r.format, r.same_as, r.rows_in, r.rows_loaded) for r in reports}
    assert built["batched"] == built["alone"]
    assert built["batched"]["notes/export.md"][:3] == ("unchanged", "exams", "per_question_csv")
    assert built["batched"]["notes/athena.md"][:3] == ("unchanged", "notes", "markdown_notes")
    assert built["batched"]["notes/levels.md"][0] == "replaced"
    assert built["batched"]["notes/copies/athena.md"][0] == "unchanged"


@pytest.mark.parametrize("failing", ["a note's load", "the batch's writes"])
def test_a_batch_loads_all_or_nothing_and_a_rerun_completes_it(tmp_path, monkeypatch, failing):
    """A batch's notes are loaded in one transaction (warehouse.connection.SharedTransaction), their rows and ledger
    rows written together before its commit (warehouse.held_writes): a failure while loading one, or while writing
    them, leaves the batches before it loaded and none of its own notes, rows or ledger rows; the next run loads the
    rest, each note once, as a run without the failure does."""
    from warehouse.connection import open_warehouse
    from warehouse.held_writes import HeldWrites

    monkeypatch.setattr(notes_batch, "NOTES_PER_BATCH", 3)
    texts = {f"n{i}.md": f"# Glue {i}\n\nCrawler {i}.\n\n## Athena {i}\n\nQueries.\n" for i in range(7)}
    built = {}
    for how in ("failing", "clean"):
        ws = new_workspace(tmp_path / how)
        for name, text in texts.items():
            (ws.inbox / "notes" / name).write_text(text)
        if how == "failing":
            keys, staged_rows, flush = [], HeldWrites.staged_rows, HeldWrites.flush

            def fifth_note_fails(writes, table, key, extra):
                keys.append(key)
                if len(set(keys)) == 5 and failing == "a note's load":  # the second note of the second batch
                    raise OSError("disk full")
                staged_rows(writes, table, key, extra)

            def second_batch_fails(writes, con):
                if len(set(keys)) == 6 and failing == "the batch's writes":  # the second batch's three notes
                    raise OSError("disk full")
                flush(writes, con)

            monkeypatch.setattr(HeldWrites, "staged_rows", fifth_note_fails)
            monkeypatch.setattr(HeldWrites, "flush", second_batch_fails)
            with pytest.raises(OSError, match="disk full"):
                ingest(ws)
            with open_warehouse(ws.db_path) as con:
                assert con.execute("SELECT count(DISTINCT path), count(*) FROM raw.file_events").fetchone() == (3, 3)
                assert con.execute("SELECT count(*) FROM raw.note_sections").fetchone()[0] == 6
            monkeypatch.setattr(HeldWrites, "staged_rows", staged_rows)
            monkeypatch.setattr(HeldWrites, "flush", flush)
        statuses = {r.path: r.status for r in ingest(ws)}
        built[how] = (sorted(statuses.items()), _rows(ws.db_path))
    failing_statuses, rows = built["failing"]
    assert [s for _, s in failing_statuses].count("unchanged") == 3 and len(rows["note_sections"]) == 14
    assert rows == built["clean"][1]
