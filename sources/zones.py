"""Time zones by name: the learner's from examready.yaml, or this machine's (stdlib only: the CLI imports it)."""
from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_name(name: str | None) -> str | None:
    """The zone's IANA name as spelled in the database ('utc' -> 'UTC'), or None when empty or unknown."""
    if not name:
        return None
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        from zoneinfo import available_timezones

        return next((z for z in sorted(available_timezones()) if z.lower() == name.lower()), None)


def zone(name: str | None) -> ZoneInfo | None:
    """The zone called `name` (e.g. Europe/Berlin, any case), or None when it is empty or unknown."""
    found = zone_name(name)
    return ZoneInfo(found) if found else None


def local_zone_name() -> str:
    """This machine's zone name: $TZ, else the zone /etc/localtime links to, else /etc/timezone; 'UTC' if none is known."""
    found = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        found.append(str(localtime.resolve()).partition("/zoneinfo/")[2])
    try:
        found.append(Path("/etc/timezone").read_text().strip())
    except OSError:
        pass
    for name in found:
        name = name.partition("/zoneinfo/")[2] or name  # TZ may be a path to a zone file
        if zone(name) is not None:
            return name
    return "UTC"


def zone_or_local(name: str | None) -> ZoneInfo:
    """The zone called `name`, else this machine's (an unknown name is not an error)."""
    return zone(name) or ZoneInfo(local_zone_name())
