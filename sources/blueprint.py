"""Exam blueprints: domains, tasks, services and scoring, loaded from data files (sources/blueprints/*.yaml)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from sources.blueprint_model import Blueprint, BlueprintError
from sources.blueprint_parse import parse_blueprint

BLUEPRINT_DIR = Path(__file__).parent / "blueprints"
__all__ = ["BLUEPRINT_DIR", "Blueprint", "BlueprintError", "available_exams", "load_blueprint", "load_blueprint_file",
           "parse_blueprint"]


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
