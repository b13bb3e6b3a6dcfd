"""Exam blueprints: domains, tasks, services and scoring, loaded from data files."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

BLUEPRINT_DIR = Path(__file__).parent / "blueprints"


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

    def domain(self, domain_id: int) -> Domain:
        return next(d for d in self.domains if d.id == domain_id)


def _require(data: dict, key: str, where: str):
    if not isinstance(data, dict) or key not in data:
        raise BlueprintError(f"{where}: missing required key '{key}'")
    return data[key]


def parse_blueprint(data: dict, source: str = "<data>") -> Blueprint:
    """Build and check a Blueprint from the mapping read out of a blueprint file."""
    scoring_raw = _require(data, "scoring", source)
    scoring = Scoring(**{k: int(_require(scoring_raw, k, f"{source}: scoring"))
                         for k in ("min", "max", "pass_mark", "scored", "unscored")})
    domains, tasks = [], []
    for i, d in enumerate(_require(data, "domains", source) or []):
        where = f"{source}: domains[{i}]"
        domain = Domain(int(_require(d, "id", where)), str(_require(d, "name", where)),
                        float(_require(d, "weight", where)), tuple(d.get("aliases") or ()))
        domains.append(domain)
        for j, t in enumerate(d.get("tasks") or []):
            tw = f"{where}.tasks[{j}]"
            tasks.append(Task(str(_require(t, "id", tw)), domain.id, str(_require(t, "name", tw))))
    if not domains:
        raise BlueprintError(f"{source}: no domains")
    total = sum(d.weight for d in domains)
    if abs(total - 1.0) > 1e-6:
        raise BlueprintError(f"{source}: domain weights add up to {total:.4f}, expected 1.0")
    if len({d.id for d in domains}) != len(domains):
        raise BlueprintError(f"{source}: duplicate domain ids")
    domain_ids = {d.id for d in domains}
    services = []
    for i, s in enumerate(data.get("services") or []):
        where = f"{source}: services[{i}]"
        service = Service(str(_require(s, "name", where)), tuple(s.get("aliases") or ()),
                          tuple(int(x) for x in s.get("domains") or ()), str(s.get("category", "")))
        unknown = set(service.domains) - domain_ids
        if unknown:
            raise BlueprintError(f"{where} ({service.name}): unknown domain ids {sorted(unknown)}")
        services.append(service)
    if not scoring.min < scoring.pass_mark <= scoring.max:
        raise BlueprintError(f"{source}: pass_mark {scoring.pass_mark} outside {scoring.min}..{scoring.max}")
    return Blueprint(str(_require(data, "code", source)), str(_require(data, "name", source)),
                     str(data.get("version", "")), scoring, tuple(domains), tuple(tasks),
                     tuple(services), source)


def load_blueprint_file(path: Path) -> Blueprint:
    """Read one blueprint YAML file, with errors that name the file and line."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
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


@lru_cache(maxsize=16)
def load_blueprint(code: str, directory: Path = BLUEPRINT_DIR) -> Blueprint:
    """The blueprint for an exam code such as 'DEA-C01'."""
    exams = available_exams(directory)
    path = exams.get(code.upper())
    if path is None:
        raise BlueprintError(f"unknown exam '{code}'; known: {', '.join(exams) or 'none'}"
                             f" (add a file to {directory})")
    return load_blueprint_file(path)
