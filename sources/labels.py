"""Map free-text labels (domain names, task statements, service names, tags) onto a blueprint.

Every function returns None (or an empty list) rather than guessing: an unmapped label is
reported by the caller, a wrong mapping would silently corrupt readiness.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sources.blueprint import Blueprint

_SEPARATORS = re.compile(r"::|[_/|#,;:()\[\]{}\"*+=<>!?\-\u2013\u2014]+")
_LONE_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s*%")
_SERVICE_PREFIX = re.compile(r"^(?:amazon|aws)\s+")
_DOMAIN_PREFIX = re.compile(r"^(?:domain|d)\s*(\d+)(?:\s+(.*))?$")
_NUMBER_PREFIX = re.compile(r"^(\d+)(?:\s+(.*))?$")
_NUMBERED = re.compile(r"^(\d+)\.(\d+)$")
_TASK_PREFIX = re.compile(r"^(?:task(?:\s+statement)?\s*)?(\d+\.\d+)(?:\s+(.*))?$")
_DOMAIN_MENTION = re.compile(r"(?<![a-z0-9.])(?:domain\s*|d)(\d+)(?![a-z0-9]|\.\d)")
_TASK_MENTION = re.compile(r"(?<![a-z0-9.])task(?:\s+statement)?\s*(\d+\.\d+)(?![0-9])")


def normalize(text: str | None) -> str:
    """Lower-case, '&' -> 'and', separators and punctuation -> single spaces."""
    if not text:
        return ""
    s = str(text).lower().replace("&", " and ").replace("'", " ").replace("`", " ")
    s = _LONE_DOT.sub(" ", _SEPARATORS.sub(" ", s))
    return " ".join(s.split())


@dataclass(frozen=True)
class _Index:
    domains: dict[str, int]
    tasks: dict[str, str]
    services: dict[str, str]
    service_pattern: re.Pattern
    domain_pattern: re.Pattern


_INDEXES: dict[int, tuple[Blueprint, _Index]] = {}


def _phrase_pattern(terms) -> re.Pattern:
    """One regex matching any term as whole words, longest first, with an optional plural 's'."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t)) or ["(?!x)x"]
    alternatives = "|".join(re.escape(t) for t in ordered)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?:s)?(?![a-z0-9])")


def _service_terms(bp: Blueprint) -> dict[str, str]:
    """Normalised name/alias -> canonical service name."""
    terms: dict[str, str] = {}
    for service in bp.services:
        for raw in (service.name, *service.aliases):
            term = normalize(raw)
            terms[term] = service.name
            terms.setdefault(_SERVICE_PREFIX.sub("", term), service.name)
    return terms


def _index(bp: Blueprint) -> _Index:
    """Lookup tables for one blueprint, built once."""
    cached = _INDEXES.get(id(bp))
    if cached and cached[0] is bp:
        return cached[1]
    domains = {normalize(t): d.id for d in bp.domains for t in (d.name, *d.aliases)}
    tasks = {normalize(t.name): t.id for t in bp.tasks}
    services = _service_terms(bp)
    index = _Index(domains, tasks, services, _phrase_pattern(services), _phrase_pattern(domains))
    _INDEXES[id(bp)] = (bp, index)
    return index


def _known_domain(number: str, bp: Blueprint) -> int | None:
    return int(number) if int(number) in {d.id for d in bp.domains} else None


def _rest_agrees(rest: str | None, domain_id: int, bp: Blueprint) -> bool:
    """A name after a domain number must not point at another domain."""
    if not rest:
        return True
    other = _index(bp).domains.get(rest)
    return other is None or other == domain_id


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


def map_service(label: str | None, bp: Blueprint) -> str | None:
    """Canonical service name for a service name or alias ('KDS', 'aws glue')."""
    text = normalize(label)
    index = _index(bp)
    return index.services.get(text) or (index.services.get(text[:-1]) if text.endswith("s") else None)


def _single_domain(services: list[str], bp: Blueprint) -> int | None:
    """The one domain all these services serve between them, if it is exactly one."""
    served = {d for s in bp.services if s.name in services for d in s.domains}
    return served.pop() if len(served) == 1 else None


def map_domain(label: str | None, bp: Blueprint) -> int | None:
    """Domain id for 'Domain 1: ...', a domain name, 'D1', '1', a task id or a one-domain service."""
    text = _PERCENT.sub(" ", normalize(label)).strip()
    if not text:
        return None
    index = _index(bp)
    if text in index.domains:
        return index.domains[text]
    numbered = _NUMBERED.match(text)
    if numbered:
        if numbered.group(2) == "0":
            return _known_domain(numbered.group(1), bp)
        task_id = map_task(text, bp)
        return int(task_id.split(".")[0]) if task_id else None
    for pattern in (_DOMAIN_PREFIX, _NUMBER_PREFIX):
        match = pattern.match(text)
        if match:
            domain_id = _known_domain(match.group(1), bp)
            return domain_id if domain_id and _rest_agrees(match.group(2), domain_id, bp) else None
    task_id = map_task(text, bp)
    if task_id:
        return int(task_id.split(".")[0])
    service = map_service(text, bp)
    return _single_domain([service], bp) if service else None


def find_services(text: str | None, bp: Blueprint) -> list[str]:
    """Canonical services mentioned in free text, distinct, in order of first appearance."""
    index = _index(bp)
    found: list[str] = []
    for match in index.service_pattern.finditer(normalize(text)):
        term = match.group(0)
        name = index.services.get(term) or index.services.get(term[:-1])
        if name and name not in found:
            found.append(name)
    return found


def _explicit_domains(text: str, bp: Blueprint) -> set[int]:
    """Domains named by number ('Domain 2', 'd3') or by task ('Task 1.2') in normalised text."""
    ids = {_known_domain(n, bp) for n in _DOMAIN_MENTION.findall(text)}
    ids |= {int(t.split(".")[0]) for t in _TASK_MENTION.findall(text) if map_task(t, bp)}
    return ids


def map_topic(text: str | None, bp: Blueprint) -> tuple[int | None, str | None]:
    """(domain id, canonical service) for a study-log description, tag or Anki deck name."""
    whole = map_domain(text, bp)
    norm = normalize(text)
    services = find_services(norm, bp)
    service = services[0] if services else None
    if whole is not None:
        return whole, service
    explicit = _explicit_domains(norm, bp)
    if explicit:
        return (explicit.pop() if len(explicit) == 1 and None not in explicit else None), service
    index = _index(bp)
    remainder = index.service_pattern.sub(" ", norm)
    named = {index.domains[m.group(0)] for m in index.domain_pattern.finditer(remainder)
             if m.group(0) in index.domains}
    if named:
        return (named.pop() if len(named) == 1 else None), service
    return _single_domain(services, bp), service
