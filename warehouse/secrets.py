"""Finding and masking secrets in free text (the Macie idea) before it is stored anywhere."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

# kind -> (pattern, replacement); applied in this order, so a key inside `password: ...` is one hit.
PATTERNS: dict[str, tuple[re.Pattern, str]] = {
    "private_key": (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)",
                               re.S), "[masked: private key]"),
    "aws_access_key_id": (re.compile(r"\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{16}\b"),
                          "[masked: AWS access key id]"),
    "password": (re.compile(r"(?i)\b(password|passwd|passphrase|pwd|pass|secret)(\s*[:=]\s*|\s+is\s+)"
                            r"(?!\[masked)[\"']?[^\s\"',;]+[\"']?"), r"\1\2[masked: password]"),
    "aws_secret_access_key": (re.compile(r"(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[0-9])(?=[A-Za-z0-9/+]*[a-z])"
                                         r"(?=[A-Za-z0-9/+]*[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
                              "[masked: AWS secret access key]"),
    "email": (re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"),
              "[masked: email]"),
}
TEXT_COLUMNS = {"note_sections": ["title", "heading", "text"],
                "study_sessions": ["description", "project", "tags"],
                "answers": ["question_id", "provider"], "domain_scores": ["provider"]}


def mask_text(text: str) -> tuple[str, dict[str, int]]:
    """The text with every secret replaced by a marker, and how many of each kind were found."""
    found: dict[str, int] = {}
    for kind, (pattern, replacement) in PATTERNS.items():
        text, count = pattern.subn(replacement, text)
        if count:
            found[kind] = count
    return text, found


def _mask_cell(value) -> tuple[object, int]:
    if not isinstance(value, str):
        return value, 0
    masked, found = mask_text(value)
    return masked, sum(found.values())


def _mask_column(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The column with secrets masked and the number found per row; each distinct text masked once.

    Cells that are not text keep their own value (factorize would merge 1 with 1.0 or True).
    """
    cells = column.to_numpy(dtype=object)
    codes, uniques = pd.factorize(cells)
    masked, hits = np.empty(len(uniques), dtype=object), np.zeros(len(uniques), dtype="int64")
    for i, value in enumerate(uniques):  # element by element: numpy would unpack sequences
        masked[i], hits[i] = _mask_cell(value)
    is_text = np.array([isinstance(v, str) for v in uniques] + [False])  # code -1 (missing) -> False
    text = is_text[codes]
    cells, found = cells.copy(), np.zeros(len(cells), dtype="int64")
    cells[text], found[text] = masked[codes[text]], hits[codes[text]]
    return pd.Series(cells, index=column.index, dtype=column.dtype), found


def mask_frame(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The batch with secrets masked in its free-text columns; `secrets_masked` per row for notes."""
    out, per_row = frame.copy(), pd.Series(0, index=frame.index, dtype="int64")
    for name in [c for c in TEXT_COLUMNS.get(table, []) if c in out.columns]:
        out[name], found = _mask_column(out[name])
        per_row += found
    if table == "note_sections":
        out["secrets_masked"] = per_row.astype("int32")
    return out, int(per_row.sum())
