"""Which assets a run must rebuild when only some kinds of inbox file changed since the last clean run.

A file's kinds here are those its *format* feeds (`sources.kinds.kinds_fed_by`: detected from the content,
never from the name or folder): a per-question CSV dropped in inbox/hours feeds the exams tables.
"""
from __future__ import annotations

# The tables only one inbox kind feeds; the other raw tables (the ledger, quarantine, validation
# results) and staging.current_loads take rows from every kind.
KIND_TABLES = {"exams": ("raw.answers", "raw.domain_scores", "staging.answer_exports", "staging.answers",
                         "staging.domain_scores"),
               "hours": ("raw.study_sessions", "staging.study_entries", "staging.study_sessions"),
               "notes": ("raw.note_sections", "staging.note_sections")}
# The exam blueprint's tables change only with the code or the settings.
BLUEPRINT_TABLES = ("staging.exam_domains", "staging.exam_tasks", "staging.exam_services")


def stale_assets(asset_graph, changed_kinds: set[str]) -> list:
    """The assets (dg.AssetKey) whose tables can differ after new files of `changed_kinds` are ingested.

    A kind's own raw and staging tables are filtered to that kind's loads, so the tables of an
    unchanged kind keep their rows (same day, same code and settings: the caller checks that);
    any other asset is rebuilt when it reads at least one rebuilt asset.
    """
    import dagster as dg

    kept = [t for kind, tables in KIND_TABLES.items() if kind not in changed_kinds for t in tables]
    unchanged = {dg.AssetKey(t.split(".")) for t in [*kept, *BLUEPRINT_TABLES]}
    stale: set[dg.AssetKey] = set()
    for key in asset_graph.toposorted_asset_keys:
        parents = asset_graph.get(key).parent_keys
        if key not in unchanged and (not parents or parents & stale):
            stale.add(key)
    return sorted(stale, key=lambda k: k.to_user_string())
