"""Which sections of a note hold text: a heading with nothing under it (a template's skeleton) is no study."""
from __future__ import annotations


def with_text_below(levels: list[int], words: list[int]) -> list[bool]:
    """Per section, in file order: it has words, or a section nested under it does.

    '# Amazon EMR' over '## Use cases' with text: both hold text; '# Amazon EMR' over empty '## Limits'
    only: neither. Level 0 (text above the first heading) always has words."""
    holds = [False] * len(levels)
    open_sections: list[int] = []  # indexes of the headings the current section is nested in
    for i, (level, count) in enumerate(zip(levels, words)):
        while open_sections and levels[open_sections[-1]] >= level:
            open_sections.pop()
        if count > 0:
            holds[i] = True
            for parent in reversed(open_sections):
                if holds[parent]:
                    break
                holds[parent] = True
        open_sections.append(i)
    return holds
