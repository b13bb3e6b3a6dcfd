"""Which inbox files a run reads: a whole Obsidian vault can be the notes folder."""
from __future__ import annotations

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from warehouse.inbox import inbox_files


def test_a_vaults_attachments_are_not_read_and_do_not_fail_the_run(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    notes = ws.inbox / "notes"
    (notes / "attachments").mkdir()
    (notes / "Glue.md").write_text("# AWS Glue\nCrawlers fill the Data Catalog.\n![[diagram.png]]\n")
    for name in ("attachments/diagram.PNG", "attachments/whitepaper.pdf", "Board.canvas", "talk.mp4"):
        (notes / name).write_bytes(b"\x89PNG\r\n\x1a\n" if name.lower().endswith("png") else b"{}")
    (notes / ".obsidian").mkdir()
    (notes / ".obsidian" / "app.json").write_text("{}")
    (ws.inbox / "exams" / "notes.txt").write_text("not an export\n")  # outside notes/ a stray file is still reported
    assert sorted(p.relative_to(ws.inbox).as_posix() for p, _ in inbox_files(ws.inbox)) == ["exams/notes.txt",
                                                                                           "notes/Glue.md"]
    proc = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert proc.returncode == 1  # the stray text file in exams/ is rejected, and said to be
    report = run_json("run", "-w", str(ws.root), check=False)
    assert {f["path"]: f["status"] for f in report["files"]} == {"exams/notes.txt": "rejected",
                                                                 "notes/Glue.md": "unchanged"}
