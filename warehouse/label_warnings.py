"""What `run` and `inspect` say about a file's service labels: an umbrella word ('Kinesis',
warehouse.mapping.several_services) and a label naming no service of the exam ('Lake Formaton', 'Foobar'),
whose questions count for no service in coverage: said, never dropped unsaid (docs/formats.md)."""
from __future__ import annotations

import pandas as pd

from sources.blueprint import Blueprint
from sources.label_domains import map_domain
from sources.label_services import ambiguous_parts, label_services, uncovered_words, umbrella_words as umbrella_words_of
from sources.ragged_rows import held_as_no_data
from sources.tag_lines import TAG_LINES
from warehouse.mapping import section_prose, several_services, tag_services
from warehouse.secrets import mask_text, masked_cells

SHOWN = 5  # labels quoted in the one line; the rest are counted


def names_no_service(label: str, bp: Blueprint) -> bool:
    """True for a label naming no service, no umbrella word and no domain ('Security' is a topic of D4)."""
    return not (label_services(label, bp) or ambiguous_parts(label, bp) or map_domain(label, bp))


def _where(frame: pd.DataFrame, label: str) -> str:
    """' (line 7)' or ' (lines 7, 9 and 2 more)': where a label is written, when the frame has lines."""
    if "line" not in frame:
        return ""
    lines = sorted({int(n) for n in frame.loc[frame["service_label"].astype(str).str.strip() == label, "line"]})
    shown = ", ".join(map(str, lines[:2])) + (f" and {len(lines) - 2} more" if len(lines) > 2 else "")
    return f" (line{'s' if len(lines) > 1 else ''} {shown})"


def unnamed_services(frame: pd.DataFrame, bp: Blueprint) -> list[str]:
    """One warning listing the service labels of `frame` that name no service of the exam, or none."""
    labels = sorted({str(v).strip() for v in frame["service_label"] if not pd.isna(v) and str(v).strip()})
    unnamed = [label for label in labels if names_no_service(label, bp)]
    if not unnamed:
        return []
    quoted = ", ".join(f"'{label}'{_where(frame, label)}" for label in unnamed[:SHOWN])
    more = f" and {len(unnamed) - SHOWN} more" if len(unnamed) > SHOWN else ""
    what = "the service label" if len(unnamed) == 1 else f"{len(unnamed)} service labels"
    verb = "names" if len(unnamed) == 1 else "name"
    return [f"{what} {quoted}{more} {verb} no service of the exam: those questions count in their domain's "
            f"readiness but for no service in coverage (`examready gaps`); write the service as the exam guide "
            f"names it (e.g. 'AWS Lake Formation', 'Amazon Athena')"]


def service_label_warnings(frame: pd.DataFrame, bp: Blueprint) -> list[str]:
    """The warnings of a frame's service labels; an Anki review's (its note's tags: 'aws', 'leech') name
    no service as a rule, so only its umbrella words are said. A row repeating the header or a '#' line names no
    label."""
    if "service_label" not in frame:
        return []
    frame = frame[~held_as_no_data(frame)]
    frame = frame.assign(service_label=masked_cells(frame["service_label"]))  # a secret names no service
    anki = frame["source"] == "anki" if "source" in frame else pd.Series(False, index=frame.index)
    return umbrella_words(frame, anki, bp) + unnamed_services(frame[~anki], bp)


def note_text(sections: pd.DataFrame) -> str:
    """A note's headings and text as one text: what its services and umbrella words are looked for in."""
    return "\n".join(section_prose(h, t) for h, t in zip(sections["heading"], sections["text"]))


def note_umbrella_words(sections: pd.DataFrame, bp: Blueprint) -> list[dict]:
    """A note's umbrella words in its headings and text ({word, could_be}) but those whose services it names one of
    itself ('Kinesis notes' about Amazon Kinesis Data Streams): the one rule `run`, `inspect` and the marts apply."""
    return uncovered_words(note_text(sections), bp)


def umbrella_word_text(word: dict) -> str:
    """What a note's umbrella word (`label_services.umbrella_words`: {word, could_be}) is told as."""
    return f"'{word['word']}' alone counts for none of {', '.join(word['could_be'])}: name the one you mean"


def note_warnings(sections: pd.DataFrame, bp: Blueprint) -> list[str]:
    """A note's umbrella words ('Kinesis shards': Data Streams, Firehose or Flink?), which count for no service
    (never guessed): said by `run` as by `inspect`, so a section studying one is not a gap unexplained."""
    if not {"heading", "text"} <= set(sections.columns):
        return []
    return [umbrella_word_text(word) for word in note_umbrella_words(sections, bp)] + tag_warnings(sections, bp)


def umbrella_tags(tags, bp: Blueprint) -> list[tuple[str, dict]]:
    """(tag, umbrella word) of a note's front matter tags (one a line) holding an umbrella word (`kinesis`), which
    counts for none of its services; not when another tag names one of them (`kinesis`, `kinesis-data-streams`)."""
    if not isinstance(tags, str):
        return []
    named = set(tag_services(tags, bp))
    return [(tag, word) for tag in tags.splitlines() for word in umbrella_words_of(tag, bp)
            if not named & set(word["could_be"])]


def tag_warnings(sections: pd.DataFrame, bp: Blueprint) -> list[str]:
    """A note's umbrella tags (`umbrella_tags`), each with its line (`attrs[TAG_LINES]`)."""
    tags = sections["tags"].iloc[0] if "tags" in sections and len(sections) else None
    lines = sections.attrs.get(TAG_LINES, {})
    return [f"front matter tag '{mask_text(tag)[0]}'{f' at line {lines[tag]}' if tag in lines else ''}: "
            f"{umbrella_word_text(word)}" for tag, word in umbrella_tags(tags, bp)]


def umbrella_words(frame: pd.DataFrame, anki: pd.Series, bp: Blueprint) -> list[str]:
    """several_services of a frame's labels; an Anki review's (`anki`) label is its note's tags, so it is said so."""
    return (several_services(frame.loc[~anki, "service_label"].unique(), bp)
            + several_services(frame.loc[anki, "service_label"].unique(), bp, answers="Anki reviews",
                               fix="tag each note with the service it is about"))
