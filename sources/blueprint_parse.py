"""A Blueprint built from the mapping read out of a blueprint file, with errors naming the key and line."""
from __future__ import annotations

import re

from sources.blueprint_checks import check_blueprint
from sources.blueprint_model import Blueprint, BlueprintError, Domain, Family, Scoring, Service, Task

TASK_ID = re.compile(r"^(\d+)\.(\d+)$")


def _at(where: str, item) -> str:
    line = getattr(item, "line", None)
    return f"{where} (line {line})" if line else where


def _require(data, key: str, where: str):
    if not isinstance(data, dict) or key not in data:
        raise BlueprintError(f"{_at(where, data)}: missing required key '{key}'")
    return data[key]


def _convert(kind, data, key: str, where: str):
    value = _require(data, key, where)
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise BlueprintError(f"{_at(where, data)}: '{key}' should be {kind.__name__}, got {value!r}") from None


def _items(data, key: str, where: str, kind=None) -> list:
    """An optional list-valued key, every item converted with kind (if given)."""
    value = data.get(key) or []
    if not isinstance(value, list):
        raise BlueprintError(f"{_at(where, data)}: '{key}' should be a list, got {value!r}")
    try:
        return [kind(v) for v in value] if kind else value
    except (TypeError, ValueError):
        raise BlueprintError(f"{_at(where, data)}: '{key}' should hold {kind.__name__} values, got {value!r}") from None


def _parse_domain(d, where: str) -> tuple[Domain, list[Task]]:
    domain = Domain(_convert(int, d, "id", where), _convert(str, d, "name", where),
                    _convert(float, d, "weight", where), tuple(_items(d, "aliases", where, str)))
    tasks = []
    for j, t in enumerate(_items(d, "tasks", where)):
        tw = f"{where}.tasks[{j}]"
        task = Task(_convert(str, t, "id", tw), domain.id, _convert(str, t, "name", tw))
        match = TASK_ID.match(task.id)
        if not match or int(match.group(1)) != domain.id:
            raise BlueprintError(f"{_at(tw, t)}: task id '{task.id}' should look like '{domain.id}.<n>'")
        tasks.append(task)
    return domain, tasks


def _parse_service(s, where: str, domain_ids: set[int]) -> Service:
    service = Service(_convert(str, s, "name", where), tuple(_items(s, "aliases", where, str)),
                      tuple(_items(s, "domains", where, int)), str(s.get("category", "")))
    unknown = set(service.domains) - domain_ids
    if unknown:
        raise BlueprintError(f"{_at(where, s)} ({service.name}): unknown domain ids {sorted(unknown)}")
    return service


def parse_blueprint(data: dict, source: str = "<data>") -> Blueprint:
    """Build and check a Blueprint from the mapping read out of a blueprint file."""
    if not isinstance(data, dict):
        raise BlueprintError(f"{source}: expected a mapping of exam facts, got {type(data).__name__}")
    scoring_raw = _require(data, "scoring", source)
    scoring = Scoring(*(_convert(int, scoring_raw, k, f"{source}: scoring")
                        for k in ("min", "max", "pass_mark", "scored", "unscored")))
    domains, tasks = [], []
    for i, d in enumerate(_require(data, "domains", source) or []):
        domain, domain_tasks = _parse_domain(d, f"{source}: domains[{i}]")
        domains.append(domain)
        tasks.extend(domain_tasks)
    domain_ids = {d.id for d in domains}
    services = [_parse_service(s, f"{source}: services[{i}]", domain_ids)
                for i, s in enumerate(data.get("services") or [])]
    families = [Family(str(name), tuple(members or ())) for name, members in (data.get("families") or {}).items()]
    bp = Blueprint(_convert(str, data, "code", source), _convert(str, data, "name", source),
                   str(data.get("version", "")), scoring, tuple(domains), tuple(tasks),
                   tuple(services), source, tuple(families), tuple(map(str, data.get("other_services") or ())))
    check_blueprint(bp, source)
    return bp

