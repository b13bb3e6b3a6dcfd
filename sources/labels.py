"""Map free-text labels (domain names, task statements, service names, tags) onto a blueprint.

Every function returns None (or an empty list) rather than guessing: an unmapped label is
reported by the caller, a wrong mapping would silently corrupt readiness.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import wraps

from sources.blueprint import Blueprint

_SEPARATORS = re.compile(r"::|[_/|#,;:()\[\]{}\"*+=<>!?\-\u2013\u2014]+")
_LONE_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s*%")
_DOMAIN_PREFIX = re.compile(r"^(?:domain|d)\s*(\d+)(?:\s+(.*))?$")
_NUMBER_PREFIX = re.compile(r"^(\d+)(?:\s+(.*))?$")
_NUMBERED = re.compile(r"^(\d+)\.(\d+)$")
_TASK_PREFIX = re.compile(r"^(?:task(?:\s+statement)?\s*)?(\d+\.\d+)(?:\s+(.*))?$")
_DOMAIN_MENTION = re.compile(r"(?<![a-z0-9.])(?:domain\s*|d)(\d+)(?![a-z0-9]|\.\d)")
_TASK_MENTION = re.compile(r"(?<![a-z0-9.])task(?:\s+statement)?\s*(\d+\.\d+)(?![0-9])")
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
_DOMAIN_WORD = re.compile(r"\bdomain (one|two|three|four|five|six)\b")
_PYTHON_LAMBDA = re.compile(r"(?<=[=(,\[])\s*lambda\b[^:\n]*:")  # key=lambda x: ..., not AWS Lambda
_MEMO_LIMIT = 100_000


def normalize(text: str | None) -> str:
    """Lower-case, '&' -> 'and', separators and punctuation -> single spaces."""
    if not text:
        return ""
    s = str(text).lower().replace("&", " and ")
    s = _LONE_DOT.sub(" ", _SEPARATORS.sub(" ", re.sub(r"['`\u2018\u2019]", " ", s)))
    s = _DOMAIN_WORD.sub(lambda m: "domain " + _NUMBER_WORDS[m.group(1)], " ".join(s.split()))
    return s


@dataclass(frozen=True)
class _Index:
    domains: dict[str, int]
    tasks: dict[str, str]
    services: dict[str, str]
    families: dict[str, tuple[str, ...]]
    service_pattern: re.Pattern
    family_pattern: re.Pattern
    domain_pattern: re.Pattern
    memo: dict = field(default_factory=dict)


_INDEXES: dict[int, tuple[Blueprint, _Index]] = {}


def _phrase_pattern(terms, plural: bool = False) -> re.Pattern:
    """One regex matching any term as whole words, longest first (optionally with a plural 's')."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t)) or ["(?!x)x"]
    alternatives = "|".join(re.escape(t) for t in ordered)
    suffix = "(?:s)?" if plural else ""
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives}){suffix}(?![a-z0-9])")


def _index(bp: Blueprint) -> _Index:
    """Lookup tables for one blueprint, built once per blueprint object."""
    cached = _INDEXES.get(id(bp))
    if cached and cached[0] is bp:
        return cached[1]
    domains = {normalize(t): d.id for d in bp.domains for t in (d.name, *d.aliases)}
    tasks = {normalize(t.name): t.id for t in bp.tasks}
    services = {normalize(t): s.name for s in bp.services for t in (s.name, *s.aliases)}
    families = {normalize(f.name): f.services for f in bp.families}
    index = _Index(domains, tasks, services, families, _phrase_pattern(services, plural=True),
                   _phrase_pattern(families), _phrase_pattern(domains))
    _INDEXES[id(bp)] = (bp, index)
    return index


def _memoized(mapper):
    """Remember a mapper's answers per blueprint: the same labels repeat across thousands of rows."""
    @wraps(mapper)
    def wrapper(label, bp: Blueprint):
        memo, key = _index(bp).memo, (mapper.__name__, label)
        if key not in memo:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[key] = mapper(label, bp)
        return memo[key]
    return wrapper


def _known_domain(number: str, bp: Blueprint) -> int | None:
    return int(number) if int(number) in {d.id for d in bp.domains} else None


def _only(ids: set) -> int | None:
    return next(iter(ids)) if len(ids) == 1 and None not in ids else None


def _task_domain(task_id: str | None) -> int | None:
    return int(task_id.split(".")[0]) if task_id else None


@_memoized
def map_task(label: str | None, bp: Blueprint) -> str | None:
    """Task id for '1.1', 'Task 1.1', 'Task Statement 1.1: Perform data ingestion' or a task name."""
    text = normalize(label)
    index = _index(bp)
    match = _TASK_PREFIX.match(text)
    if match:
        task_id, rest = match.groups()
        if task_id not in {t.id for t in bp.tasks}:
            return None
        named = index.tasks.get(rest) if rest else None
        return task_id if named in (None, task_id) else None
    return index.tasks.get(text)


@_memoized
def map_service(label: str | None, bp: Blueprint) -> str | None:
    """Canonical service name for a service name or alias ('KDS', 'aws glue', 'Lambdas')."""
    text = normalize(label)
    services = _index(bp).services
    exact = services.get(text) or (services.get(text[:-1]) if text.endswith("s") else None)
    mentioned = find_services(text, bp) if exact is None else [exact]
    return mentioned[0] if len(mentioned) == 1 else None


def find_services(text: str | None, bp: Blueprint) -> list[str]:
    """Canonical services mentioned in free text, distinct, in order of first appearance."""
    index = _index(bp)
    found: list[str] = []
    for match in index.service_pattern.finditer(normalize(_PYTHON_LAMBDA.sub(" ", text or ""))):
        term = match.group(0)
        name = index.services.get(term) or index.services.get(term[:-1])
        if name and name not in found:
            found.append(name)
    return found


_LABEL_PARTS = re.compile(r"\s*(?:[,;/|&+]|\band\b)\s*", re.IGNORECASE)


def label_parts(label: str | None) -> list[str]:
    """A label cell's parts as written, split at ',', ';', '/', '|', '&', '+' and 'and': 'Athena; S3' -> Athena, S3."""
    return [part for part in _LABEL_PARTS.split(str(label or "").strip()) if part]


@_memoized
def label_services(label: str | None, bp: Blueprint) -> list[str]:
    """Every service a service label names, in order, distinct: 'Athena; S3' -> [Athena, S3] (a question
    practises each); an umbrella word ('Kinesis') names none of its members (see ambiguous_parts)."""
    single = map_service(label, bp)
    return [single] if single is not None else find_services(label, bp)


@_memoized
def ambiguous_parts(label: str | None, bp: Blueprint) -> list[tuple[str, list[str]]]:
    """(the part as written, the services it could be) for each umbrella word of a service label that names
    none of its members itself: 'Kinesis, Glue' -> [('Kinesis', [Data Streams, Firehose, Flink])]."""
    index = _index(bp)
    remainder = index.service_pattern.sub(" ", normalize(label))
    out = []
    for match in index.family_pattern.finditer(remainder):
        word = re.compile(rf"(?<![a-z0-9]){re.escape(match.group(0))}(?![a-z0-9])")
        written = next((p for p in label_parts(label) if word.search(normalize(p))), str(label).strip())
        if find_services(written, bp):  # 'Kinesis Glue': the word alone, as written
            found = re.search(rf"(?<![A-Za-z0-9]){re.escape(match.group(0))}(?![A-Za-z0-9])", written, re.I)
            written = found.group(0) if found else match.group(0)
        out.append((written, tuple(index.families[match.group(0)])))
    return [(written, list(options)) for written, options in dict.fromkeys(out)]


def _evidence_domain(text: str, bp: Blueprint) -> int | None:
    """The one domain every service (or umbrella word like 'Kinesis') mentioned serves, if any."""
    index = _index(bp)
    evidence = [set(bp.service(name).domains) for name in find_services(text, bp)]
    remainder = index.service_pattern.sub(" ", text)
    evidence += [{d for name in index.families[m.group(0)] for d in bp.service(name).domains}
                 for m in index.family_pattern.finditer(remainder)]
    evidence = [domains for domains in evidence if domains]  # a service serving no domain says nothing
    return _only(set.intersection(*evidence)) if evidence else None


def _domain_signals(text: str, bp: Blueprint) -> set[int | None]:
    """Domains named in normalised text: 'Domain 2', 'd3', 'Task 1.2', or a domain name/alias."""
    index = _index(bp)
    ids = {_known_domain(n, bp) for n in _DOMAIN_MENTION.findall(text)}
    ids |= {_task_domain(map_task(t, bp)) for t in _TASK_MENTION.findall(text)}
    remainder = index.service_pattern.sub(" ", text)
    return ids | {index.domains[m.group(0)] for m in index.domain_pattern.finditer(remainder)}


def _structured_domain(text: str, bp: Blueprint) -> int | None:
    """Domain from a label shaped like a domain: its name, '1', '1.0', '1.3', 'D1: name', a task."""
    index = _index(bp)
    if text in index.domains:
        return index.domains[text]
    numbered = _NUMBERED.match(text)
    if numbered:
        whole = numbered.group(2) == "0"
        return _known_domain(numbered.group(1), bp) if whole else _task_domain(map_task(text, bp))
    match = _DOMAIN_PREFIX.match(text)  # 'Domain 1: <anything that names no other domain>'
    if match:
        domain_id = _known_domain(match.group(1), bp)
        others = _domain_signals(match.group(2) or "", bp) - {domain_id}
        return None if others else domain_id
    match = _NUMBER_PREFIX.match(text)  # '1 Data Ingestion': the name must agree with the number
    if match:
        domain_id = _known_domain(match.group(1), bp)
        named = index.domains.get(match.group(2)) if match.group(2) else domain_id
        return domain_id if domain_id and named == domain_id else None
    return _task_domain(map_task(text, bp))


@_memoized
def map_domain(label: str | None, bp: Blueprint) -> int | None:
    """Domain id for 'Domain 1: ...', a domain name, 'D1', '1', a task, or one-domain services."""
    text = _PERCENT.sub(" ", normalize(label))
    text = " ".join(text.removeprefix(normalize(bp.code)).split())
    if not text:
        return None
    structured = _structured_domain(text, bp)
    if structured is not None:
        return structured
    signals = _domain_signals(text, bp)
    return _only(signals) if signals else _evidence_domain(text, bp)


@_memoized
def map_topic(text: str | None, bp: Blueprint) -> tuple[int | None, str | None]:
    """(domain id, first canonical service) for a study-log description, tag or Anki deck name."""
    services = find_services(text, bp)
    return map_domain(text, bp), (services[0] if services else None)
