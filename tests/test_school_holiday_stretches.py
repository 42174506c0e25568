"""School holidays spanning whole years are skipped like date ranges: answers equal a day-by-day walk.

The reference is the same schedule with a :class:`SchoolHolidays` that claims no
whole year in the school holidays, so every year the ranges touch is walked day
by day (the evaluation of each day is the same; only the skipping differs).
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, List, Tuple, Union

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._calendar import SchoolHolidays
from pageavail._time import MAX_YEAR, MIN_YEAR, ZoneInfo
from pageavail.cli import main
from pageavail.config import loads_page
from pageavail.errors import OutOfRangeError

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe")
BERLIN = ZoneInfo("Europe/Berlin")
TEXTS = (
    "Mo-Fr 09:00-17:00; SH off",
    "SH 10:00-12:00",
    "Mo-Fr 09:00-17:00; SH Sa 10:00-14:00",
    "SH 22:00-02:00",
    "24/7; SH off",
    "SH",
    "Mo-Fr 09:00-17:00; PH off; SH 10:00-12:00",
    "SH,PH off; 08:00-20:00",
    "PH 10:00-11:00; SH off",
)
FIRST = date(MIN_YEAR, 1, 1)
LAST = date(MAX_YEAR, 12, 31)
#: Years around which the random ranges lie: common ones, a year boundary of the 400-year
#: cycle, and the first and last supported years (instants are supported from 0004 to 9996).
BASES = (2026, 2099, 2399, MIN_YEAR, 4, MAX_YEAR - 3)

Item = Union[date, Tuple[date, date]]


class DayByDay(SchoolHolidays):
    """The same school holidays, claiming no whole year: a program walks every year they touch."""

    @property
    def whole_years(self) -> Tuple[Tuple[int, int], ...]:
        return ()

    def covers(self, first: date, last: date) -> bool:
        return False


def clip(day: date) -> date:
    return min(max(day, FIRST), LAST)


def shift(day: date, days: int) -> date:
    """*day* moved by *days*, kept within the supported years."""
    return date.fromordinal(min(max(day.toordinal() + days, FIRST.toordinal()), LAST.toordinal()))


@st.composite
def ranges(draw: Callable[..., Any], base: int) -> List[Item]:
    """Up to 4 ranges or single days near *base*, often starting or ending at a year boundary.

    Some span whole years: 3 or more of them let a compiled year be skipped.
    """
    items: List[Item] = []
    for _ in range(draw(st.integers(0, 4))):
        year = base + draw(st.integers(-1, 3))
        start = draw(
            st.one_of(
                st.builds(lambda y: date(y, 1, 1), st.just(year)),
                st.builds(lambda y: date(y, 12, 31), st.just(year)),
                st.integers(0, 364).map(lambda n, y=year: date(y, 1, 1) + timedelta(days=n)),
            )
            if MIN_YEAR <= year <= MAX_YEAR
            else st.just(FIRST if year < MIN_YEAR else LAST)
        )
        length = draw(
            st.sampled_from((0, 1, 30, 364, 365, 366, 1095, 1460, 1461, 2921)) | st.integers(0, 4000)
        )
        end = start + timedelta(days=length) if start.toordinal() + length <= LAST.toordinal() else LAST
        start, end = clip(start), clip(end)
        items.append(start if start == end and draw(st.booleans()) else (start, end))
    return items


def answer(function: Callable[[], Any]) -> Any:
    """The value, or the kind of error (both must agree)."""
    try:
        return function()
    except OutOfRangeError as error:
        return type(error)


def pair(text: str, zone: str, items: List[Item]) -> Tuple[pa.Schedule, pa.Schedule]:
    holidays = [date(2026, 12, 25), date(2027, 1, 1), date(MIN_YEAR, 3, 1), date(MAX_YEAR, 12, 25)]
    fast = pa.Schedule.parse(text, zone, holidays=holidays, school_holidays=SchoolHolidays(items))
    slow = pa.Schedule.parse(text, zone, holidays=holidays, school_holidays=DayByDay(items))
    return fast, slow


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    base=st.sampled_from(BASES),
    text=st.sampled_from(TEXTS),
    zone=st.sampled_from(ZONES),
)
def test_the_skipping_answers_equal_the_day_by_day_walk(data: Any, base: int, text: str, zone: str) -> None:
    """next_change, check, is_open and intervals agree with the walk over random short ranges."""
    items = data.draw(ranges(base))
    fast, slow = pair(text, zone, items)
    tz = ZoneInfo(zone)
    day = shift(date(base, 1, 1), data.draw(st.integers(-3, 4 * 366)))
    at = datetime(day.year, day.month, day.day, data.draw(st.integers(0, 23)), 30, tzinfo=tz)
    assert answer(lambda: fast.next_change(at)) == answer(lambda: slow.next_change(at))
    assert answer(lambda: fast.check(at)) == answer(lambda: slow.check(at))
    assert answer(lambda: fast.is_open(at)) == answer(lambda: slow.is_open(at))
    end_day = shift(day, data.draw(st.integers(1, 400)))
    end = datetime(end_day.year, end_day.month, end_day.day, tzinfo=tz)
    if end > at:
        assert answer(lambda: fast.intervals(at, end)) == answer(lambda: slow.intervals(at, end))


@settings(max_examples=40, deadline=None)
@given(first=st.integers(2027, 2040), years=st.integers(1, 5), text=st.sampled_from(TEXTS[:6]))
def test_whole_years_of_school_holidays_agree_at_their_edges(first: int, years: int, text: str) -> None:
    """Ranges of whole years (Jan 1 to Dec 31): the answers just before, at and after their ends agree."""
    items: List[Item] = [(date(first, 1, 1), date(first + years - 1, 12, 31))]
    fast, slow = pair(text, "Europe/Berlin", items)
    for day in (date(first - 1, 12, 30), date(first, 1, 1), date(first + years - 1, 12, 31)):
        at = datetime(day.year, day.month, day.day, 11, tzinfo=BERLIN)
        assert fast.next_change(at) == slow.next_change(at)
        assert fast.check(at) == slow.check(at)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), base=st.sampled_from(BASES))
def test_whole_years_and_covers_match_the_days(data: Any, base: int) -> None:
    """whole_years lists exactly the years all of whose days are school holidays; covers says
    whether every day between two dates is one."""
    holidays = SchoolHolidays(data.draw(ranges(base)))
    days = holidays.dates_between(FIRST, LAST)
    years = range(max(MIN_YEAR, base - 2), min(MAX_YEAR, base + 14) + 1)
    whole = {y for y in years if all(d in days for d in _days(date(y, 1, 1), date(y, 12, 31)))}
    listed = {y for first, last in holidays.whole_years for y in range(first, last + 1)}
    assert listed & set(years) == whole
    first = shift(date(base, 1, 1), data.draw(st.integers(-400, 4000)))
    last = shift(first, data.draw(st.integers(0, 1500)))
    assert holidays.covers(first, last) == all(d in days for d in _days(first, last))


def _days(first: date, last: date) -> List[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), base=st.sampled_from(BASES), text=st.sampled_from(TEXTS))
def test_a_stretch_said_constant_is_open_or_closed_all_day_on_each_of_its_days(
    data: Any, base: int, text: str
) -> None:
    """Program.stretch: every day of a stretch said open (closed) all day, whose day before lies
    in it, is so, evaluated day by day."""
    fast, _ = pair(text, "Europe/Berlin", data.draw(ranges(base)))
    program = fast._get_program()
    whole = ((0, 24 * 60),)
    for lo, hi in zip(program.breaks, program.breaks[1:]):
        if hi - lo > 12 or lo > base + 14 or hi < base - 2:
            continue
        constant, _ = program.stretch((lo, hi))
        if constant is None:
            continue
        first, last = clip(date(lo, 1, 2)), clip(date(hi - 1, 12, 31))
        context = program.context(first - timedelta(days=1), last)
        assert {program.day(day, context) for day in _days(first, last)} == {whole if constant else ()}


# -- long ranges: the answers, checked -----------------------------------------------------------

HOURS = "Mo-Fr 09:00-17:00; SH off"
FRIDAY = datetime(2026, 11, 27, 10, tzinfo=BERLIN)


def schedule(items: List[Item], text: str = HOURS) -> pa.Schedule:
    return pa.Schedule.parse(text, "Europe/Berlin", school_holidays=items)


def test_school_holidays_to_9000_end_on_the_first_weekday_after() -> None:
    """Closed from 2026 to 9000: the next change is 9001-01-01 09:00 (a Thursday), asked twice."""
    hours = schedule([(date(2026, 1, 1), date(9000, 12, 31))])
    expected = datetime(9001, 1, 1, 9, tzinfo=BERLIN)
    assert hours.next_change(FRIDAY) == expected
    assert hours.next_change(FRIDAY) == expected
    assert expected.isoweekday() == 4
    status = hours.check(FRIDAY)
    assert (status.is_open, status.next_change) == (False, expected)
    assert hours.intervals(FRIDAY, datetime(2126, 1, 1, tzinfo=BERLIN)) == ()


def test_school_holidays_over_every_supported_year_leave_no_change_before_the_end() -> None:
    """Closed from 0004 to 9996: the next opening, 9997-01-01 09:00 local, is past the end of the
    supported instants (9997-01-01T00:00Z), so next_change raises OutOfRangeError as documented."""
    hours = schedule([(date(4, 1, 1), date(9996, 12, 31))])
    with pytest.raises(OutOfRangeError):
        hours.next_change(FRIDAY)
    last_day = datetime(9996, 12, 31, 10, tzinfo=BERLIN)  # a Tuesday
    assert (hours.is_open(last_day), schedule([]).is_open(last_day)) == (False, True)


def test_a_thousand_yearly_ranges_merge_into_one_stretch() -> None:
    """1,000 consecutive one-year ranges (the Page file's most items): closed to 3025, open on 3026-01-02."""
    items: List[Item] = [(date(2026 + i, 1, 1), date(2026 + i, 12, 31)) for i in range(1000)]
    hours = schedule(items)
    expected = datetime(3026, 1, 2, 9, tzinfo=BERLIN)  # 3026-01-01 is a Sunday
    assert hours.next_change(FRIDAY) == expected


def test_ranges_and_single_days_mixed() -> None:
    """A long range, a gap year, a single day and another long range: each gap opens in turn."""
    items: List[Item] = [
        (date(2026, 1, 1), date(5000, 12, 31)),
        date(5002, 3, 3),
        (date(5003, 1, 1), date(8000, 6, 30)),
        date(8001, 1, 1),
    ]
    hours = schedule(items)
    assert hours.next_change(FRIDAY) == datetime(5001, 1, 1, 9, tzinfo=BERLIN)
    assert hours.next_change(datetime(5002, 3, 2, 10, tzinfo=BERLIN)) == datetime(
        5002, 3, 2, 17, tzinfo=BERLIN
    )
    assert hours.next_change(datetime(5002, 3, 3, 10, tzinfo=BERLIN)) == datetime(
        5002, 3, 4, 9, tzinfo=BERLIN
    )
    assert hours.next_change(datetime(5003, 1, 1, 10, tzinfo=BERLIN)) == datetime(
        8000, 7, 3, 9, tzinfo=BERLIN
    )
    assert hours.next_change(datetime(8000, 12, 29, 18, tzinfo=BERLIN)) == datetime(
        8001, 1, 2, 9, tzinfo=BERLIN
    )


def test_a_page_file_with_long_school_holidays_decides_and_explains(tmp_path: Any) -> None:
    """Through a Page file: decide says away until the school holidays end, and explain answers."""
    text = (
        '[page]\nid = "acme"\nname = "Acme"\nzone = "Europe/Berlin"\n'
        'school_holidays = [["2026-01-01", "9000-12-31"]]\n'
        '[messaging]\nhours = "Mo-Fr 09:00-17:00; SH off"\n'
    )
    compiled = loads_page(text).page.compile()
    decision = compiled.decide(FRIDAY.astimezone(timezone.utc))
    assert (decision.reason, decision.until) == (
        "within_response_hours",
        datetime(9001, 1, 1, 9, tzinfo=BERLIN),
    )
    path = tmp_path / "page.toml"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["explain", str(path), "--at", "2026-11-27T10:00:00+01:00"], out=out, err=err) == 0
    assert "Next change: Thu, Jan 1, 9001 09:00 (+01:00)" in out.getvalue()


def test_explain_with_school_holidays_over_every_supported_year_says_no_change_before_the_end(
    tmp_path: Any,
) -> None:
    """`pageavail explain` on a Page closed by SH from 0004 to 9996 says no change before the end."""
    path = tmp_path / "page.toml"
    path.write_text(
        '[page]\nid = "acme"\nname = "Acme"\nzone = "Europe/Berlin"\n'
        'school_holidays = [["0004-01-01", "9996-12-31"]]\n'
        '[messaging]\nhours = "Mo-Fr 09:00-17:00; SH off"\n',
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert main(["explain", str(path), "--at", "2026-11-27T10:00:00+01:00"], out=out, err=err) == 0
    assert (
        "Next change: none before Wed, Jan 1, 9997 01:00 (+01:00), the end of the supported instants"
        in out.getvalue()
    )
