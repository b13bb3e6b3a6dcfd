"""Files still in the inbox that a run loaded before and the rules now leave out (a vault's templates folder once
its settings name it, read before this version knew them): they no longer count, as if forgotten (raw keeps their
rows). `forget` refuses a file still in the inbox, and the run no longer reads it: nothing else would take it back."""
from __future__ import annotations

from pathlib import Path

from warehouse import ledger
from warehouse.connection import transaction
from warehouse.inbox import INBOX_KINDS, InboxFile
from warehouse.inbox_rules import REASONS, left_out


def settle_left_out(con, learner_id: str, inbox: Path, files: list[InboxFile], versions: list,
                    run_id: str) -> list[str]:
    """Withdraw each such file's version that counts (of `versions`, ledger.current_versions) not among the inbox's
    `files` (one transaction); a stderr line for each."""
    found, vaults, read = [], {}, {file.relative for file in files}
    for path, kind, fmt, sha in versions:
        top = path.split("/", 1)[0]
        if path not in read and top in INBOX_KINDS and ((inbox / path).exists() or (inbox / path).is_symlink()) \
                and (reason := left_out(inbox / path, inbox / top, top == "notes", vaults)):
            found.append((path, kind, fmt, sha, reason))
    if found:
        with transaction(con):
            for path, kind, fmt, sha, _ in found:
                ledger.record(con, ledger.FileReport(path, kind, fmt, "withdrawn"), sha, learner_id, run_id, None)
    return [f"examready: {path} is now left out ({REASONS[reason]}, docs/formats.md 'Not read at all'); it was "
            f"loaded before: its rows no longer count (raw keeps them)" for path, *_, reason in found]
