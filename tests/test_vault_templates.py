"""An Obsidian vault's templates folder, named in its Templates or Templater settings, is not read as notes."""
from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from warehouse.inbox_rules import left_out

CORE = ".obsidian/templates.json"
TEMPLATER = ".obsidian/plugins/templater-obsidian/data.json"
TEMPLATE = ("---\ndate: {{date}}\n---\n# Daily note <% tp.date.now() %>\n## Amazon Kinesis Data Streams\n"
            "What I read today about shards.\n## Amazon Redshift\nWhat I read today about dist keys.\n")


@pytest.mark.parametrize("settings, note, reason", [
    ({CORE: '{"folder": "Templates"}'}, "Templates/Daily note.md", "template"),
    ({CORE: '{"folder": "Templates"}'}, "Glue.md", None),
    ({TEMPLATER: '{"templates_folder": "Tpl", "trigger_on_file_creation": false}'}, "Tpl/Daily note.md", "template"),
    ({CORE: '{"folder": "Meta/Templates"}'}, "Meta/Templates/Daily note.md", "template"),
    ({CORE: '{"folder": "Meta/Templates"}'}, "Meta/Templates/Weekly/Review.md", "template"),
    ({CORE: '{"folder": "Meta/Templates"}'}, "Meta/Glue.md", None),
    ({CORE: '{"folder": "Meta/Templates"}'}, "Templates/Daily note.md", None),
    ({CORE: '{"folder": "/Templates/"}'}, "Templates/Daily note.md", "template"),
    ({CORE: '{"folder": "templates"}'}, "Templates/Daily note.md", "template"),  # Obsidian on macOS finds it
    ({CORE: '\ufeff{"folder": "Templates"}'}, "Templates/Daily note.md", "template"),
    ({CORE: '{"folder": "Templates"}', TEMPLATER: '{"templates_folder": "Tpl"}'}, "Tpl/x.md", "template"),
    ({"MyVault/" + CORE: '{"folder": "Templates"}'}, "MyVault/Templates/Daily note.md", "template"),
    ({"MyVault/" + CORE: '{"folder": "Templates"}'}, "Templates/Daily note.md", None),  # not that vault's
    ({"MyVault/" + CORE: '{"folder": "Templates"}'}, "Other/Templates/Daily note.md", None),
    ({CORE: '{"folder": "Templates"'}, "Templates/Daily note.md", None),  # malformed
    ({CORE: b'{"folder": "Templ\xe9tes"}'}, "Templates/Daily note.md", None),  # not UTF-8
    ({CORE: '["Templates"]'}, "Templates/Daily note.md", None),
    ({CORE: '{"folder": ""}'}, "Daily note.md", None),  # empty: no templates folder, not the whole vault
    ({CORE: '{"folder": "/"}'}, "Templates/Daily note.md", None),
    ({CORE: '{"folder": null}'}, "Templates/Daily note.md", None),
    ({CORE: '{"folder": "../Templates"}'}, "Templates/Daily note.md", None),
    ({CORE: "[" * 100_000}, "Templates/Daily note.md", None),
    ({".obsidian/app.json": "{}"}, "Templates/Daily note.md", None),  # a folder named Templates, no setting
    ({"templates.json": '{"folder": "Templates"}'}, "Templates/Daily note.md", None),  # no .obsidian/: no vault
])
def test_a_vaults_templates_folder_is_left_out_where_its_settings_name_it(tmp_path, settings, note, reason):
    notes = tmp_path / "notes"
    for name, text in {**settings, note: TEMPLATE}.items():
        (notes / name).parent.mkdir(parents=True, exist_ok=True)
        (notes / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    assert left_out(notes / note, notes, True) == reason
    vaults: dict = {}  # a walk's cache gives the same answers, the second time from the cache
    assert [left_out(notes / note, notes, True, vaults) for _ in range(2)] == [reason, reason]
    assert left_out(notes / note, notes, False) is None  # exams/ and hours/ hold no vault


def test_a_loaded_template_stops_counting_once_the_vault_names_its_templates_folder(tmp_path):
    """Loaded before the settings named it (or before examready read them): the next run withdraws it, says so, and
    `inspect` names it as left out; with the setting gone it is read again."""
    ws = new_workspace(tmp_path / "ws")
    vault = ws.inbox / "notes" / "MyVault"
    (vault / "Templates").mkdir(parents=True)
    (vault / ".obsidian").mkdir()
    (vault / "Glue.md").write_text("# AWS Glue\nCrawlers fill the Data Catalog.\n")
    (vault / "Templates" / "Daily note.md").write_text(TEMPLATE)
    first = run_json("run", "-w", str(ws.root))
    assert {f["path"]: f["status"] for f in first["files"]}["notes/MyVault/Templates/Daily note.md"] == "loaded"
    assert _sections(ws.root)["Amazon Redshift"] == 1

    (vault / ".obsidian" / "templates.json").write_text('{"folder": "Templates"}')
    proc = run_cli("run", "-w", str(ws.root), "--json")
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == ["notes/MyVault/Glue.md"]
    assert ("examready: notes/MyVault/Templates/Daily note.md is now left out (a vault's templates folder (set in "
            "Obsidian's Templates or Templater settings), docs/formats.md 'Not read at all'); it was loaded before: "
            "its rows no longer count (raw keeps them)") in proc.stderr.splitlines(), proc.stderr
    assert "no longer in the inbox" not in proc.stderr
    sections = _sections(ws.root)
    assert sections["Amazon Redshift"] == sections["Amazon Kinesis Data Streams"] == 0 and sections["AWS Glue"] == 1

    inspect = run_cli("inspect", str(ws.inbox / "notes"), "--json")
    assert [r["path"] for r in json.loads(inspect.stdout)] == [str(vault / "Glue.md")]
    assert ("  a vault's templates folder (set in Obsidian's Templates or Templater settings): 1 "
            "(MyVault/Templates/Daily note.md)") in inspect.stderr.splitlines(), inspect.stderr
    again = run_cli("run", "-w", str(ws.root))
    assert "left out" not in again.stderr, again.stderr  # said once, when it stopped counting

    (vault / ".obsidian" / "templates.json").write_text('{"folder": ""}')  # the setting cleared: a note again
    back = run_json("run", "-w", str(ws.root))
    assert {f["path"]: f["status"] for f in back["files"]}["notes/MyVault/Templates/Daily note.md"] != "unchanged"
    assert _sections(ws.root)["Amazon Redshift"] == 1


def _sections(root) -> dict[str, int]:
    """Note sections counted per service, as `gaps --json` gives them."""
    return {s["name"]: s["note_sections"] for s in run_json("gaps", "-w", str(root))["services"]}
