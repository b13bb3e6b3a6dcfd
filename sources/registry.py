"""Which adapter reads a file: decided by the file's content, never by its name alone."""
from __future__ import annotations

import errno
import io
import os
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pandas as pd

from sources import (anki, clockify, domain_summary_csv, markdown_notes, moodle, moodle_question_map,
                     per_question_csv, plain_hours, toggl)
from sources.canonical import FormatError
from sources.format_hints import looks_binary, unknown_format
from sources.csv_layout import header_below_title, header_head, sep_line, text_lines
from sources.csvread import NUL_HINT, NUL_REASON, nul_line
from sources.text_decode import decode

HEAD_BYTES = 64 * 1024
ADAPTERS: list[ModuleType] = [per_question_csv, domain_summary_csv, moodle, moodle_question_map, anki,
                              toggl, clockify, plain_hours, markdown_notes]
CSV_ADAPTERS = [a for a in ADAPTERS if a not in (anki, markdown_notes)]  # detected by their header row
# adapters whose parse takes the learner's time zone: Anki's times are instants, the others' may be ('…Z')
ZONED = (per_question_csv, domain_summary_csv, moodle, anki, toggl, clockify, plain_hours, markdown_notes)
# adapters whose parse takes the exam: of two columns for a label (`Section,Domain`) they read the one naming its labels
LABELLED = (per_question_csv, domain_summary_csv)


def adapter_of(fmt: str | None) -> ModuleType | None:
    """The adapter of a format name (`FORMAT`), None for no format or an unknown one."""
    return next((a for a in ADAPTERS if a.FORMAT == fmt), None)


def known_formats() -> str:
    """The formats this build reads, for error messages."""
    return ", ".join(a.FORMAT for a in ADAPTERS)


def candidates(path: Path) -> list[ModuleType]:
    """Every adapter that recognises the file's content.

    Only when none does are title lines above the header looked for (`csv_layout.layout`): the CSV
    formats that recognise the header found below them claim the file.
    """
    with open(path, "rb") as handle:
        return _claiming(Path(path), handle.read(HEAD_BYTES))


def _claiming(path: Path, head: bytes) -> list[ModuleType]:
    found = [a for a in ADAPTERS if a.detect(path, head)]
    if not found and (header := header_below_title(head)):  # a results page copied with a title above
        found = [a for a in CSV_ADAPTERS if a.detect(path, header)]
    # A plain log takes columns of the learner's own: an export another format claims (a date and a minutes
    # column among a per-question file's) is that format's.
    return [a for a in found if a is not plain_hours] if len(found) > 1 else found


@lru_cache(maxsize=1024)
def is_header(line: str, delimiter: str) -> bool:
    """Whether some CSV format recognises this line as its header (`csv_layout.layout` asks)."""
    head = header_head(line, delimiter)
    return any(a.detect(Path("header.csv"), head) for a in CSV_ADAPTERS)


def detect(path: Path) -> ModuleType | None:
    """The one adapter for this file, or None when no adapter or more than one claims it."""
    found = candidates(path)
    return found[0] if len(found) == 1 else None


def _nul_in_known_format(path: Path, head: bytes, binary: bool) -> int | None:
    """The line of the first NUL byte of a file that a format recognises once its NUL bytes are gone.

    A NUL byte makes a file's head binary, so no CSV format claims it; a text export holding
    one (a corrupted download, a disk error) is told so, naming the line, and not 'unknown file
    format'. A binary file (`binary`: its head `looks_binary`; an image, an archive) is still unknown.
    """
    if binary:
        return None
    text = decode(head).lstrip("\ufeff")
    line = nul_line(text)
    return line if line is not None and _claiming(Path(path), text.replace("\x00", "").encode("utf-8")) else None


def is_blank(path: Path, head: bytes) -> bool:
    """Whether the file holds nothing but whitespace (0 bytes, blank lines, a BOM), in any encoding it is read in;
    `head`: its first HEAD_BYTES (the rest is read only when they are blank)."""
    if decode(head).lstrip("\ufeff").strip():
        return False
    with open(path, "rb") as handle:
        handle.seek(len(head))
        rest = handle.read()
    return not decode(head + rest).lstrip("\ufeff").strip()


def header_line(head: bytes) -> int:
    """The 1-based file line of the header row in a file's `head`: the first non-blank line, after an Excel
    `sep=;` line (`csv_layout.layout`); 1 for a file that is not text. Counts every line, blank ones included."""
    if not text_lines(head):
        return 1
    lines = io.StringIO(decode(head).lstrip("\ufeff"), newline="").readlines()
    nonblank = [i for i, line in enumerate(lines, start=1) if line.strip()]
    if not nonblank:
        return 1
    return nonblank[1] if sep_line([lines[nonblank[0] - 1]]) and len(nonblank) > 1 else nonblank[0]


def _reason(path: Path, exc: OSError) -> str:
    """Why a file cannot be opened, a link's target named."""
    if path.is_symlink() and not path.exists():
        target = "does not exist" if exc.errno == errno.ENOENT else f"cannot be opened: {exc.strerror}"
        return f"it is a link to {os.readlink(path)}, which {target}"
    return exc.strerror


def parse_file(path: Path, zone: str | None = None,
               exam: str | None = None) -> tuple[ModuleType, dict[str, pd.DataFrame]]:
    """Detect and parse a file; FormatError (file, line, hint) when that is not possible.

    `zone`: the learner's time zone name, for the times that are instants (Anki's epoch
    milliseconds, a CSV time written with an offset or Z): they are stored as its wall clock,
    as every other time is written. Default: this machine's zone. `exam`: the workspace's exam code (or `inspect
    --exam`'s), whose labels decide between two label columns; None: every installed exam's.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
        found = _claiming(path, head)
    except OSError as exc:
        raise FormatError(path, f"cannot read the file ({_reason(path, exc)})") from exc
    if not found:
        raise _unclaimed(path, head)
    if len(found) > 1:
        raise FormatError(path, f"ambiguous format: looks like {' and '.join(a.FORMAT for a in found)}",
                          line=header_line(head), hint="rename the columns as in docs/formats.md")
    adapter = found[0]
    try:
        kwargs = {"zone": zone} if adapter in ZONED else {}
        return adapter, adapter.parse(path, **kwargs, **({"exam": exam} if adapter in LABELLED else {}))
    except FormatError:
        raise
    except (ValueError, KeyError, UnicodeError) as exc:
        raise FormatError(path, f"cannot be read as {adapter.FORMAT}: {exc}",
                          hint="check the file against docs/formats.md") from exc


def _unclaimed(path: Path, head: bytes) -> FormatError:
    """Why no format claims the file, from its `head`: it is empty, a text export holding a NUL byte, or unknown."""
    if is_blank(path, head):
        return FormatError(path, "the file is empty", hint="export it again, or remove it from the inbox")
    binary = looks_binary(head)
    if line := _nul_in_known_format(path, head, binary):
        return FormatError(path, NUL_REASON, line=line, hint=NUL_HINT)
    reason, hint = unknown_format(path, head, known_formats(), binary)
    return FormatError(path, reason, line=header_line(head), hint=hint)
