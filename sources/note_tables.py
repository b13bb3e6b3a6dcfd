"""A note's table cells that its structure names as passwords, given with that name so they are masked.

A table reaches a section's text cell by cell (`| user | password |` over `| admin | Hunter2x! |` is
'user password admin Hunter2x!'), where no secret pattern sees that `Hunter2x!` is a password; the
header (or, in a two-column table of names and values, the row's first cell) says it.
"""
from __future__ import annotations

import re

# A name ending in the word ('Root password', 'Passwords', 'DB password (temp):'); not 'Password policy', nor
# 'Pass' (an exam's Pass/Fail) or 'Secret' (Secrets Manager), which tables of study notes hold.
NAME = re.compile(r"(?i)[\w .-]{0,40}?\b(password|passwd|passphrase|pwd)s?\s*(\([^)]*\))?\s*:?")


def password_name(cell: str) -> str | None:
    """The password word a table cell names ('password'), or None."""
    match = NAME.fullmatch(cell.strip())
    return match.group(1).lower() if match else None


def named_cells(tokens: list, text) -> dict[int, str]:
    """Inline token index -> the password word naming that cell: under a header cell that names a password,
    or, as one word, right of a row's first cell that does (a glossary's 'Password | what you know' is prose).
    `text(token)` is a cell's text."""
    named, headers, row = {}, {}, []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            row = []
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            row.append((i, text(token)))
        elif token.type == "tr_close":
            names = [password_name(cell) for _, cell in row]
            pair = len(row) == 2 and names[0] and not names[1] and len(row[1][1].split()) == 1
            if pair:  # a name and its value, in the header row too
                named[row[1][0]] = names[0]
            if tokens[i - 1].type != "th_close":
                named |= {at: headers[column] for column, (at, _) in enumerate(row) if column in headers}
            elif not pair:
                headers = {column: name for column, name in enumerate(names) if name}
    return named


def named_value(name: str, cell: str) -> str:
    """The cell as `name: "cell"`: the secret patterns mask a quoted value whole (warehouse/secrets.py)."""
    quote = '"' if '"' not in cell else "'"
    return f"{name}: {quote}{cell}{quote}"
