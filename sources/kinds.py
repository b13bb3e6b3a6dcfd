"""Which inbox kinds a file feeds, by its format (docs/formats.md: the content decides, never the folder).

Two answers, on purpose: a file is reported and recorded under one kind (`report_kind`: `run --json`'s
`kind`, raw.file_events.kind), while the tables it writes may be of more (`kinds_fed_by`: an Anki deck's
reviews are answers, kind exams, and study time, kind hours). Both come from the adapter's KIND and
ALSO_FEEDS. The adapters (pandas) are imported when asked, so importing this module stays cheap.
"""
from __future__ import annotations


def kinds_fed_by(fmt: str | None) -> set[str]:
    """The kinds whose tables a file of this format writes; empty for no format or an unknown one."""
    from sources.registry import adapter_of

    adapter = adapter_of(fmt)
    return {adapter.KIND, *getattr(adapter, "ALSO_FEEDS", ())} if adapter else set()


def report_kind(fmt: str | None, folder: str) -> str:
    """The one kind a file is reported and recorded under: its adapter's KIND (`inspect` says the same);
    its folder's kind when it has no known format (a rejected file)."""
    if fmt is None:  # without importing the adapters
        return folder
    from sources.registry import adapter_of

    adapter = adapter_of(fmt)
    return adapter.KIND if adapter else folder


def fits_folder(fmt: str | None, folder: str) -> bool:
    """A file of this format sits in a folder it belongs in: `inbox/<folder>` is of a kind the format feeds
    (an Anki deck: exams or hours). No format (unreadable, or read by none): it does, as far as we know."""
    return fmt is None or folder in kinds_fed_by(fmt)
