"""Where a loaded file no longer in the inbox went: the inbox path now holding its bytes. One rule for
`run` (the job run, whose answer the no-op run repeats from `last_run`) and for `quarantine`."""
from __future__ import annotations

from pathlib import Path


def renamed_to(inbox: Path, versions: list, gone: list[str], paths: list[str]) -> dict[str, str]:
    """{path of `gone` (loaded, no longer in the inbox): the one of the inbox `paths` with its content};
    `versions` as warehouse.ledger.current_versions gives them. A path with a loaded version of its
    own is no such copy: only the others are hashed. Of several copies, `counting_copy` names one."""
    from warehouse.inbox import file_identity

    if not gone:
        return {}
    own = {path for path, *_ in versions}
    gone_by_hash = {sha: (path, fmt) for path, _kind, fmt, sha in versions if path in gone}
    copies: dict[tuple[str, str], list[str]] = {}
    for path in paths:
        if path in own:
            continue
        try:
            old = gone_by_hash.get(file_identity(inbox / path))
        except OSError:
            continue
        if old:
            copies.setdefault(old, []).append(path)
    return {old: counting_copy(sorted(found), fmt) for (old, fmt), found in copies.items()}


def counting_copy(paths: list[str], fmt: str | None) -> str:
    """Of inbox paths with the same bytes, of format `fmt`, the one warehouse.same_bytes loads first
    (so the one that counts): the first in a folder its format belongs in, else the first."""
    from sources.kinds import fits_folder

    return next((p for p in paths if fits_folder(fmt, p.split("/", 1)[0])), paths[0])
