"""YAML (TOML: `toml_front_matter`, JSON: `json_front_matter`) front matter of Markdown notes."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import yaml

from sources import json_front_matter, toml_front_matter
from sources.as_written import without_open_quote
from sources.datetimes import MOMENT_WORDS, NUMERIC_DATE, TIME_ALONE, day_first
from sources.zones import zone_or_local

DATE_KEYS = ("date", "pubDate", "created")
TAG_KEYS = ("tags", "tag")  # `tag:` is Obsidian's older key
FRONT_MATTER_KEYS = ("title",) + DATE_KEYS + TAG_KEYS  # what TOML and JSON front matter are read for
# The line opening front matter, and the lines that may close it: YAML's, and Hugo's TOML (JSON's: json_front_matter)
FENCES = {"---": ("---", "..."), "+++": ("+++",)}
# What PyYAML's context says when a quote or bracket is never closed, said so (the line is where it opened).
UNCLOSED_YAML = {"while scanning a quoted scalar": "a quote opened on this line is not closed",
                 "while parsing a flow sequence": "a [ opened on this line is not closed",
                 "while parsing a flow mapping": "a { opened on this line is not closed"}


class _Loader(yaml.SafeLoader):
    """Safe YAML whose impossible timestamps (`2026-02-30`) stay text instead of raising ValueError."""


def _timestamp_or_text(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _load(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506  (a SafeLoader subclass)


def split_front_matter(text: str) -> tuple[str | None, str, int, bool, str]:
    """(front matter or None, body, number of lines before the body, whether it is left open, its fence).

    The fence is the first line's `---` (YAML, closed with `---` or `...`), `+++` (TOML, closed with `+++`) or `{`
    (JSON: `json_front_matter.closing_line`; its front matter keeps both braces). Front matter opened on the first
    line but never closed is not front matter: the whole text is the body, and the fourth value is True (not for
    `{`, which opens more than front matter)."""
    lines = text.splitlines(keepends=True)
    if lines and json_front_matter.opens_json(lines[0]):
        end = json_front_matter.closing_line(lines, FRONT_MATTER_KEYS)
        if end is None:
            return None, text, 0, False, "---"
        return "".join(lines[:end + 1]), "".join(lines[end + 1:]), end + 1, False, "{"
    fence = lines[0].strip() if lines else ""
    if fence not in FENCES:
        return None, text, 0, False, "---"
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in FENCES[fence]:
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 1, False, fence
    return None, text, 0, True, fence


def read_front_matter(raw: str | None, fence: str = "---") -> tuple[dict, str | None]:
    """The front matter mapping, or {} and a warning naming the line when it is broken (TOML after a `+++` fence,
    JSON after `{`)."""
    if raw is None:
        return {}, None
    if fence == "+++":
        return toml_front_matter.read_toml(raw, FRONT_MATTER_KEYS)
    if fence == "{":
        return json_front_matter.read_json(raw, FRONT_MATTER_KEYS)
    try:
        data = _load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        opened = getattr(exc, "context_mark", None)
        if opened is not None and ("end of stream" in problem or "<stream end>" in problem):
            # a quote or bracket left open: the parser stops at the end, the line to fix is where it opened
            mark, problem = opened, UNCLOSED_YAML.get(exc.context, f"{exc.context}, {problem}")
        where = f" at line {mark.line + 2}" if mark else ""
        return salvage(raw), (f"front matter is not valid YAML{where} ({problem}); "
                              "only simple 'key: value' lines were read")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, "front matter is not a key: value mapping; title and date ignored"
    return data, None


def salvage(raw: str) -> dict:
    """The simple one-line `key: value` entries of broken front matter, and the `- item` lines under a bare `tags:`.

    The value is the text after the first `: ` (`title: Athena: partitions` -> 'Athena: partitions'),
    read as YAML when it is a valid YAML value on its own (a date, a quoted string), else as written."""
    found, lines = {}, raw.splitlines()
    for i, line in enumerate(lines):
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep:
            continue
        if key.lower() in TAG_KEYS and not value:
            found[key] = [_salvaged(item) for item in items_below(lines[i + 1:])]
        elif value and (key in ("title",) + DATE_KEYS or key.lower() in TAG_KEYS):
            found[key] = _salvaged(value)
    return found


def _salvaged(value: str):
    try:
        return _load(f"v: {value}")["v"]
    except (yaml.YAMLError, TypeError):  # a quote opened and not closed: the text after it
        return without_open_quote(value)


def items_below(lines: list[str]) -> list[str]:
    """The `- item` texts of the lines that open `lines`, up to the first other line."""
    items = []
    for line in lines:
        if not line.lstrip().startswith("- "):
            break
        items.append(line.lstrip()[2:].strip())
    return items


def key_line(raw: str, key: str, fence: str = "---") -> int | None:
    """The file line (front matter starts on line 2) of the first top-level `key:` (`key =` in TOML, `"key":` in
    JSON) in raw."""
    if fence == "+++":
        return toml_front_matter.key_line(raw, key)
    if fence == "{":
        return json_front_matter.key_line(raw, key)
    for i, line in enumerate(raw.splitlines()):
        name, sep, _ = line.partition(":")
        if sep and name.strip("\"'") == key:
            return i + 2
    return None


def _numeric_date(text: str) -> tuple[pd.Timestamp, str | None]:
    """A date like 02/03/2026 read by the CSV rule (`datetimes.day_first`) applied to this one value,
    and how it was read when the rule had to assume (no part above 12)."""
    dayfirst, assumed = day_first(pd.Series([text]))
    stamp = pd.Timestamp(pd.to_datetime(text, dayfirst=dayfirst))
    if not assumed or stamp is pd.NaT:
        return stamp, None
    style = "day-first (DD/MM/YYYY)" if dayfirst else \
        "month-first (MM/DD/YYYY), as its 12-hour clock suggests a US locale"
    return stamp, f"read as {style}, {stamp:%Y-%m-%d}; write the date as YYYY-MM-DD to be sure"


def key_as_written(meta: dict, key: str):
    """The front matter key given a value that is `key` in any case (`Title:` is `title:`), that spelling first."""
    if meta.get(key) not in (None, ""):
        return key
    return next((k for k, v in meta.items() if str(k).lower() == key.lower() and v not in (None, "")), None)


def date_key(meta: dict) -> str | None:
    """The front matter key the note's date is read from, as written: the first of DATE_KEYS, in any case
    (`Date:`, `PubDate:`), given a value."""
    return next((k for wanted in DATE_KEYS if (k := key_as_written(meta, wanted)) is not None), None)


def value_of(meta: dict, key: str):
    """A front matter value by its key in any case (`key_as_written`)."""
    written = key_as_written(meta, key)
    return None if written is None else meta[written]


def note_tags(meta: dict) -> list[str]:
    """The front matter `tags`, then Obsidian's older `tag` (either in any case), as written: a list's items
    (`[glue, athena]`, `- aws-glue`), or one text, split at its commas as Obsidian splits it (`tags: glue, athena`);
    keys under it are no tags. A text of several words (`glue athena`) is one tag: its words are read together."""
    items = [item for key in TAG_KEYS for item in _listed(value_of(meta, key))]
    return list(dict.fromkeys(tag.strip() for item in items if item is not None and not isinstance(item, (list, dict))
                              for tag in as_written(item).split(",") if tag.strip()))


def _listed(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def note_date(meta: dict, raw: str | None = None, zone: str | None = None,
              fence: str = "---") -> tuple[pd.Timestamp | None, str | None]:
    """The note's date from date / pubDate / created, or None and a warning if it is unreadable.

    Numeric dates follow the CSV rule (`datetimes.day_first`): `13/02/2026` is day-first and
    `02/13/2026` month-first by their parts; `02/03/2026` is read day-first (month-first with a
    12-hour clock, `9:05 PM`) and the warning, with the date, says so. A time with an offset or Z
    (`2026-11-30T02:15:00Z`) counts for its day in `zone` (the learner's; default: this machine's).

    Any value that is not a day pandas can hold (`2026-02-30`, `someday`, `0001-01-01`, a list)
    is unreadable; the warning names the key's line in the file when `raw` (after `fence`) is given."""
    key = date_key(meta)
    if key is None:
        return None, None
    value = meta[key]
    line = key_line(raw, key, fence) if raw is not None else None
    where = f" at line {line}" if line else ""
    ambiguous = None
    try:
        if not isinstance(value, (date, datetime)) and NUMERIC_DATE.match(str(value)):
            stamp, ambiguous = _numeric_date(str(value))
            ambiguous = ambiguous and f"front matter {key} '{value}'{where} is ambiguous: {ambiguous}"
        elif str(value).strip().lower() in MOMENT_WORDS or TIME_ALONE.match(str(value)):
            raise ValueError("a word or a time for the day the note is read")
        else:
            stamp = pd.Timestamp(value if isinstance(value, (date, datetime)) else str(value))
        if stamp is pd.NaT:
            raise ValueError("not a date")
        stamp = stamp.as_unit("ns")
    except pd.errors.OutOfBoundsDatetime:
        reason = "outside the years 1677 to 2262"
    except (ValueError, TypeError, OverflowError) as exc:
        reason = str(exc).split(": ")[0] or "not a date"
    else:
        return (stamp.tz_convert(zone_or_local(zone)).tz_localize(None) if stamp.tzinfo else stamp).normalize(), \
            ambiguous
    if isinstance(value, (list, dict)):
        reason = "a list, not one date" if isinstance(value, list) else "keys under it, not one date"
    return None, (f"front matter {key} '{as_written(value)}'{where} is not a date ({reason}); "
                  "the note is kept without a date")


def as_written(value) -> str:
    """A YAML value as it reads in the file (`[2026-02-03]`), not as Python prints it."""
    if isinstance(value, list):
        return "[" + ", ".join(as_written(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{as_written(k)}: {as_written(v)}" for k, v in value.items()) + "}"
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)
