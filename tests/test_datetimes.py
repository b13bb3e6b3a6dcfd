"""Shortcuts in reading dates must give what the plain reading gives."""
import pandas as pd
import pytest

from sources.datetimes import _parse_rows, day_first, parse_as, parse_date_time, parse_datetimes

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


@pytest.mark.parametrize("values", [["2026-01-01 10:00", "01/01/3000"], ["13/02/2026 7:00 PM", "01/01/3000"]])
def test_past_2262_goes_row_by_row(values):
    """Past datetime64[ns]'s range pandas coerces or raises depending on the whole column: the old path decides."""
    values = pd.Series(values, dtype=object)
    text = values.str.strip()

    def outcome(parse):
        try:
            return parse().tolist()
        except ValueError as exc:
            return repr(exc)

    assert outcome(lambda: parse_as(values, False)) == outcome(
        lambda: _parse_rows(text, pd.Series(text.unique(), dtype=object), False))


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
