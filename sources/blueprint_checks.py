"""Consistency rules every exam blueprint must satisfy: weights, unique ids, names and aliases."""
from __future__ import annotations

import re

from sources.blueprint_model import Blueprint, BlueprintError


def _label_key(text: str) -> str:
    """Case/punctuation-insensitive form of a name, to catch duplicate aliases."""
    return " ".join(re.sub(r"[^a-z0-9.]+", " ", str(text).lower().replace("&", " and ")).split())


def _check_unique(names, what: str, source: str) -> None:
    seen: dict[str, str] = {}
    for owner, label in names:
        key = _label_key(label)
        if key in seen and seen[key] != owner:
            raise BlueprintError(f"{source}: {what} '{label}' is used by both '{seen[key]}' and '{owner}'")
        seen[key] = owner


def check_blueprint(bp: Blueprint, source: str) -> None:
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
