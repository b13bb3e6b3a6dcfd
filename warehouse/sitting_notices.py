"""What `run` says of a loaded file's sittings, on both ingestion paths (`warehouse.ingest`, `warehouse.bulk_ingest`)."""
from __future__ import annotations

from warehouse.copied_rows import copied_rows_notice
from warehouse.smaller_reexports import smaller_reexport_notice
from warehouse.twin_sittings import twin_notice


def sitting_notices(con, path: str, load_id: str, table: str, replaced: bool, learner_id: str) -> list[str]:
    """The stderr lines for a load's sittings (`table`: 'answers' or 'domain_scores'): held in the other kind of
    export too, the same rows as another file's, and (a new version of the file) a re-export smaller than the one
    it replaces."""
    notices = [twin_notice(con, path, load_id, table), copied_rows_notice(con, path, load_id, table)]
    if replaced:
        notices.append(smaller_reexport_notice(con, path, load_id, table, learner_id))
    return [notice for notice in notices if notice]
