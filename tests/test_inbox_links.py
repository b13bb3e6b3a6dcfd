"""A link in the inbox that leads nowhere (a moved export, an unmounted cloud folder) is rejected with
what it links to, listed by `quarantine`, and read once it leads to a file again. Before: it was
skipped without a word, as if the learner had not given it."""
from __future__ import annotations

import json

from tests.conftest import run_cli, run_json
from warehouse.inbox import file_digest, inbox_files


def test_a_link_to_nothing_is_rejected_and_read_once_it_leads_somewhere(demo_workspace, tmp_path):
    link = demo_workspace / "inbox" / "exams" / "mock-99.csv"
    link.symlink_to(tmp_path / "moved" / "mock-99.csv")

    done = run_cli("run", "--json", "-w", str(demo_workspace), check=False)
    assert done.returncode == 1, done.stderr
    report = {f["path"]: f for f in json.loads(done.stdout)["files"]}["exams/mock-99.csv"]
    assert report["status"] == "rejected"
    assert report["error"] == (f"exams/mock-99.csv: cannot read the file (it is a link to "
                               f"{tmp_path / 'moved' / 'mock-99.csv'}, which does not exist)")
    listed = run_json("quarantine", "-w", str(demo_workspace))["rejected"]
    assert [r["path"] for r in listed] == ["exams/mock-99.csv"]

    (tmp_path / "moved").mkdir()
    lines = (demo_workspace / "inbox" / "exams" / "mock-01.csv").read_text().splitlines()
    (tmp_path / "moved" / "mock-99.csv").write_text("\n".join([lines[0], *(
        line.replace("mock-01", "mock-99") for line in lines[1:])]) + "\n")
    again = {f["path"]: f for f in run_json("run", "-w", str(demo_workspace))["files"]}
    assert again["exams/mock-99.csv"]["status"] == "loaded"
    assert run_json("quarantine", "-w", str(demo_workspace))["rejected"] == []


def test_links_to_nothing_are_inbox_files_with_digests_of_their_own(tmp_path):
    exams = tmp_path / "inbox" / "exams"
    exams.mkdir(parents=True)
    (exams / "a.csv").symlink_to(tmp_path / "nowhere-a.csv")
    (exams / "b.csv").symlink_to(tmp_path / "nowhere-b.csv")
    (exams / "folder.csv").mkdir()
    assert [p.name for p, _ in inbox_files(tmp_path / "inbox")] == ["a.csv", "b.csv"]
    assert file_digest(exams / "a.csv") != file_digest(exams / "b.csv")  # not taken for copies of each other
    assert file_digest(exams / "a.csv") == file_digest(exams / "a.csv")


def _tree(tmp_path):
    """An inbox whose exams folder links to a folder elsewhere twice, back into the inbox, and whose
    linked folder links to its own parent."""
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "Downloads" / "udemy"
    (inbox / "exams" / ".git").mkdir(parents=True)
    (inbox / "exams" / ".git" / "x.csv").write_text("hidden")
    (inbox / "hours").mkdir()
    (inbox / "hours" / "h.csv").write_text("h")
    (elsewhere / "week2").mkdir(parents=True)
    (elsewhere / "a.csv").write_text("a")
    (elsewhere / "week2" / "b.csv").write_text("b")
    (elsewhere / "week2" / "loop").symlink_to(elsewhere)
    (inbox / "exams" / "udemy").symlink_to(elsewhere)
    (inbox / "exams" / "udemy-again").symlink_to(elsewhere)
    (inbox / "exams" / "hours-too").symlink_to(inbox / "hours")
    (inbox / "exams" / "everything").symlink_to(tmp_path)
    return inbox


def test_a_linked_folder_is_read_once_and_nothing_twice(tmp_path):
    inbox = _tree(tmp_path)
    found = [(p.relative_to(inbox).as_posix(), kind) for p, kind in inbox_files(inbox)]
    assert found == [("exams/udemy/a.csv", "exams"), ("exams/udemy/week2/b.csv", "exams"), ("hours/h.csv", "hours")]


def test_a_run_loads_the_exports_of_a_linked_folder(demo_workspace, tmp_path):
    elsewhere = tmp_path / "cloud"
    elsewhere.mkdir()
    (elsewhere / "mock-98.csv").write_bytes((demo_workspace / "inbox" / "exams" / "mock-01.csv").read_bytes()
                                            .replace(b"mock-01", b"mock-98"))
    (demo_workspace / "inbox" / "exams" / "cloud").symlink_to(elsewhere)
    files = {f["path"]: f for f in run_json("run", "-w", str(demo_workspace))["files"]}
    assert files["exams/cloud/mock-98.csv"]["status"] == "loaded"
