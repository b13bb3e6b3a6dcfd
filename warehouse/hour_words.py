"""How every command and page says study hours (`hours_said`, `hours_text`); how the pages, `examready gaps`, `run`
and `inspect` name the study time logged under an umbrella word (rows of marts.hour_umbrellas, written by
warehouse/hour_umbrellas.py), and the fix, in its source's words, of time counting toward no single service or
domain."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from sources.blueprint import Blueprint
from sources.label_services import label_services


def learner_hour_umbrellas(con, learner: str):
    """A learner's rows of marts.hour_umbrellas (word, services, hours, entries), most hours first."""
    return con.execute("SELECT word, services, hours, entries FROM marts.hour_umbrellas WHERE learner_id = ? "
                       "ORDER BY hours DESC, word", [learner]).df()


def half_up(value: float, step: str) -> Decimal:
    """`value` to a multiple of `step` ('0.1', '1'), a half rounded up, as the float's shortest decimal reads."""
    # 9 decimals first: a sum of minutes / 60 may come out as 2.3499999999999996 where the figure is 2.35, and
    # 2.35 is 2.34999… in binary, which format(…, '.1f') shows as 2.3 (and it rounds 2.25 half to even)
    return Decimal(repr(round(float(value), 9))).quantize(Decimal(step), rounding=ROUND_HALF_UP)


def hours_text(hours: float) -> str:
    """Hours to one decimal, a half rounded up: '2.3' for 2.25, '2.4' for 2.35, as the JSON's 2.25 and 2.35 read."""
    return str(half_up(hours, "0.1"))


def hours_said(hours: float) -> str:
    """"3.0 h" (`hours_text`); time that shows as 0.0 h but is some in minutes ("1 min": 30 Anki reviews of 2 s),
    or seconds under a minute ("8 s"), so "the 1 min logged as 'Kinesis'" reads as it is."""
    said = hours_text(hours)
    if said != "0.0" or not hours > 0:
        return f"{said} h"
    seconds = max(1, int(half_up(hours * 3600, "1")))
    return f"{seconds} s" if seconds < 60 else f"{int(half_up(seconds / 60, '1'))} min"


def logged_text(row: dict) -> str:
    """"3.0 h logged as 'Kinesis'" (an umbrella word's hours; "1 min logged as …" for a minute)."""
    return f"{hours_said(row['hours'])} logged as '{row['word']}'"


def anki_tag(service: str) -> str:
    """The Anki tag naming a service: 'Amazon Kinesis Data Streams' -> 'aws::kinesis-data-streams'."""
    return "aws::" + re.sub(r"[^a-z0-9]+", "-", re.sub(r"^(amazon|aws)\s+", "", service, flags=re.I).lower()).strip("-")


def source_fix(tools, tracker: str, anki: str) -> str:
    """A fix in the words of the entries' sources (`tool`s): `anki` for Anki review time, whose notes' tags alone are
    the learner's to write ("30 Anki reviews" and the deck are Anki's); `tracker` for a tracker's or a log's; both."""
    tools = set(tools)
    if "anki" not in tools:
        return tracker
    return anki if tools == {"anki"} else f"{tracker}, and for Anki reviews {anki}"


def naming_fix(tools, services: list[str], bp: Blueprint) -> str:
    """What to change to name the one service meant, in the words of the entries' sources (`source_fix`)."""
    tag = anki_tag(services[0]) if services else None
    example = f" (e.g. `{tag}`)" if tag and label_services(tag, bp) == services[:1] else ""
    return source_fix(tools, "name the one you mean in the description, project or tags",
                      f"add the one you mean to the reviewed notes' tags in Anki{example}")


def domain_tag(services, bp: Blueprint) -> str:
    """The Anki tag naming the first domain the services serve ('AWS Glue', in domains 1, 2 and 3: 'D1'); the exam's
    first domain's when they name none of it (a warehouse mapped to another exam, until the next run)."""
    served = {s.name: s.domains for s in bp.services}
    domains = sorted({d for name in services for d in served.get(name, ())}) or [bp.domains[0].id]
    return f"D{domains[0]}"


def domain_fix(tools, services, bp: Blueprint, what: str = "one domain") -> str:
    """What to change to count study time naming `services` (of several domains, or none) toward `what`, in the
    words of the entries' sources (`source_fix`)."""
    return source_fix(tools, f"name {what} in the description, project or tags",
                      f"add {what} to the reviewed notes' tags in Anki (e.g. `{domain_tag(services, bp)}`)")
