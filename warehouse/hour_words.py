"""How the pages, `examready gaps`, `run` and `inspect` name the study time logged under an umbrella word (rows of
marts.hour_umbrellas, written by warehouse/hour_umbrellas.py)."""
from __future__ import annotations

import re

from sources.blueprint import Blueprint
from sources.label_services import label_services


def learner_hour_umbrellas(con, learner: str):
    """A learner's rows of marts.hour_umbrellas (word, services, hours, entries), most hours first."""
    return con.execute("SELECT word, services, hours, entries FROM marts.hour_umbrellas WHERE learner_id = ? "
                       "ORDER BY hours DESC, word", [learner]).df()


def hours_said(hours: float) -> str:
    """"3.0 h"; time that one decimal shows as 0.0 h but is some in minutes ("1 min": 30 Anki reviews of 2 s), or
    seconds under a minute ("8 s"), so "the 1 min logged as 'Kinesis'" reads as it is."""
    said = f"{hours:.1f}"
    if said != "0.0" or not hours > 0:
        return f"{said} h"
    minutes = hours * 60
    return f"{round(minutes)} min" if minutes >= 1 else f"{max(1, round(minutes * 60))} s"


def logged_text(row: dict) -> str:
    """"3.0 h logged as 'Kinesis'" (an umbrella word's hours; "1 min logged as …" for a minute)."""
    return f"{hours_said(row['hours'])} logged as '{row['word']}'"


def anki_tag(service: str) -> str:
    """The Anki tag naming a service: 'Amazon Kinesis Data Streams' -> 'aws::kinesis-data-streams'."""
    return "aws::" + re.sub(r"[^a-z0-9]+", "-", re.sub(r"^(amazon|aws)\s+", "", service, flags=re.I).lower()).strip("-")


def naming_fix(tools, services: list[str], bp: Blueprint) -> str:
    """What to change to name the one service meant, in the words of the file's source: an Anki collection's time
    is its notes' (deck and tags, and only the tags are the learner's to add to), a tracker's or a log's its
    entries' description, project or tags."""
    if set(tools) != {"anki"}:
        return "name the one you mean in the description, project or tags"
    tag = anki_tag(services[0]) if services else None
    example = f" (e.g. `{tag}`)" if tag and label_services(tag, bp) == services[:1] else ""
    return f"add the one you mean to the reviewed notes' tags in Anki{example}"
