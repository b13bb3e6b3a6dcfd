"""Shortcuts in reading dates must give what the plain reading gives."""
import pandas as pd
import pytest

from sources.datetimes import day_first, parse_as, parse_date_time, parse_datetimes

DATES = ["2026-02-19", "2026-02-30", "2026-02-19", "2024-02-29"]


@pytest.mark.parametrize("times", [
    ["09:34:00", "10:00", "23:59:59.123456789", "24:00:00"],   # every time ISO: read per distinct value
    ["09:34:00", "", "07:00:00 PM", "10:00:00"],                # not all ISO: read as joined text
])
def test_date_and_time_read_like_the_joined_text(times):
    dates, times = pd.Series(DATES, index=[7, 3, 5, 1]), pd.Series(times, index=[7, 3, 5, 1])
    fast, note = parse_date_time(dates, times)
    plain, plain_note = parse_datetimes(dates + " " + times)
    pd.testing.assert_series_equal(fast, plain, check_names=False)
    assert note == plain_note


@pytest.mark.parametrize("values", [["2026-01-01 10:00", "01/01/3000"], ["13/02/2026 7:00 PM", "01/01/3000"],
                                    ["2026-01-01 10:00", "0226-03-05"], ["2026-01-01 10:00", "5 Mar"],
                                    ["2026-01-01 10:00", "2300-01-01T00:00Z"]])
def test_a_date_outside_datetime64_ns_is_no_date(values):
    """Past 2262 or before 1677 ('5 Mar' is read as the year 1) a value is NaT, whatever the column's other values:
    the whole column was read again row by row, and raised OutOfBoundsDatetime (the file rejected)."""
    stamps = parse_as(pd.Series(values, dtype=object), dayfirst=True, zone="UTC")
    assert stamps.dtype == "datetime64[ns]" and stamps.notna().tolist() == [True, False], stamps


@pytest.mark.parametrize("values, expected", [
    (["01.05.2026 9:00 PM", "01.10.2026 9:00 PM", "02.03.2026 9:00 PM", "03.01.2026 9:00 PM"], True),  # dots
    (["01/05/2026 9:00 PM", "01/10/2026 9:00 PM", "02/03/2026 9:00 PM", "03/01/2026 9:00 PM"], False),  # order
    (["01.05.2026", "13.10.2026"], True),                   # a day above 12 decides, dots or not
    (["01.05.2026", "10.13.2026"], False),                  # a month above 12 can only be month-first
    (["01.05.2026", "02/03/2026", "03/01/2026 7:00 PM"], False),  # dots alongside slashes: the order rule
])
def test_dates_written_with_dots_are_day_first(values, expected):
    """Read month-first, the first two cases are in date order (5 Jan, 10 Jan, 3 Feb, 1 Mar) and the times
    are 12-hour: slashes are read month-first; dots, the day-first locales' way, are read day-first."""
    assert day_first(pd.Series(values, dtype=object))[0] is expected


def test_the_note_on_dotted_dates_says_why_they_are_read_day_first():
    """The note inspect and run print for ambiguous dotted dates is a whole sentence (it ended at 'are')."""
    chosen, note = day_first(pd.Series(["01.05.2026", "02.03.2026"], dtype=object))
    assert chosen is True and note.endswith("month-first locales write slashes")
    assert "dots are day-first in the locales that write them" in note


@pytest.mark.parametrize("word", ["now", "today", " Today ", "NOW", "19:00", "7:05 PM", "07:05:09.5", "9:30 a.m.",
                                  "7 PM", "7pm", "T19:00", "19:00Z", "19:00:00+01:00", "19:00 UTC"])
def test_words_for_the_moment_of_reading_are_no_date(word):
    """pandas reads 'now', 'today' and a clock time alone on the day it reads them: a mock 'taken' whenever the file
    is read again."""
    values = pd.Series([word, "2026-03-05 10:00"])
    parsed = parse_as(values, dayfirst=False)
    assert parsed.isna().tolist() == [True, False]
    assert parsed.iloc[1] == pd.Timestamp("2026-03-05 10:00")


@pytest.mark.parametrize("values, by_order", [
    (["05/11/2026 10:00", "10/11/2026 10:00", "01/12/2026 21:05"], True),    # 5, 10 Nov, 1 Dec: oldest first
    (["01/12/2026 21:05", "10/11/2026 10:00", "05/11/2026 10:00"], True),    # newest first: in date order as well
    (["01/12/2026 21:05", "05/11/2026 10:00", "10/11/2026 10:00"], False),   # Moodle's rows by surname: 12 Jan, 11 May…
])
def test_rows_not_listed_by_time_leave_the_row_order_out(values, by_order):
    """A file listing its rows by name (Moodle's Grades export) says nothing by its order: no day above 12, its
    dates are read day-first as assumed, where a file listed by time (either way) is read as its order says."""
    values = pd.Series(values, dtype=object)
    assert day_first(values) == (by_order, "ambiguous dates read as " + (
        "day-first (DD/MM/YYYY)" if by_order else "month-first (MM/DD/YYYY)") + ": only that reading keeps the rows "
                                 "in date order")
    assert day_first(values, ordered_by_time=False) == (True, "ambiguous dates read as day-first (DD/MM/YYYY): no day "
                                                              "above 12 and the rows are not listed by time; assumed "
                                                              "day-first")


@pytest.mark.parametrize("values, rows, expected", [
    (["1 December 2026, 9:05 PM", "Tuesday, 1 December 2026, 10:00 AM", "01/12/2026 11:00", "1/12/26, 11:00"],
     {"ordered_by_time": False}, True),                                          # Moodle's words beside Excel's digits
    (["01/12/2026 11:00", "1 December 2026, 9:05 PM", "02/03/2026 11:00"], {}, True),  # no reading in date order
    (["01/12/2026 11:00 AM", "1 December 2026, 9:05 PM", "02/03/2026 11:00"], {}, False),  # a numeric date's AM
])
def test_only_numeric_dates_clocks_suggest_a_us_locale(values, rows, expected):
    """'1 December 2026, 9:05 PM' names its month: its 12-hour clock (Moodle's English way) says nothing of how the
    cells written 01/12/2026 order day and month; a 12-hour clock in such a cell still suggests month-first."""
    assert day_first(pd.Series(values, dtype=object), **rows)[0] is expected
