"""An exam blueprint's facts: domains with their weights, tasks, services and scoring."""
from __future__ import annotations

from dataclasses import dataclass, field


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
    other_services: tuple[str, ...] = field(default=())  # outside the exam, named with an umbrella word

    def domain(self, domain_id: int) -> Domain:
        return next(d for d in self.domains if d.id == domain_id)

    def service(self, name: str) -> Service:
        return next(s for s in self.services if s.name == name)
