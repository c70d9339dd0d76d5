"""Due dates as councils write them: a day, a month, a financial-year quarter, a range,
"from" a date, "to be confirmed" or "ongoing"; parsed from short text and shown in GOV.UK style.

The UK financial year runs April to March: quarter 1 of 2026 to 2027 is April to June 2026,
quarter 4 is January to March 2027.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from planportal.source.problems import PlanPortalError

Kind = Literal["day", "month", "quarter", "range", "from", "tbc", "ongoing"]

FORMS_HELP = (
    "write a day '2026-03-01', a month '2026-03', a financial-year quarter '2026-27 Q1', "
    "a range '2026-01 to 2026-03', 'from 2026-04', 'tbc' or 'ongoing'"
)

MONTHS_EN = [calendar.month_name[m] for m in range(13)]


def today() -> dt.date:
    """The day progress may be dated up to: today, or the day of `SOURCE_DATE_EPOCH` (seconds since
    1970, UTC) where a build sets it, as reproducible builds do.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "1143763200"; today()
    datetime.date(2006, 3, 31)
    >>> del os.environ["SOURCE_DATE_EPOCH"]; today() == dt.date.today()
    True
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def after_today(day: dt.date) -> str | None:
    """What to say of a progress entry dated `day`, if it is in the future, else None.

    >>> after_today(dt.date(9999, 1, 1))[:56]
    'dated 9999-01-01, which is in the future: progress is re'
    >>> after_today(dt.date(2006, 3, 31)) is None
    True
    """
    if day <= today():
        return None
    return f"dated {day}, which is in the future: progress is reported once it has happened; correct the date"


class WhenError(PlanPortalError, ValueError):
    """Text that is not a due date; the message says what would be."""


@dataclass(frozen=True)
class When:
    """A point or stretch of time. `start` and `end` are the first and last days covered."""

    kind: Kind
    start: dt.date | None = None
    end: dt.date | None = None
    first: When | None = None  # for ranges and "from": the parts as written
    last: When | None = None

    def __str__(self) -> str:
        return format_when(self)


class MonthDate(dt.date):
    """A whole month given where a day is wanted (a plan's `as_at` or `approved` written '2013-03'): its
    last day, the day it is judged by, which pages show as the month. What is worked out from it (a day
    before, a day after) is a plain day.

    >>> as_at = MonthDate.of(2013, 3)
    >>> as_at, as_at.when.kind, type(as_at + dt.timedelta(days=1)).__name__
    (MonthDate(2013, 3, 31), 'month', 'date')
    """

    @classmethod
    def of(cls, year: int, month: int) -> MonthDate:
        end = _month_end(year, month)
        return cls(end.year, end.month, end.day)

    @property
    def when(self) -> When:
        """The month, as a due date is."""
        return When("month", dt.date(self.year, self.month, 1), dt.date(self.year, self.month, self.day))

    def __add__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        day = dt.date.__add__(self, other)
        return dt.date(day.year, day.month, day.day)

    __radd__ = __add__  # type: ignore[assignment]

    def __sub__(self, other: Any) -> Any:
        result = dt.date.__sub__(self, other)
        return dt.date(result.year, result.month, result.day) if isinstance(result, dt.date) else result


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter(fy_start: int, q: int) -> When:
    """Quarter `q` (1-4) of the financial year starting in April of `fy_start`.

    >>> quarter(2025, 4).start, quarter(2025, 4).end
    (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    """
    month = 4 + 3 * (q - 1)
    year = fy_start + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return When("quarter", dt.date(year, month, 1), _month_end(year, month + 2))


def parse_period(text: str) -> tuple[int, int]:
    """'2026-Q1' or '2026-27 Q1': quarter 1 of the financial year starting in April 2026.

    >>> parse_period("2026-Q1"), parse_period("2025-26 Q4"), parse_period("2025/26 Q4")
    ((2026, 1), (2025, 4), (2025, 4))
    """
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text.strip(), re.IGNORECASE):
        return int(m[1]), int(m[2])
    if m := re.fullmatch(r"(\d{4})[-/](\d{2}) ?Q([1-4])", text.strip(), re.IGNORECASE):
        if (int(m[1]) + 1) % 100 == int(m[2]):
            return int(m[1]), int(m[3])
    raise ValueError(f"'{text}' is not a quarter: write 2026-Q1, 2026-27 Q1 or 2026/27 Q1 (quarter 1 = April to "
                     "June 2026)")


def quarter_of(day: dt.date) -> tuple[int, int]:
    """The (financial year start, quarter) a day falls in.

    >>> quarter_of(dt.date(2026, 3, 31)), quarter_of(dt.date(2026, 4, 1))
    ((2025, 4), (2026, 1))
    """
    fy = day.year if day.month >= 4 else day.year - 1
    return fy, ((day.month - 4) % 12) // 3 + 1


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})[-/](\d{2}) ?Q([1-4])", re.IGNORECASE)  # 2026-27 Q1, or as councils write it 2026/27 Q1
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _point(text: str) -> When:
    text = text.strip()
    if m := _DAY.fullmatch(text):
        year, month, day = map(int, m.groups())
        if not 1 <= month <= 12:
            raise WhenError(f"'{text}' has no month {month}: months run 1 to 12")
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise WhenError(
                f"'{text}' is not a real date: {calendar.month_name[month]} {year} has {last} days"
            )
        day_ = dt.date(year, month, day)
        return When("day", day_, day_)
    if m := _MONTH.fullmatch(text):
        year, month = map(int, m.groups())
        if not 1 <= month <= 12:
            raise WhenError(f"'{text}' has no month {month}: months run 1 to 12")
        return When("month", dt.date(year, month, 1), _month_end(year, month))
    if m := _QUARTER.fullmatch(text):
        start, end_short, q = int(m[1]), int(m[2]), int(m[3])
        if (start + 1) % 100 != end_short:
            raise WhenError(
                f"'{text}': a financial year is written '{start}-{(start + 1) % 100:02d}', "
                "April to March of the next year"
            )
        return quarter(start, q)
    raise WhenError(f"'{text}' is not a date: {FORMS_HELP}{_did_you_mean(text)}")


def _did_you_mean(text: str) -> str:
    """' (did you mean 2010-01-06?)' for a day written as 06/01/2010, the way UK councils write it.

    >>> _did_you_mean("06/01/2010"), _did_you_mean("31/02/2010"), _did_you_mean("soon")
    (' (did you mean 2010-01-06?)', '', '')
    """
    if m := _SLASHED.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            return f" (did you mean {year:04d}-{month:02d}-{day:02d}?)"
    return ""


def parse_when(value: str | dt.date) -> When:
    """Parse one due date as staff write it.

    >>> parse_when("2006-01 to 2006-03").kind, parse_when("tbc").kind
    ('range', 'tbc')
    >>> parse_when("2026-02-31")
    Traceback (most recent call last):
    ...
    planportal.source.dates.WhenError: '2026-02-31' is not a real date: February 2026 has 28 days
    """
    if isinstance(value, dt.datetime):
        raise WhenError(f"'{value}' has a time of day: give the date only")
    if isinstance(value, dt.date):
        return When("day", value, value)
    text = " ".join(str(value).split())
    lowered = text.lower()
    if lowered in ("tbc", "to be confirmed"):
        return When("tbc")
    if lowered == "ongoing":
        return When("ongoing")
    if lowered.startswith("from "):
        first = _point(text[5:])
        return When("from", first.start, None, first=first)
    if " to " in lowered:
        a, b = re.split(" to ", text, maxsplit=1, flags=re.IGNORECASE)
        first, last = _point(a), _point(b)
        assert first.start and last.end and last.start
        if last.end < first.start:
            raise WhenError(f"'{text}': the range ends before it starts")
        return When("range", first.start, last.end, first=first, last=last)
    return _point(text)


Wrap = Callable[[str, str], str]


def plain(text: str, iso: str) -> str:
    return text


def format_when(
    when: When, months: list[str] = MONTHS_EN, words: dict[str, str] | None = None, wrap: Wrap = plain
) -> str:
    """GOV.UK style: '1 March 2026', 'March 2026', 'January to March 2006',
    'April to June 2026 (quarter 1 of 2026 to 2027)', 'from April 2006', 'to be confirmed'.
    `wrap(text, iso)` marks up each dated part, e.g. as an HTML `<time>` element.

    >>> format_when(parse_when("2026-27 Q1"))
    'April to June 2026 (quarter 1 of 2026 to 2027)'
    >>> format_when(parse_when("2006-01 to 2006-03"))
    'January to March 2006'
    """
    w = {"to": "to", "of": "of", "from": "from", "tbc": "to be confirmed", "ongoing": "ongoing", "quarter": "quarter"}
    w.update(words or {})

    def again(part: When) -> str:
        return format_when(part, months, words, wrap)

    if when.kind in ("tbc", "ongoing"):
        return w[when.kind]
    if when.kind == "from" and when.first:
        return f"{w['from']} {again(when.first)}"
    if when.kind == "range" and when.first and when.last:
        first, last = when.first, when.last
        if first == last:
            return again(first)
        if first.kind == last.kind == "month" and first.start and last.start:
            if first.start.year == last.start.year:
                short = wrap(months[first.start.month], first.start.strftime("%Y-%m"))
                return f"{short} {w['to']} {again(last)}"
        return f"{again(first)} {w['to']} {again(last)}"
    assert when.start and when.end
    if when.kind == "day":
        return wrap(f"{when.start.day} {months[when.start.month]} {when.start.year}", when.start.isoformat())
    if when.kind == "month":
        return wrap(f"{months[when.start.month]} {when.start.year}", when.start.strftime("%Y-%m"))
    fy, q = quarter_of(when.start)
    first_month = wrap(months[when.start.month], when.start.strftime("%Y-%m"))
    last_month = wrap(f"{months[when.end.month]} {when.end.year}", when.end.strftime("%Y-%m"))
    return f"{first_month} {w['to']} {last_month} ({w['quarter']} {q} {w['of']} {fy} {w['to']} {fy + 1})"


def short_label(when: When, months: list[str] = MONTHS_EN, words: dict[str, str] | None = None,
                short_months: list[str] | None = None) -> str:
    """A label short enough for a chart axis: 'Mar 2010', 'Q4 2009-10', '2009-10'. `words` are
    format_when's, with "Q" the letter for a quarter; `short_months` default to the first three letters.

    >>> short_label(parse_when("2009-04 to 2010-03")), short_label(parse_when("2009-10 Q4"))
    ('2009-10', 'Q4 2009-10')
    """
    assert when.start and when.end or when.kind in ("tbc", "ongoing")
    short = short_months or [name[:3] for name in months]
    if when.kind == "day" and when.start:
        return f"{when.start.day} {short[when.start.month]} {when.start.year}"
    if when.kind == "month" and when.start:
        return f"{short[when.start.month]} {when.start.year}"
    if when.kind == "quarter" and when.start:
        fy, q = quarter_of(when.start)
        return f"{(words or {}).get('Q', 'Q')}{q} {fy}-{(fy + 1) % 100:02d}"
    if when.start and when.end and when.start.month == 4 and when.start.day == 1 and (
            when.end.month, when.end.day, when.end.year) == (3, 31, when.start.year + 1):
        return f"{when.start.year}-{(when.start.year + 1) % 100:02d}"
    return format_when(when, months, words)


_MONTH_WORDS = {name.lower(): m for m, name in enumerate(MONTHS_EN) if name} | {
    name.lower()[:3]: m for m, name in enumerate(MONTHS_EN) if name} | {"sept": 9}
_FILLER = frozenset({"by", "end", "the", "of", "to", "and", "before", "until", "till", "in", "on", "at", "st", "nd",
                     "rd", "th", "q"})
"""Words a deadline as written may use that say nothing the date does not: 'by end of March 2013'."""
_FROM = frozenset({"from", "commencing", "starting"})
"""Words that say what 'from' does, where the date shown says 'from'."""


def says_more(as_written: str, shown: str) -> bool:
    """Whether the words a plan used for a date (`as_written`) say more than the date as the site shows
    it (`shown`, in English, with its note): a word, a month or a number the date does not give. Filler
    words ('by', 'end of'), months written short and years written with two digits say nothing more.

    >>> says_more("by March 2013 for departments, by March 2014 for agencies", "March 2013 and March 2014")
    True
    >>> says_more("End Feb 06", "February 2006"), says_more("March-September 2004", "March to September 2004")
    (False, False)
    >>> says_more("13th Sept", "13 September 2010"), says_more("31/3/10", "31 March 2010")
    (False, False)
    >>> says_more("mid Feb 06", "February 2006"), says_more("Commencing Jan 06", "January 2006")
    (True, True)
    >>> says_more("Commencing Jan 06, thereafter monthly", "from January 2006 thereafter monthly")
    False
    """
    def tokens(text: str) -> list[str]:
        return re.findall(r"[a-z]+|\d+", text.lower())

    seen = tokens(shown)
    words = {t for t in seen if not t.isdigit()}
    months = {_MONTH_WORDS[t] for t in seen if t in _MONTH_WORDS}
    numbers = {t for t in seen if t.isdigit()}
    for token in tokens(as_written):
        if token in _FILLER or token in words or token in _FROM and "from" in words:
            continue
        if token in _MONTH_WORDS:
            if _MONTH_WORDS[token] in months:
                continue
            return True
        if token.isdigit():
            if token in numbers or token.lstrip("0") in numbers or (len(token) == 2 and any(
                    len(n) == 4 and n.endswith(token) for n in numbers)) or int(token) in months:
                continue
        return True
    return False
