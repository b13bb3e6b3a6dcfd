"""An examready.yaml edited by hand that PyYAML cannot turn into values (an unquoted date that does not
exist; a file saved in Windows-1252) stops every command with exit code 2 naming the file and line, as
docs/cli.md says, not with a traceback (s14 review)."""
from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace


@pytest.mark.parametrize("line, says", [(b"exam_date: 2027-02-30\n", "day is out of range for month"),
                                        (b'learner_id: "Ren\xe9e"\n', "not UTF-8 text (byte 0xe9)")])
def test_an_unreadable_setting_is_a_configuration_error_naming_its_line(tmp_path, line, says):
    root = tmp_path / "ws"
    new_workspace(root)
    config = root / "examready.yaml"
    kept = [old for old in config.read_bytes().splitlines(keepends=True) if not old.startswith(line.split(b":")[0])]
    config.write_bytes(b"".join(kept) + line)
    for command in ("readiness", "run"):
        proc = run_cli(command, "-w", str(root), check=False)
        assert proc.returncode == 2, proc.stderr[-400:]
        assert "Traceback" not in proc.stderr, proc.stderr[-400:]
        assert f"examready.yaml line {len(kept) + 1}: " in proc.stderr and says in proc.stderr, proc.stderr
