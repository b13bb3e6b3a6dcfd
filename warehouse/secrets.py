"""Finding and masking secrets in free text (the Macie idea) before it is stored anywhere."""
from __future__ import annotations

import re

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


def find_secrets(text: str) -> dict[str, int]:
    """How many secrets of each kind a text holds (nothing is changed)."""
    return mask_text(text)[1]


def _mask_cell(value) -> tuple[object, int]:
    if not isinstance(value, str):
        return value, 0
    masked, found = mask_text(value)
    return masked, sum(found.values())


def mask_frame(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The batch with secrets masked in its free-text columns; `secrets_masked` per row for notes."""
    out, per_row = frame.copy(), pd.Series(0, index=frame.index, dtype="int64")
    for name in [c for c in TEXT_COLUMNS.get(table, []) if c in out.columns]:
        distinct = {v: _mask_cell(v) for v in set(out[name]) if isinstance(v, str)}  # labels repeat
        pairs = [distinct[v] if isinstance(v, str) else (v, 0) for v in out[name]]
        out[name] = pd.Series([p[0] for p in pairs], index=out.index, dtype=out[name].dtype)
        per_row += pd.Series([p[1] for p in pairs], index=out.index, dtype="int64")
    if table == "note_sections":
        out["secrets_masked"] = per_row.astype("int32")
    return out, int(per_row.sum())
