"""Study time the pages cannot give a domain is listed so the learner can fix its labels."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def test_unmapped_study_time_names_each_entry_without_nan(tmp_path):
    """A plain log has no project column (NULL in the warehouse); a multi-domain service is said to be one."""
    ws = new_workspace(tmp_path / "ws")
    shutil.copy(FIXTURES / "plain_hours.csv", ws.inbox / "hours" / "plain_hours.csv")
    run_cli("run", "-w", str(ws.root))
    html = (ws.site_dir / "dashboard.html").read_text(encoding="utf-8")
    paragraph = re.search(r"Not mapped to a domain: .*?</p>", html, re.S).group(0)
    assert "nan" not in paragraph.lower().replace("-", " ").split() and "[nan" not in paragraph
    assert "Redshift sort and dist keys [no project, Amazon Redshift: in several domains]" in paragraph
