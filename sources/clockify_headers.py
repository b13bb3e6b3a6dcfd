"""Clockify's column names in the languages it exports in: Clockify writes a report's header in the
user's interface language (English, French, German, Spanish or Portuguese: Preferences → Language),
its cells in the profile's date, time and number formats (sources/datetimes.py reads those in any).

Only names seen in public exports and tools reading them are listed (docs/formats.md says where): French
without its task and tags columns (unconfirmed: not read, which `run` says). A report in a
language not listed is told by `sources.format_hints` which columns are expected.
"""
from __future__ import annotations

from sources.csv_columns import norm

# Each language's name -> the English column's normalised name (as `csv_columns.norm` writes it). Columns not
# read (Client, Group, Billable, End…, rates) are left out; Email and Tags are the English names in German.
LABELS = {
    "French": {"Projet": "project", "Description": "description", "Utilisateur": "user", "Email": "email",
               "Date de début": "start date", "Heure de début": "start time", "Durée (décimal)": "duration decimal"},
    "German": {"Projekt": "project", "Beschreibung": "description", "Aufgabe": "task", "Benutzer": "user",
               "E-Mail": "email", "Startdatum": "start date", "Startzeit": "start time",
               "Dauer (h)": "duration h", "Dauer (dezimal)": "duration decimal"},
    "Spanish": {"Proyecto": "project", "Descripción": "description", "Tarea": "task", "Usuario": "user",
                "Correo electrónico": "email", "Etiquetas": "tags", "Fecha de inicio": "start date",
                "Hora de inicio": "start time", "Duración (h)": "duration h",
                "Duración (decimal)": "duration decimal"},
    "Portuguese": {"Projeto": "project", "Descrição": "description", "Tarefa": "task", "Usuário": "user",
                   "Do utilizador": "user", "E-mail": "email", "Etiquetas": "tags", "Etiqueta": "tags",
                   "Data de início": "start date", "Hora de início": "start time", "Duração (h)": "duration h",
                   "Duração (decimal)": "duration decimal"},
}
LOCALIZED = {norm(name): english for names in LABELS.values() for name, english in names.items()}
LANGUAGES = ", ".join(["English", *LABELS][:-1]) + f" or {[*LABELS][-1]}"  # 'English, German, … or Portuguese'
DURATIONS = {"duration h", "duration decimal"}
FRENCH = {norm("Date de début"), norm("Heure de début")}  # a French header, read without its task and tags
FRENCH_NOTE = ("a French export: its task and tags columns are not read (their French names are not confirmed "
               "yet), so an entry's project is the project alone; docs/formats.md")


def language_note(names: set[str]) -> str | None:
    """What a run says of a header (normalised names) in a language read in part: French's."""
    return FRENCH_NOTE if FRENCH <= names else None


def english(name: str) -> str:
    """A normalised header name as the English export's ('startdatum' -> 'start date'); others unchanged."""
    return LOCALIZED.get(name, name)


def looks_like_clockify(names: list[str]) -> bool:
    """Whether normalised header names have Clockify's two durations in some language: 'X (h)' and
    'X (…)' beside it ('durata h', 'durata decimale'), as a detailed report in any language has."""
    hours = {n[:-1] for n in names if n.endswith(" h") and len(n) > 2}
    return any(n.startswith(stem) and not n.endswith(" h") for stem in hours for n in names)


def in_a_language_not_read(names: list[str]) -> bool:
    """Whether normalised header names look like Clockify's (`looks_like_clockify`) with durations named in a
    language not in LABELS (an Italian-named 'durata h' and 'durata decimale')."""
    return looks_like_clockify(names) and not DURATIONS & set(map(english, names))
