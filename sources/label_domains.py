"""Domain and task labels ('Domain 1: ...', 'D1', 'Task 1.2', topics) onto blueprint ids; None, never a guess."""
from __future__ import annotations

import re
from functools import lru_cache

from sources.blueprint import Blueprint
from sources.label_index import index_for, memoized, normalize
from sources.label_services import find_services

_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s*%")
_DOMAIN_PREFIX = re.compile(r"^(?:domain|d)\s*(\d+)(?:\s+(.*))?$")
_NUMBER_PREFIX = re.compile(r"^(\d+)(?:\s+(.*))?$")
_NUMBERED = re.compile(r"^(\d+)\.(\d+)$")
_TASK_PREFIX = re.compile(r"^(?:task(?:\s+statement)?\s*)?(\d+\.\d+)(?:\s+(.*))?$")
_DOMAIN_MENTION = re.compile(r"(?<![a-z0-9.])(?:domain\s*|d)(\d+)(?![a-z0-9]|\.\d)")
_TASK_MENTION = re.compile(r"(?<![a-z0-9.])task(?:\s+statement)?\s*(\d+\.\d+)(?![0-9])")


def _known_domain(number: str, bp: Blueprint) -> int | None:
    return int(number) if int(number) in {d.id for d in bp.domains} else None


def _only(ids: set) -> int | None:
    return next(iter(ids)) if len(ids) == 1 and None not in ids else None


def _task_domain(task_id: str | None) -> int | None:
    return int(task_id.split(".")[0]) if task_id else None


@memoized
def map_task(label: str | None, bp: Blueprint) -> str | None:
    """Task id for '1.1', 'Task 1.1', 'Task Statement 1.1: Perform data ingestion' or a task name."""
    text = normalize(label)
    index = index_for(bp)
    match = _TASK_PREFIX.match(text)
    if match:
        task_id, rest = match.groups()
        if task_id not in {t.id for t in bp.tasks}:
            return None
        named = index.tasks.get(rest) if rest else None
        return task_id if named in (None, task_id) else None
    return index.tasks.get(text)


def _evidence_domain(text: str, bp: Blueprint) -> int | None:
    """The one domain every service (or umbrella word like 'Kinesis') mentioned serves, if any."""
    index = index_for(bp)
    evidence = [set(bp.service(name).domains) for name in find_services(text, bp)]
    evidence += [{d for name in index.families[word] for d in bp.service(name).domains}
                 for word in index.umbrella_words(text)]
    evidence = [domains for domains in evidence if domains]  # a service serving no domain says nothing
    return _only(set.intersection(*evidence)) if evidence else None


def _numbered_domains(text: str, bp: Blueprint) -> set[int | None]:
    """Domains normalised text numbers: 'Domain 2', 'd3', 'Task 1.2' (None for a number of no domain)."""
    ids = {_known_domain(n, bp) for n in _DOMAIN_MENTION.findall(text)}
    return ids | {_task_domain(map_task(t, bp)) for t in _TASK_MENTION.findall(text)}


def _domain_signals(text: str, bp: Blueprint) -> set[int | None]:
    """Domains named in normalised text: 'Domain 2', 'd3', 'Task 1.2', or a domain name/alias."""
    index = index_for(bp)
    named = {index.domains[m.group(0)] for m in index.domain_pattern.finditer(index.without_services(text))}
    return _numbered_domains(text, bp) | named


def _structured_domain(text: str, bp: Blueprint) -> int | None:
    """Domain from a label shaped like a domain: its name, '1', '1.0', '1.3', 'D1: name', a task."""
    index = index_for(bp)
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


@lru_cache(maxsize=1)
def _installed_domain_names() -> frozenset[str]:
    """The domain names of every installed exam, normalised."""
    from sources.blueprint import available_exams, load_blueprint

    return frozenset(normalize(domain.name) for code in available_exams() for domain in load_blueprint(code).domains)


def _another_exams_domain(text: str, bp: Blueprint) -> bool:
    """Whether a normalised label is, or numbers, a domain of another installed exam by its name and no domain
    of this one: 'Domain 1: Design Secure Architectures' is SAA-C03's, not DEA-C01's domain 1."""
    match = _DOMAIN_PREFIX.match(text) or _NUMBER_PREFIX.match(text)
    name = match.group(2) if match and match.group(2) else text
    return name in _installed_domain_names() and name not in index_for(bp).domains


def _label_text(label: str | None, bp: Blueprint) -> str:
    """A domain or task label normalised, a percent ('(26%)') and the exam code in front of it left out."""
    return " ".join(_PERCENT.sub(" ", normalize(label)).removeprefix(normalize(bp.code)).split())


@memoized
def map_domain(label: str | None, bp: Blueprint) -> int | None:
    """Domain id for 'Domain 1: ...', a domain name, 'D1', '1', a task, or one-domain services."""
    text = _label_text(label, bp)
    if not text:
        return None
    if _another_exams_domain(text, bp):
        return None
    structured = _structured_domain(text, bp)
    if structured is not None:
        return structured
    signals = _domain_signals(text, bp)
    return _only(signals) if signals else _evidence_domain(text, bp)


@memoized
def label_task(label: str | None, bp: Blueprint) -> str | None:
    """The task statement a summary row's label names ('Task 1.2: Transform and process data', '1.2', a task's
    name; a percent or the exam code around it aside), None for a domain's label ('Domain 1', '1.0')."""
    text = _label_text(label, bp)
    return map_task(text, bp) if text else None


@memoized
def topic_domain(text: str | None, bp: Blueprint) -> int | None:
    """Domain of free text (a study entry's description, project and tags; a flashcard deck): the one domain it
    numbers ('Domain 2', 'd2', 'Task 2.1') when it numbers any, whatever words of other domains it has
    ('DynamoDB security best practices' in a project 'DEA-C01 Domain 2' is domain 2), else `map_domain`."""
    label = _label_text(text, bp)
    numbered = _numbered_domains(label, bp) if label and not _another_exams_domain(label, bp) else set()
    return _only(numbered) if numbered else map_domain(text, bp)


@memoized
def map_topic(text: str | None, bp: Blueprint) -> tuple[int | None, str | None]:
    """(domain id, first canonical service) for a study-log description, tag or Anki deck name."""
    services = find_services(text, bp)
    return topic_domain(text, bp), (services[0] if services else None)
