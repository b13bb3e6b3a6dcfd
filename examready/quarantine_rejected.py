"""The files `quarantine` lists as rejected: those whose bytes now in the inbox were rejected."""
from __future__ import annotations

from pathlib import Path

# Each (path, bytes)'s latest ledger row: a rejection counts only while no later row settled those bytes.
REJECTED = """SELECT path, sha256, error FROM raw.file_events WHERE learner_id = ?
    QUALIFY row_number() OVER (PARTITION BY path, sha256 ORDER BY recorded_at DESC, load_id DESC NULLS LAST) = 1
        AND status = 'rejected'"""


def current_rejections(con, learner_id: str, inbox: Path) -> list[dict]:
    """[{path, error, still_counts}] of inbox files whose current bytes (with companions, as the ledger hashes
    them) were rejected and not loaded since (`still_counts`: a version of the path loaded before counts);
    not a rejection of bytes the file no longer holds (changed, then put back to the version that counts:
    `run` reports it `unchanged`)."""
    from warehouse.inbox import file_identity
    from warehouse.inbox_names import inbox_path, stored_error
    from warehouse.ledger import current_versions

    found = con.execute(f"{REJECTED} ORDER BY path", [learner_id]).fetchall()
    now = {path: _identity(inbox_path(inbox, path), file_identity) for path in {p for p, _, _ in found}}
    counting = {path for path, *_ in current_versions(con, learner_id)}  # a version loaded before still counts
    return [{"path": path, "error": stored_error(error, inbox, path) if error else error,
             "still_counts": path in counting} for path, sha, error in found if now[path] == sha]


def _identity(path: Path, file_identity) -> str | None:
    """The file's ledger hash now (a link to nothing has one); None when it is not in the inbox."""
    try:
        return file_identity(path) if path.is_file() or path.is_symlink() else None
    except OSError:
        return None
