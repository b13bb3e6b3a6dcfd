"""Inbox files with the same bytes as another (a copy in another folder, `file (1).csv`): loaded once.

The ledger reports such a copy `unchanged` (the same bytes give the same rows: counting both would
double them); its report names the path whose load counts (`same_as`), so `run` can say so on every
run where both exist. Of copies new together, the one in the folder its format belongs to loads
first, so it is the one that counts. A copy whose counted twin got other bytes since is loaded.
"""
from __future__ import annotations

from collections import Counter

from sources.kinds import report_kind
from warehouse import ledger, loaded_before
from warehouse.inbox import InboxFile


def _fits_folder(file: InboxFile) -> bool:
    """The file's format feeds the kind of the folder it sits in (unreadable: as if it did)."""
    from sources.kinds import fits_folder
    from sources.registry import detect

    try:
        adapter = detect(file.path)
    except Exception:  # noqa: BLE001  (unreadable or odd input: ingestion reports it)
        return True
    return fits_folder(adapter.FORMAT if adapter else None, file.kind)


def load_order(files: list[InboxFile]) -> list[InboxFile]:
    """The files in scan order, except that a copy outside its format's folder comes after the others."""
    twins = {sha for sha, n in Counter(f.sha256 for f in files).items() if n > 1}
    later = [f for f in files if f.sha256 in twins and not _fits_folder(f)]
    return [f for f in files if f not in later] + later


def settle(con, learner_id: str, files: list[InboxFile], reports: list, read_again) -> None:
    """Name, on each `unchanged` report, the other path whose load counts for its bytes (`same_as`);
    read again (`read_again(file)`, a new report) a copy whose counted twin changed meanwhile; give
    every report the one kind its format is recorded under (`sources.kinds.report_kind`)."""
    own = {path for path, *_ in ledger.current_versions(con, learner_id)}
    by_path = {f.relative: f for f in files}
    for i, report in enumerate(reports):
        if report.status == "unchanged" and report.path not in own and report.path in by_path:
            file = by_path[report.path]
            other = loaded_before.counted_elsewhere(con, learner_id, file.relative, file.sha256)
            if other is None:  # its twin was replaced by other bytes in this run: these rows count again
                report = reports[i] = read_again(file)
            report.same_as = other
        report.kind = report_kind(report.format, report.kind)
