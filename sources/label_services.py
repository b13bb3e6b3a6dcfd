"""Service labels onto canonical blueprint services; an umbrella word ('Kinesis') is reported, never guessed."""
from __future__ import annotations

import re

from sources.blueprint import Blueprint
from sources.label_index import index_for, memoized, normalize, whole_words

# Python's lambda, not AWS Lambda: key=lambda x: …, a call's f(lambda: …) or f(a, lambda x: …); not prose's
# '(lambda: 15 min, glue: 48 h)' (a bracket after a space) or ', lambda: 15 min' (a comma, no argument)
_PYTHON_LAMBDA = re.compile(r"(?:(?<=[=\[])|(?<=[\w)\]]\())\s*lambda\b[^:\n]*:|(?<=,)\s*lambda\s+\w[^:\n]*:")
# Prose where a service's word is no AWS service: the lambda architecture (batch and speed layers), a lambda
# expression, 'glue code', 'the glue between …', storage that is S3-compatible (MinIO)
_NOT_AWS = re.compile(r"\blambda[ -](?:architecture|calculus|expressions?)\b|\bS3[ -]compatible\b", re.IGNORECASE)
_NOT_AWS_LOWER = re.compile(r"\bglue (?:code|logic|layer)\b|\bthe glue (?:that|between|holding)\b")
# A web address in a note (https://docs.aws.amazon.com/glue/…, www.…): where to read, not what was studied; a
# Markdown link's target is never prose either, so a bare address counts as little as `[docs](https://…)` does.
# An S3 URI (s3://bucket/key) is no web address: it says how S3 is used.
_WEB_ADDRESS = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>)\]]*", re.IGNORECASE)
_LABEL_PARTS = re.compile(r"\s*(?:[,;/|&+]|\band\b)\s*", re.IGNORECASE)


@memoized
def map_service(label: str | None, bp: Blueprint) -> str | None:
    """Canonical service name for a service name or alias ('KDS', 'aws glue', 'Lambdas')."""
    text = normalize(label)
    services = index_for(bp).services
    exact = services.get(text) or (services.get(text[:-1]) if text.endswith("s") else None) \
        or services.get(text.replace(" ", ""))  # a label 'event bridge' is EventBridge
    mentioned = find_services(text, bp) if exact is None else [exact]
    return mentioned[0] if len(mentioned) == 1 else None


def find_services(text: str | None, bp: Blueprint) -> list[str]:
    """Canonical services mentioned in free text, distinct, in order of first appearance; a name of several
    words may be written as one ('LakeFormation', 'stepfunctions': tags, hashtags) and a one-word name in its
    parts ('Event Bridge'); a service's word in prose that means something else ('glue code') names none."""
    index = index_for(bp)
    prose = _NOT_AWS_LOWER.sub(" ", _NOT_AWS.sub(" ", _PYTHON_LAMBDA.sub(" ", text or "")))
    clean = normalize(index.joined(prose))
    found: list[str] = []
    matches = [*index.service_pattern.finditer(clean), *index.compact_pattern.finditer(clean)]
    for match in sorted(matches, key=lambda m: m.start()):
        name = index.service_named(match.group(0))
        if name and name not in found:
            found.append(name)
    return found


def without_addresses(text: str) -> str:
    """A note's text with its web addresses blanked out (`_WEB_ADDRESS`)."""
    return _WEB_ADDRESS.sub(" ", text)


def label_parts(label: str | None) -> list[str]:
    """A label cell's parts as written, split at ',', ';', '/', '|', '&', '+' and 'and': 'Athena; S3' -> Athena, S3."""
    return [part for part in _LABEL_PARTS.split(str(label or "").strip()) if part]


@memoized
def label_services(label: str | None, bp: Blueprint) -> list[str]:
    """Every service a service label names, in order, distinct: 'Athena; S3' -> [Athena, S3] (a question
    practises each); an umbrella word ('Kinesis') names none of its members (see ambiguous_parts)."""
    single = map_service(label, bp)
    return [single] if single is not None else find_services(label, bp)


@memoized
def ambiguous_parts(label: str | None, bp: Blueprint) -> list[tuple[str, list[str]]]:
    """(the part as written, the services it could be) for each umbrella word of a service label that names
    none of its members itself: 'Kinesis, Glue' -> [('Kinesis', [Data Streams, Firehose, Flink])]; none when the
    label names one of them elsewhere (`uncovered_words`' rule): an Anki note tagged `kinesis` and
    `aws::kinesis-data-streams` practises Kinesis Data Streams."""
    index, named = index_for(bp), set(label_services(label, bp))
    out = []
    for word in index.umbrella_words(normalize(label)):
        if named & set(index.families[word]):
            continue
        written = next((p for p in label_parts(label) if word in index.umbrella_words(normalize(p))), str(label).strip())
        if find_services(written, bp):  # 'Kinesis Glue': the word alone, as written
            found = whole_words([word], flags=re.IGNORECASE).search(written)
            written = found.group(0) if found else word
        out.append((written, tuple(index.families[word])))
    return [(written, list(options)) for written, options in dict.fromkeys(out)]


def umbrella_regex(bp: Blueprint) -> str | None:
    """A regular expression (for DuckDB's regexp_matches, case-insensitive) matching text that may hold an
    umbrella word: rows without one need not be read word by word. None for an exam without umbrella words."""
    words = list(index_for(bp).families)
    return "|".join(re.escape(word) for word in words) if words else None


def umbrella_words(text: str | None, bp: Blueprint) -> list[dict]:
    """Umbrella words of free text outside the service names it holds, each once with the services it could
    be: 'Kinesis shards' -> [{word: 'Kinesis', could_be: [Data Streams, Firehose, Flink]}] (it names none)."""
    index, names = index_for(bp), {normalize(f.name): f.name for f in bp.families}
    words = dict.fromkeys(index.umbrella_words(normalize(index.joined(text or ""))))
    return [{"word": names.get(word, word), "could_be": list(index.families[word])} for word in words]


def uncovered_words(text: str | None, bp: Blueprint) -> list[dict]:
    """`umbrella_words` of a text but those whose services it also names one of: 'Kinesis shards' in the project
    'Kinesis Data Streams' (a study entry), a note headed 'Kinesis notes' about Amazon Kinesis Data Streams."""
    named = set(find_services(text or "", bp))
    return [word for word in umbrella_words(text, bp) if not named & set(word["could_be"])]
