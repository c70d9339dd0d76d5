"""Due dates as staff write them, and as readers see them (GOV.UK style)."""

from __future__ import annotations

import datetime as dt

import pytest

from planportal.source.dates import When, WhenError, format_when, parse_when, quarter, quarter_of

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "shown"),
    [
        ("2026-03-01", "day", D(2026, 3, 1), D(2026, 3, 1), "1 March 2026"),
        ("2010-12-25", "day", D(2010, 12, 25), D(2010, 12, 25), "25 December 2010"),
        ("2026-03", "month", D(2026, 3, 1), D(2026, 3, 31), "March 2026"),
        ("2026-04", "month", D(2026, 4, 1), D(2026, 4, 30), "April 2026"),
        ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29), "February 2024"),
        ("2025-02", "month", D(2025, 2, 1), D(2025, 2, 28), "February 2025"),
        ("2025-26 Q4", "quarter", D(2026, 1, 1), D(2026, 3, 31), "January to March 2026 (quarter 4 of 2025 to 2026)"),
        ("2026-27 Q1", "quarter", D(2026, 4, 1), D(2026, 6, 30), "April to June 2026 (quarter 1 of 2026 to 2027)"),
        ("2026-27 Q2", "quarter", D(2026, 7, 1), D(2026, 9, 30), "July to September 2026 (quarter 2 of 2026 to 2027)"),
        ("2026-27 Q3", "quarter", D(2026, 10, 1), D(2026, 12, 31),
         "October to December 2026 (quarter 3 of 2026 to 2027)"),
        ("2009-10 Q4", "quarter", D(2010, 1, 1), D(2010, 3, 31), "January to March 2010 (quarter 4 of 2009 to 2010)"),
        ("1999-00 Q4", "quarter", D(2000, 1, 1), D(2000, 3, 31), "January to March 2000 (quarter 4 of 1999 to 2000)"),
        ("2006-01 to 2006-03", "range", D(2006, 1, 1), D(2006, 3, 31), "January to March 2006"),
        ("2005-11 to 2006-03", "range", D(2005, 11, 1), D(2006, 3, 31), "November 2005 to March 2006"),
        ("2026-03-01 to 2026-03-15", "range", D(2026, 3, 1), D(2026, 3, 15), "1 March 2026 to 15 March 2026"),
        ("from 2006-04", "from", D(2006, 4, 1), None, "from April 2006"),
        ("from 2010-03-01", "from", D(2010, 3, 1), None, "from 1 March 2010"),
        ("tbc", "tbc", None, None, "to be confirmed"),
        ("ongoing", "ongoing", None, None, "ongoing"),
    ],
)
def test_forms_parse_and_show(text: str, kind: str, start: dt.date | None, end: dt.date | None, shown: str) -> None:
    when = parse_when(text)
    assert (when.kind, when.start, when.end) == (kind, start, end)
    assert format_when(when) == shown
    assert str(when) == shown


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("TBC", "tbc"),
        ("To be confirmed", "tbc"),
        ("Ongoing", "ongoing"),
        ("  2026-03  ", "2026-03"),
        ("2026-3", "2026-03"),
        ("2026-3-1", "2026-03-01"),
        ("2026-27Q1", "2026-27 Q1"),
        ("2026-27 q1", "2026-27 Q1"),
        ("From  2006-04", "from 2006-04"),
        ("2006-01 TO 2006-03", "2006-01 to 2006-03"),
    ],
)
def test_spellings_that_mean_the_same(text: str, same_as: str) -> None:
    assert parse_when(text) == parse_when(same_as)


def test_a_range_keeps_its_parts_as_written() -> None:
    when = parse_when("2025-26 Q4 to 2026-06")
    assert when.first == parse_when("2025-26 Q4")
    assert when.last == parse_when("2026-06")
    assert (when.start, when.end) == (D(2026, 1, 1), D(2026, 6, 30))
    assert str(when) == "January to March 2026 (quarter 4 of 2025 to 2026) to June 2026"


def test_a_date_from_yaml_is_a_day() -> None:
    assert parse_when(D(2010, 3, 1)) == When("day", D(2010, 3, 1), D(2010, 3, 1))


def test_a_time_of_day_is_refused() -> None:
    with pytest.raises(WhenError, match="has a time of day: give the date only"):
        parse_when(dt.datetime(2010, 3, 1, 10, 0))


def test_quarter_numbers_the_financial_year_from_april() -> None:
    assert (quarter(2025, 4).start, quarter(2025, 4).end) == (D(2026, 1, 1), D(2026, 3, 31))
    assert (quarter(2026, 1).start, quarter(2026, 1).end) == (D(2026, 4, 1), D(2026, 6, 30))


@pytest.mark.parametrize(
    ("day", "fy_quarter"),
    [
        (D(2026, 3, 31), (2025, 4)),
        (D(2026, 4, 1), (2026, 1)),
        (D(2026, 6, 30), (2026, 1)),
        (D(2026, 7, 1), (2026, 2)),
        (D(2026, 9, 30), (2026, 2)),
        (D(2026, 10, 1), (2026, 3)),
        (D(2026, 12, 31), (2026, 3)),
        (D(2027, 1, 1), (2026, 4)),
        (D(2024, 2, 29), (2023, 4)),
    ],
)
def test_quarter_of_at_the_boundaries(day: dt.date, fy_quarter: tuple[int, int]) -> None:
    assert quarter_of(day) == fy_quarter
    fy, q = fy_quarter
    assert quarter(fy, q).start <= day <= quarter(fy, q).end  # type: ignore[operator]


def test_leap_day() -> None:
    assert parse_when("2024-02-29") == When("day", D(2024, 2, 29), D(2024, 2, 29))
    assert str(parse_when("2024-02-29")) == "29 February 2024"
    with pytest.raises(WhenError) as err:
        parse_when("2025-02-29")
    assert str(err.value) == "'2025-02-29' is not a real date: February 2025 has 28 days"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-31", "'2026-02-31' is not a real date: February 2026 has 28 days"),
        ("2026-04-31", "'2026-04-31' is not a real date: April 2026 has 30 days"),
        ("2026-01-00", "'2026-01-00' is not a real date: January 2026 has 31 days"),
        ("2010-13", "'2010-13' has no month 13: months run 1 to 12"),
        ("2010-00-01", "'2010-00-01' has no month 0: months run 1 to 12"),
        ("2026-28 Q1", "'2026-28 Q1': a financial year is written '2026-27', April to March of the next year"),
        ("1999-01 Q1", "'1999-01 Q1': a financial year is written '1999-00', April to March of the next year"),
        ("2010-03 to 2009-12", "'2010-03 to 2009-12': the range ends before it starts"),
    ],
)
def test_impossible_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_when(text)
    assert str(err.value) == message


@pytest.mark.parametrize("text", ["Dec 05", "December 2005", "05/12/2005", "2026-27 Q5", "2026", "", "from", "soon"])
def test_unreadable_dates_list_the_forms(text: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_when(text)
    message = str(err.value)
    assert "is not a date: write a day '2026-03-01', a month '2026-03'" in message
    assert "'tbc' or 'ongoing'" in message


def test_a_bad_part_of_a_range_is_named() -> None:
    with pytest.raises(WhenError, match="'2026-02-30' is not a real date"):
        parse_when("2026-01 to 2026-02-30")
    with pytest.raises(WhenError, match="'2026-13' has no month 13"):
        parse_when("from 2026-13")


def test_format_marks_up_each_dated_part() -> None:
    def wrap(text: str, iso: str) -> str:
        return f"<time datetime='{iso}'>{text}</time>"

    assert format_when(parse_when("2026-03-01"), wrap=wrap) == "<time datetime='2026-03-01'>1 March 2026</time>"
    assert format_when(parse_when("2006-01 to 2006-03"), wrap=wrap) == (
        "<time datetime='2006-01'>January</time> to <time datetime='2006-03'>March 2006</time>"
    )
    assert format_when(parse_when("2026-27 Q1"), wrap=wrap) == (
        "<time datetime='2026-04'>April</time> to <time datetime='2026-06'>June 2026</time> "
        "(quarter 1 of 2026 to 2027)"
    )
    assert format_when(parse_when("tbc"), wrap=wrap) == "to be confirmed"


def test_format_in_another_language() -> None:
    months = ["", "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
              "Hydref", "Tachwedd", "Rhagfyr"]
    words = {"to": "i", "from": "o", "tbc": "i'w gadarnhau", "quarter": "chwarter"}
    assert format_when(parse_when("2006-01 to 2006-03"), months, words) == "Ionawr i Mawrth 2006"
    assert format_when(parse_when("from 2006-04"), months, words) == "o Ebrill 2006"
    assert format_when(parse_when("tbc"), months, words) == "i'w gadarnhau"
    # The "of" in a quarter's words cannot be translated yet, so only the start is checked here.
    assert format_when(parse_when("2026-27 Q1"), months, words).startswith("Ebrill i Mehefin 2026 (chwarter 1 ")
