"""Clockify names its CSV columns in the user's language: a German, Spanish or Portuguese export loads as the
English export of the same entries does, a French one too but for its task and tags (names unconfirmed);
one in a language not read is rejected naming the columns expected. Fixtures: tests/fixtures/clockify_locales
(de.csv and its English twin en.csv)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sources.canonical import FormatError
from sources.clockify_headers import FRENCH_NOTE
from sources.registry import parse_file
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from tests.test_bulk_sessions import CLOCKIFY, _both_paths, messy_export
from warehouse import validation

LOCALES = Path(__file__).parent / "fixtures" / "clockify_locales"
SESSIONS = "SELECT * EXCLUDE (load_id) FROM staging.study_sessions ORDER BY started_at, line"
# The English header's first 15 names in Spanish (a public export, "Informe Detallado de Horas") and in
# Brazilian Portuguese, over the German rows (dates and clock are profile settings apart from the language).
SPANISH = ("Proyecto,Cliente,Descripción,Tarea,Usuario,Grupo,Correo electrónico,Etiquetas,Facturable,Fecha de inicio,"
           "Hora de inicio,Fecha de finalización,Hora de finalización,Duración (h),Duración (decimal)")
PORTUGUESE = ("Projeto,Cliente,Descrição,Tarefa,Usuário,Grupo,E-mail,Etiquetas,Faturável,Data de início,"
              "Hora de início,Data de término,Hora de término,Duração (h),Duração (decimal)")
# French: the names a public importer of French Clockify exports reads (a Dolibarr module); Tâche, Balises and
# Durée (h) are our guesses, not read. ITALIAN: no language Clockify exports in, for a language not read.
FRENCH = ("Projet,Client,Description,Tâche,Utilisateur,Groupe,Email,Balises,Facturable,Date de début,Heure de début,"
          "Date de fin,Heure de fin,Durée (h),Durée (décimal)")
ITALIAN = ("Progetto,Cliente,Descrizione,Attività,Utente,Gruppo,Email,Tag,Fatturabile,Data di inizio,Ora di inizio,"
           "Data di fine,Ora di fine,Durata (h),Durata (decimale)")


def _staged(tmp_path: Path, fixture: str) -> tuple[list[tuple], str]:
    """staging.study_sessions after `examready run` on a new workspace holding the fixture as
    hours/clockify.csv, and what the run printed."""
    ws = new_workspace(tmp_path / fixture)
    shutil.copyfile(LOCALES / fixture, ws.inbox / "hours" / "clockify.csv")
    out = run_cli("run", "-w", str(ws.root)).stdout
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return con.execute(SESSIONS).fetchall(), out


def test_a_german_export_stages_the_rows_of_its_english_twin(tmp_path):
    german, said = _staged(tmp_path, "de.csv")
    english, _ = _staged(tmp_path, "en.csv")
    assert "loaded    hours/clockify.csv (clockify): 5 loaded, 0 quarantined" in said  # was rejected: unknown format
    assert german == english and len(german) == 5
    first = german[0]
    assert first[1:6] == (pd.Timestamp("2026-02-03 07:15").to_pydatetime(), 45.0, "Kinesis vs MSK",
                          "DEA-C01 / Domain 1", "aws, streaming")


def _translated(tmp_path: Path, header: str) -> Path:
    """The German fixture's first 15 columns under another language's header (its dates and times as they are)."""
    with open(LOCALES / "de.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    path = tmp_path / "export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle, lineterminator="\n").writerows(row[:15] for row in rows)
    return path


def _sessions(path: Path) -> pd.DataFrame:
    adapter, tables = parse_file(path)
    assert adapter.FORMAT == "clockify"
    return tables["study_sessions"].drop(columns=["cells", "extra_cells"])


@pytest.mark.parametrize("header", [SPANISH, PORTUGUESE], ids=["spanish", "portuguese"])
def test_spanish_and_portuguese_headers_read_as_the_english_ones(tmp_path, header):
    path = _translated(tmp_path, header)
    pd.testing.assert_frame_equal(_sessions(path), _sessions(LOCALES / "en.csv"))


def test_an_english_column_is_read_before_a_column_named_as_in_another_language(tmp_path):
    """An English export whose custom field is called 'Aufgabe' reads as before: Task is the task."""
    english = (LOCALES / "en.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "custom-field.csv"
    path.write_text("\n".join([english[0] + ",Aufgabe", *(line + ",other" for line in english[1:])]) + "\n")
    pd.testing.assert_frame_equal(_sessions(path), _sessions(LOCALES / "en.csv"))


def test_a_french_export_reads_as_the_english_one_without_its_task_and_tags(tmp_path):
    french, english = _sessions(_translated(tmp_path, FRENCH)), _sessions(LOCALES / "en.csv")
    assert french.attrs["warnings"] == [FRENCH_NOTE] and english.attrs["warnings"] == []
    assert list(french["project"].unique()) == ["DEA-C01"] and french["tags"].isna().all()  # 'Tâche', 'Balises'
    assert list(english["project"].unique()) != ["DEA-C01"] and english["tags"].notna().any()
    # minutes from Durée (décimal), hours to two decimals: within 18 s of Duration (h)'s
    assert (french["minutes"] - english["minutes"]).abs().max() <= 0.3
    assert (french["minutes"] != english["minutes"]).any()
    pd.testing.assert_frame_equal(french.drop(columns=["project", "tags", "minutes"]),
                                  english.drop(columns=["project", "tags", "minutes"]))


def test_an_export_in_a_language_not_read_is_rejected_naming_the_columns_expected(tmp_path):
    with pytest.raises(FormatError) as err:
        parse_file(_translated(tmp_path, ITALIAN))
    message = str(err.value)
    assert "export.csv:1: unknown file format — looks like a Clockify detailed report in a language not read: " \
           "clockify needs" in message
    assert ("clockify needs Description, Project, Start Date, Start Time and Duration (h) or Duration (decimal), "
            "named in English, French, German, Spanish or Portuguese") in message
    assert "Preferences → Language" in message and "per_question_csv needs" not in message


def test_a_large_german_export_takes_the_bulk_path_and_stores_what_its_english_twin_does(tmp_path, monkeypatch):
    """The bulk path (warehouse/bulk_sessions.py) reads the columns by the names the pandas path reads them by."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    (tmp_path / "en").mkdir()
    (tmp_path / "de").mkdir()
    english = messy_export(tmp_path / "en" / "export.csv", CLOCKIFY, ["ana", "ben"], rows=300)
    german_header = (LOCALES / "de.csv").read_text(encoding="utf-8").split("\n")[0].rsplit(",", 2)[0]  # CLOCKIFY's 15
    german = tmp_path / "de" / "export.csv"
    german.write_text("\n".join([german_header, *english.read_text().split("\n")[1:]]), encoding="utf-8")
    bulk_de, taken = _both_paths(german.parent, monkeypatch, german)
    assert taken == [bulk_de]  # the bulk path read it (both paths store the same: `_both_paths`)
    bulk_en, _ = _both_paths(english.parent, monkeypatch, english)
    assert bulk_de.rows_in == bulk_en.rows_in == 300 and bulk_de.rows_quarantined == bulk_en.rows_quarantined > 0
    query = "SELECT * EXCLUDE (load_id) FROM raw.study_sessions ORDER BY line, line_row"
    with duckdb.connect(str(german.parent / "bulk.duckdb"), read_only=True) as de, \
            duckdb.connect(str(english.parent / "bulk.duckdb"), read_only=True) as en:
        assert de.execute(query).fetchall() == en.execute(query).fetchall()


def test_a_large_french_export_takes_the_bulk_path_and_says_what_is_not_read(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    messy_export(tmp_path / "export.csv", CLOCKIFY, ["ana", "ben"], rows=300)
    french = tmp_path / "export-fr.csv"
    french.write_text("\n".join([FRENCH, *(tmp_path / "export.csv").read_text().split("\n")[1:]]), encoding="utf-8")
    (tmp_path / "export.csv").unlink()
    bulk, taken = _both_paths(tmp_path, monkeypatch, french)  # both paths store the same
    assert taken == [bulk] and bulk.rows_in == 300
    assert capsys.readouterr().err.count(FRENCH_NOTE) == 2  # the bulk path's run and the pandas path's
