"""An Obsidian vault's templates folder, as the vault's own settings name it: note templates, not notes."""
from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

# (settings file in the vault, its key naming the templates folder relative to the vault root)
SETTINGS = ((".obsidian/templates.json", "folder"),  # the core Templates plugin
            (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"))  # the Templater plugin


def in_templates_folder(parts: tuple[str, ...], folder: Path, vaults: dict) -> bool:
    """Whether the file `folder`/`parts` sits in the templates folder of a vault: `folder` or a folder between it
    and the file, one holding `.obsidian/`. `vaults` caches, over one walk, each folder's answer and templates."""
    if (inside := vaults.get((folder, parts[:-1]))) is None:
        inside = vaults[folder, parts[:-1]] = _inside(parts[:-1], folder, vaults)
    return inside


def _inside(here: tuple[str, ...], folder: Path, vaults: dict) -> bool:
    """Whether the folder `folder`/`here` is a vault's templates folder or in one (in_templates_folder)."""
    for i in range(len(here)):
        if (templates := vaults.get((folder, here[:i], "templates"))) is None:
            templates = vaults[folder, here[:i], "templates"] = templates_folders(folder.joinpath(*here[:i]))
        below = tuple(part.casefold() for part in here[i:])
        if any(below[:len(template)] == template for template in templates):
            return True
    return False


def templates_folders(vault: Path) -> tuple[tuple[str, ...], ...]:
    """The templates folders the Templates and Templater settings of the vault at `vault` name, each as its parts
    (casefolded: Obsidian on macOS and Windows finds `templates/` for "Templates"); () when it is no vault."""
    if not (vault / ".obsidian").is_dir():
        return ()
    return tuple(folder for name, key in SETTINGS if (folder := _setting(vault / name, key)))


def _setting(path: Path, key: str) -> tuple[str, ...]:
    """The folder `key` of the settings file at `path` names, as its parts; () when the file is missing, unreadable
    or malformed, or the value empty or not inside the vault (the vault root is never a templates folder)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8-sig")).get(key)
    except (OSError, ValueError, AttributeError, RecursionError):  # no file, not JSON or UTF-8, not an object
        return ()
    if not isinstance(value, str):
        return ()
    parts = tuple(part.casefold() for part in PurePosixPath(value.strip().replace("\\", "/")).parts if part != "/")
    return () if ".." in parts else parts
