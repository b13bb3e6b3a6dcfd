"""Files no longer in the inbox whose version that counts an older examready read (older READING_RULES, perhaps with
ids the current rules would not give). A renamed one, its bytes now at another inbox path, is read again there: its
old name is withdrawn (as `forget` does) before the inbox is read, so its content counts once, by this version's
rules, under its new name. Any other cannot be read again, and is said."""
from __future__ import annotations

import shlex

from warehouse import ledger, loaded_before
from warehouse.connection import transaction
from warehouse.inbox import InboxFile


def settle_gone_by_older_rules(con, learner_id: str, files: list[InboxFile], run_id: str,
                               versions: list | None = None) -> list[str]:
    """Withdraw each renamed such file's old name (one transaction); the stderr lines of both kinds. `versions`:
    ledger.current_versions, when the caller has them."""
    versions = ledger.current_versions(con, learner_id) if versions is None else versions
    own = {path for path, *_ in versions}
    present = {f.relative for f in files}
    older = set(loaded_before.counted_by_older_rules(con, learner_id, [p for p in own if p not in present]))
    new_paths: dict[str, str] = {}  # bytes -> the first inbox path (in load order) without a version of its own
    for file in files:
        if file.relative not in own:
            new_paths.setdefault(file.sha256, file.relative)
    renamed = [(path, kind, fmt, sha) for path, kind, fmt, sha in versions if path in older and sha in new_paths]
    if renamed:
        with transaction(con):
            for path, kind, fmt, sha in renamed:
                ledger.record(con, ledger.FileReport(path, kind, fmt, "withdrawn"), sha, learner_id, run_id, None)
    said = [f"examready: {path} was renamed to {new_paths[sha]} and an older version of examready read it: this run "
            f"reads it again by this version's rules, under its new name (the old name no longer counts, so nothing "
            f"counts twice; raw keeps its rows)" for path, _, _, sha in renamed]
    return said + [f"examready: {path} is no longer in the inbox and still counts as an older version of examready "
                   f"read it (its learner or attempt ids may differ from what this version gives): a new export of it "
                   f"may count twice; `examready forget {shlex.quote(path)}` stops counting it"
                   for path in sorted(older - {path for path, *_ in renamed})]
