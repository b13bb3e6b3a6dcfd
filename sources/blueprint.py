"""Exam blueprints: domains, tasks, services and scoring, loaded from data files."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

BLUEPRINT_DIR = Path(__file__).parent / "blueprints"
TASK_ID = re.compile(r"^(\d+)\.(\d+)$")


class BlueprintError(ValueError):
    """A blueprint file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Task:
    id: str
    domain_id: int
    name: str


@dataclass(frozen=True)
class Domain:
    id: int
    name: str
    weight: float
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Service:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[int, ...]
    category: str = ""


@dataclass(frozen=True)
class Family:
    """An umbrella word ('Kinesis') naming several services at once; never a service itself."""
    name: str
    services: tuple[str, ...]


@dataclass(frozen=True)
class Scoring:
    min: int
    max: int
    pass_mark: int
    scored: int
    unscored: int


@dataclass(frozen=True)
class Blueprint:
    code: str
    name: str
    version: str
    scoring: Scoring
    domains: tuple[Domain, ...]
    tasks: tuple[Task, ...]
    services: tuple[Service, ...] = field(default=())
    source_file: str = ""
    families: tuple[Family, ...] = field(default=())

    def domain(self, domain_id: int) -> Domain:
        return next(d for d in self.domains if d.id == domain_id)

    def service(self, name: str) -> Service:
        return next(s for s in self.services if s.name == name)


class _Located(dict):
    """A mapping read from YAML that remembers its line number."""
    line: int | None = None


def _construct_located(loader, node):
    data = _Located()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's when PyYAML has it: ~5x faster) whose mappings carry the YAML line they start on."""


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_located)


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


def _label_key(text: str) -> str:
    """Case/punctuation-insensitive form of a name, to catch duplicate aliases."""
    return " ".join(re.sub(r"[^a-z0-9.]+", " ", str(text).lower().replace("&", " and ")).split())


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


def _check_unique(names, what: str, source: str) -> None:
    seen: dict[str, str] = {}
    for owner, label in names:
        key = _label_key(label)
        if key in seen and seen[key] != owner:
            raise BlueprintError(f"{source}: {what} '{label}' is used by both '{seen[key]}' and '{owner}'")
        seen[key] = owner


def _check(bp: Blueprint, source: str) -> None:
    """Consistency rules every blueprint must satisfy."""
    if not bp.domains:
        raise BlueprintError(f"{source}: no domains")
    if any(not 0 < d.weight <= 1 for d in bp.domains):
        raise BlueprintError(f"{source}: every domain weight must be a fraction in (0, 1], like 0.34")
    total = sum(d.weight for d in bp.domains)
    if abs(total - 1.0) > 1e-6:
        raise BlueprintError(f"{source}: domain weights add up to {total:.4f}, expected 1.0")
    for what, ids in (("domain id", [d.id for d in bp.domains]), ("task id", [t.id for t in bp.tasks]),
                      ("service name", [s.name for s in bp.services])):
        dupes = sorted({str(i) for i in ids if ids.count(i) > 1})
        if dupes:
            raise BlueprintError(f"{source}: duplicate {what}s {', '.join(dupes)}")
    _check_unique([(d.name, a) for d in bp.domains for a in (d.name, *d.aliases)], "domain alias", source)
    _check_unique([(t.id, t.name) for t in bp.tasks], "task name", source)
    _check_unique([(s.name, a) for s in bp.services for a in (s.name, *s.aliases)], "service alias", source)
    names = {s.name for s in bp.services}
    _check_unique([(s.name, a) for s in bp.services for a in (s.name, *s.aliases)]
                  + [(f"family {f.name}", f.name) for f in bp.families], "service alias or family", source)
    for family in bp.families:
        if not family.services or set(family.services) - names:
            raise BlueprintError(f"{source}: family '{family.name}' must list known services, "
                                 f"unknown: {sorted(set(family.services) - names)}")
    s = bp.scoring
    if not s.min < s.pass_mark <= s.max:
        raise BlueprintError(f"{source}: pass_mark {s.pass_mark} outside {s.min}..{s.max}")


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
                   tuple(services), source, tuple(families))
    _check(bp, source)
    return bp


def load_blueprint_file(path: Path) -> Blueprint:
    """Read one blueprint YAML file, with errors that name the file and line."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise BlueprintError(f"{path}:{line} is not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    except OSError as exc:
        raise BlueprintError(f"{path}: cannot read blueprint ({exc.strerror})") from exc
    return parse_blueprint(data, str(path))


def available_exams(directory: Path = BLUEPRINT_DIR) -> dict[str, Path]:
    """Exam code -> blueprint file, for every *.yaml in the blueprint folder."""
    return {p.stem.upper(): p for p in sorted(directory.glob("*.yaml"))}


def load_blueprint(code: str, directory: Path = BLUEPRINT_DIR) -> Blueprint:
    """The blueprint for an exam code such as 'DEA-C01' (any case), loaded once."""
    return _load_cached(str(code).strip().upper(), Path(directory))


@lru_cache(maxsize=16)
def _load_cached(code: str, directory: Path) -> Blueprint:
    exams = available_exams(directory)
    path = exams.get(code)
    if path is None:
        raise BlueprintError(f"unknown exam '{code}'; known: {', '.join(exams) or 'none'}"
                             f" (add a file to {directory})")
    return load_blueprint_file(path)
