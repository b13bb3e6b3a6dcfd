"""HTML tables (optionally sortable) and CSV downloads safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reports.html import Raw, esc

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MISSING_SORT = "-1e300"  # a missing value's sort key (numbers below every other; the script reads it as missing)
SORT_SCRIPT = """<script>
document.querySelectorAll("table.sortable th button").forEach(function (button) {
  button.addEventListener("click", function () {
    var th = button.parentElement, table = th.closest("table"), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentElement.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (row) {  // null: a missing value (the en dash), before every other in a text column too
      var cell = row.cells[index], value = cell.getAttribute("data-sort");
      if (value === "MISSING_SORT") { return null; }
      if (value === null) { return cell.textContent.toLowerCase(); }
      return parseFloat(value);
    };
    Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b);
      var order = x === null ? (y === null ? 0 : -1) : y === null ? 1 : x < y ? -1 : x > y ? 1 : 0;
      return order * (asc ? 1 : -1);
    }).forEach(function (row) { body.appendChild(row); });
  });
});
</script>""".replace("MISSING_SORT", MISSING_SORT)


@dataclass(frozen=True)
class Col:
    """A table column: record key, header, and a format spec for numbers (e.g. '{:.0%}') or a function
    giving a number's text (e.g. caveats.percent_text), the number still being its sort key (a range, a
    (low, high) tuple, gets its text from the function and sorts by its low end)."""

    key: str
    title: str
    fmt: str | Callable[[float], str] = "{}"
    cls: str = ""  # a class for the column's text cells (e.g. "cmd": a command that may break anywhere)
    titled: bool = False  # an id that may wrap (after its @ first): the text as the cell's title too
    parts: tuple[str, str] = ()  # a range's two CSV columns (their titles): its low and high ends as numbers


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _cell(value, fmt, cls: str = "", titled: bool = False) -> str:
    """One <td>: numbers right-aligned with a data-sort key, missing values as an en dash; `titled`: text
    with itself as the title."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f'<td class="num" data-sort="{MISSING_SORT}">–</td>'
    if isinstance(value, tuple):  # a range (low, high)
        return f'<td class="num" data-sort="{float(value[0])!r}">{esc(fmt(value))}</td>'
    if _is_number(value):
        text = fmt(value) if callable(fmt) else fmt.format(value)
        return f'<td class="num" data-sort="{float(value)!r}">{esc(text)}</td>'
    attrs = (f' class="{esc(cls)}"' if cls else "") + (f' title="{esc(value)}"' if titled else "")
    return f"<td{attrs}>{esc(value).replace('@', '@<wbr>') if titled else esc(value)}</td>"


def table_html(rows: list[dict], columns: list[Col], caption: str = "", sortable: bool = False, dense: bool = False) -> str:
    """An escaped HTML table of records, scrolling sideways in its box when wider; sortable tables sort on a
    header click; dense: smaller type and padding (many columns)."""
    if sortable:
        head = "".join(f'<th scope="col"><button type="button">{esc(c.title)}</button></th>' for c in columns)
    else:
        head = "".join(f'<th scope="col">{esc(c.title)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(_cell(r.get(c.key), c.fmt, c.cls, c.titled) for c in columns) + "</tr>"
                   for r in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    classes = " ".join(name for name, on in (("sortable", sortable), ("dense", dense)) if on)
    cls = f' class="{classes}"' if classes else ""
    return f'<div class="scroll"><table{cls}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def details(summary: str, inner: str) -> str:
    """A collapsible block (searchable with the browser's find-in-page)."""
    return f"<details><summary>{esc(summary)}</summary>{inner}</details>"


def as_written(cell: str) -> str:
    """A text cell as it was before `spreadsheet_safe` quoted it ("'=HYPERLINK(…)" is '=HYPERLINK(…)')."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def spreadsheet_safe(value):
    """A cell value that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, Raw):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, float):  # a count stored as a float is written as the whole number it is: 45, not 45.0
        return int(value) if float(value).is_integer() else round(value, 4)
    return value


def _csv_cells(value, column: Col) -> list:
    """A value's CSV cells: a range column's two ends (empty without a range), else the value itself."""
    if column.parts:
        return [spreadsheet_safe(end) for end in (value or (None, None))]
    return [spreadsheet_safe(value)]


def write_csv(path: Path, rows: list[dict], columns: list[Col]) -> Raw:
    """Write rows as a CSV next to the page; returns the download link."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([title for c in columns for title in (c.parts or [c.title])])
        for row in rows:
            writer.writerow([cell for c in columns for cell in _csv_cells(row.get(c.key), c)])
    return Raw(f'<a class="csv" href="{esc(Path(path).name)}" download>Download CSV</a>')
