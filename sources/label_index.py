"""Normalised label text and the per-blueprint lookup tables (and answer memo) the label mappers share."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import wraps

from sources.blueprint import Blueprint

HYPHENS = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # '-', Unicode hyphens and dashes, minus sign
_SEPARATORS = re.compile(rf"::|[_/|#,;:()\[\]{{}}\"*+=<>!?{HYPHENS}]+")
_CAMEL_PARTS = re.compile(r"[A-Z][a-z]+|[A-Z]{2,}(?![a-z])")
_LONE_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
_DOMAIN_WORD = re.compile(r"\bdomain (one|two|three|four|five|six)\b")
_MEMO_LIMIT = 100_000


def normalize(text: str | None) -> str:
    """Lower-case, '&' -> 'and', separators and punctuation -> single spaces."""
    if not text:
        return ""
    s = str(text).lower().replace("&", " and ")
    s = _LONE_DOT.sub(" ", _SEPARATORS.sub(" ", re.sub(r"['`\u2018\u2019]", " ", s)))
    s = _DOMAIN_WORD.sub(lambda m: "domain " + _NUMBER_WORDS[m.group(1)], " ".join(s.split()))
    return s


def whole_words(terms, plural: bool = False, flags: int = 0) -> re.Pattern:
    """One regex matching any term as whole words, longest first (optionally with a plural 's')."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t)) or ["(?!x)x"]
    alternatives = "|".join(re.escape(t) for t in ordered)
    suffix = "(?:s)?" if plural else ""
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives}){suffix}(?![a-z0-9])", flags)


@dataclass(frozen=True)
class LabelIndex:
    """A blueprint's normalised names: domains, tasks, services (with aliases) and umbrella words."""
    domains: dict[str, int]
    tasks: dict[str, str]
    services: dict[str, str]
    families: dict[str, tuple[str, ...]]
    service_pattern: re.Pattern
    compact: dict[str, str]  # a name of several words written as one ('lakeformation', a tag's spelling)
    compact_pattern: re.Pattern
    family_pattern: re.Pattern
    domain_pattern: re.Pattern
    split_pattern: re.Pattern  # a one-word name's capitalised parts written apart ('Event Bridge', 'Dynamo DB')
    other_pattern: re.Pattern  # services outside the exam named with an umbrella word ('Kinesis Video Streams')
    memo: dict = field(default_factory=dict)

    def service_named(self, term: str) -> str | None:
        """The service a matched term names, as written, singular or written as one word ('LakeFormation')."""
        return self.services.get(term) or self.services.get(term[:-1]) or self.compact.get(term) \
            or self.compact.get(term[:-1])

    def joined(self, text: str) -> str:
        """Text with a one-word name written in its capitalised parts made one word again: 'Event Bridge',
        'Cloud-Trail', 'DATA SYNC' -> 'EventBridge', 'CloudTrail', 'DataSync'; 'the data sync' stays prose."""
        def join(match: re.Match) -> str:
            written = re.split(f"[ {HYPHENS}]", match.group(0))
            return "".join(written) if all(part[0].isupper() for part in written) else match.group(0)
        return self.split_pattern.sub(join, text)

    def without_services(self, text: str) -> str:
        """Normalised text with every service name blanked, the exam's and the others the blueprint lists
        ('Kinesis' in 'Kinesis Data Streams' or in 'Kinesis Video Streams' is no umbrella word)."""
        return self.other_pattern.sub(" ", self.service_pattern.sub(" ", text))

    def umbrella_words(self, text: str) -> list[str]:
        """The umbrella words ('kinesis') of normalised text outside its service names, in order."""
        return [m.group(0) for m in self.family_pattern.finditer(self.without_services(text))]


_INDEXES: dict[int, tuple[Blueprint, LabelIndex]] = {}


def index_for(bp: Blueprint) -> LabelIndex:
    """Lookup tables for one blueprint, built once per blueprint object."""
    cached = _INDEXES.get(id(bp))
    if cached and cached[0] is bp:
        return cached[1]
    domains = {normalize(t): d.id for d in bp.domains for t in (d.name, *d.aliases)}
    tasks = {normalize(t.name): t.id for t in bp.tasks}
    services = {normalize(t): s.name for s in bp.services for t in (s.name, *s.aliases)}
    families = {normalize(f.name): f.services for f in bp.families}
    compact = {term.replace(" ", ""): name for term, name in services.items() if " " in term}
    index = LabelIndex(domains, tasks, services, families, whole_words(services, plural=True),
                       compact, whole_words(compact, plural=True), whole_words(families), whole_words(domains),
                       split_names(t for s in bp.services for t in (s.name, *s.aliases)),
                       whole_words([normalize(name) for name in bp.other_services], plural=True))
    _INDEXES[id(bp)] = (bp, index)
    return index


def split_names(terms) -> re.Pattern:
    """Any one-word name of two or more capitalised parts ('EventBridge', 'DynamoDB') written as its parts
    apart, with a space or a hyphen, any case (`LabelIndex.joined` keeps only capitalised ones)."""
    words = {w for term in terms for w in term.split() if len(parts := _CAMEL_PARTS.findall(w)) > 1
             and "".join(parts) == w}
    spellings = [f"[ {HYPHENS}]".join(map(re.escape, _CAMEL_PARTS.findall(w))) for w in sorted(words)]
    return re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(spellings) or '(?!x)x'})s?(?![A-Za-z0-9])", re.IGNORECASE)


def memoized(mapper):
    """Remember a mapper's answers per blueprint: the same labels repeat across thousands of rows."""
    @wraps(mapper)
    def wrapper(label, bp: Blueprint):
        memo, key = index_for(bp).memo, (mapper.__name__, label)
        if key not in memo:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[key] = mapper(label, bp)
        return memo[key]
    return wrapper
