"""A schedule's first answers: from the rules of one day, before any weekly pattern is made.

The first ``is_open`` of a schedule whose rules select days by weekday alone
reads the instant's day straight from the rules (``_plain_open``); later
questions use the weekly pattern (``_plain_week``) or the compiled weeks and
years. These properties hold the first answer to the others, and the shared
programs and calendars to ones made alone.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from datetime import date, datetime, timedelta, timezone
from typing import Any, List

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import _calendar as calendar_module
from pageavail import _compile as compile_module
from pageavail import schedule as schedule_module
from pageavail._compile import BUCKET_SECONDS, Program
from pageavail._parser import parse_rules
from pageavail._selectors import MAX_END_MINUTE, MINUTES_PER_DAY, HoursRule, TimeSpan
from pageavail._time import ZoneInfo, utc_seconds
from pageavail.schedule import _plain_open, _plain_week
from pageavail.testing import hours_rules, weekday_ranges

UTC = timezone.utc
DST_ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"]


@st.composite
def plain_rules(draw: Any) -> HoursRule:
    """Rules that select days by weekday alone: overnight spans, off, ',' rules and whole days."""
    spans: List[TimeSpan] = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.sampled_from([0, 60, 120, 150, 540, 720, 1020, 1320, 1439]))
        end = draw(st.sampled_from([1, 150, 180, 600, 720, 1440, 1500, 1560, 2000, MAX_END_MINUTE]))
        if end > start:
            spans.append(TimeSpan(start, end))
    return HoursRule(
        weekdays=tuple(draw(st.lists(weekday_ranges(), max_size=2))),
        spans=tuple(spans),
        closed=draw(st.booleans()),
        additional=draw(st.booleans()),
    )


RULE_LISTS = st.lists(plain_rules(), min_size=1, max_size=5) | st.lists(
    hours_rules(comments=False), min_size=1, max_size=3
)


def fresh(schedule: pa.Schedule) -> pa.Schedule:
    """An equal schedule with nothing compiled or asked yet."""
    return pa.Schedule(schedule.rules, schedule.zone, schedule.holidays, schedule.recurrences)


def bucket_answer(schedule: pa.Schedule, at: datetime) -> bool:
    """is_open read from the instant's compiled year bucket (the general path)."""
    seconds = utc_seconds(at)
    return (
        bisect_right(schedule._get_program().bucket(seconds // BUCKET_SECONDS, schedule.zone), seconds) & 1
        == 1
    )


@settings(max_examples=300, deadline=None)
@given(RULE_LISTS, st.integers(0, 6), st.integers(0, 86_399))
@example([HoursRule(weekdays=(), spans=(TimeSpan(1320, 1560),))], 0, 3600)  # spill over Sunday night
@example(
    list(parse_rules("Mo 10:00-12:00; Mo 14:00-15:00")), 0, 11 * 3600
)  # the second rule replaces the first
@example(list(parse_rules("Mo-Fr 22:00-02:00; Tu 01:00-01:30 off")), 1, 3600 + 1799)  # a spill cut by off
def test_one_day_from_the_rules_equals_the_weekly_pattern(
    rules: List[HoursRule], weekday: int, second: int
) -> None:
    """_plain_open answers like a lookup in _plain_week's pattern, and gives up exactly when it does."""
    week = _plain_week(tuple(rules))
    found = _plain_open(tuple(rules), weekday, second)
    if week is None:
        assert found is None
        return
    assert found == (bisect_right(week, weekday * 86_400 + second) & 1 == 1)
    # and like the general compiler's weekly pattern
    program_week = Program(tuple(rules), (), None).week()
    assert program_week is not None
    assert found == (bisect_right(program_week, weekday * 86_400 + second) & 1 == 1)


@st.composite
def instants_near_bounds(draw: Any, schedule: pa.Schedule) -> datetime:
    """An instant at, just before or just after a span bound of the rules, on a DST-prone day, or anywhere."""
    zone = schedule.zone
    year = draw(st.sampled_from([4, 1970, 2026, 2027, 2038, 9996]))
    day = draw(
        st.sampled_from([date(year, 3, 8), date(year, 3, 29), date(year, 4, 5), date(year, 10, 4)])
        | st.dates(date(year, 1, 1), date(year, 12, 28))
    )
    minutes = sorted({b % MINUTES_PER_DAY for r in schedule.rules for s in r.spans for b in (s.start, s.end)})
    minute = draw(st.sampled_from(minutes or [0]) | st.integers(0, MINUTES_PER_DAY - 1))
    shift = draw(st.sampled_from([-1, 0, 1, 0]))
    wall = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute, seconds=shift)
    fold = draw(st.integers(0, 1))
    at = wall.replace(tzinfo=zone, fold=fold)
    return at.astimezone(UTC).astimezone(zone) if draw(st.booleans()) else at.astimezone(UTC)


@settings(max_examples=300, deadline=None)
@given(st.data(), RULE_LISTS, st.sampled_from(DST_ZONES))
@example(None, [HoursRule(weekdays=(), spans=(TimeSpan(120, 180),))], "Europe/Berlin")
def test_first_answer_equals_the_general_path(data: Any, rules: List[HoursRule], zone: str) -> None:
    """The first is_open (from one day's rules) equals the compiled year's answer, around DST changes too."""
    schedule = pa.Schedule(tuple(rules), zone)
    if data is None:  # the explicit example: 02:30 on the day Berlin skips it, and in the doubled hour
        instants = [datetime(2026, 3, 29, 1, 30, tzinfo=UTC), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]
    else:
        instants = [data.draw(instants_near_bounds(schedule))]
    for at in instants:
        try:
            utc_seconds(at)
        except pa.OutOfRangeError:  # the first day of year 4 east of UTC: refused on the first question too
            with pytest.raises(pa.OutOfRangeError):
                fresh(schedule).is_open(at)
            continue
        first = fresh(schedule)
        answer = first.is_open(at)
        assert first._compiled is None or _plain_week(first.rules) is None  # no pattern made for it
        assert answer == bucket_answer(fresh(schedule), at)
        assert answer == first.is_open(at) == fresh(schedule).check(at).is_open


def test_a_new_text_makes_no_weekly_pattern_for_its_first_answer() -> None:
    """Parsing and one question leave the weekly pattern unmade and the shared table of patterns empty."""
    schedule_module._PROGRAMS.clear()
    schedule = pa.Schedule.parse("Mo-Fr 22:00-02:00; Sa off", zone="Europe/Berlin")
    berlin = ZoneInfo("Europe/Berlin")
    assert schedule.is_open(datetime(2031, 3, 4, 1, 30, tzinfo=berlin))  # Tuesday: Monday's spill
    assert not schedule.is_open(datetime(2031, 3, 8, 1, 30, tzinfo=berlin))  # Saturday off, spill too
    assert schedule._compiled is None
    assert not schedule_module._PROGRAMS
    assert schedule.next_change(datetime(2031, 3, 4, 1, 30, tzinfo=berlin)) == datetime(
        2031, 3, 4, 2, tzinfo=berlin
    )
    assert schedule._compiled is not None


def test_equal_calendars_share_one_program_and_its_holidays() -> None:
    """Schedules with equal rules and equal code calendars share a program; it answers as one made alone."""
    text = "Mo-Fr 09:00-17:00; PH off"
    a = pa.Schedule.parse(text, zone="Europe/Berlin", holidays="DE-BE")
    b = pa.Schedule.parse(
        text, zone="Europe/Paris", holidays=pa.HolidayCalendar(country="DE", subdivision="BE")
    )
    c = pa.Schedule.parse(text, zone="Europe/Berlin", holidays="DE-BY")
    d = pa.Schedule.parse(text, zone="Europe/Berlin", holidays=[date(2026, 12, 25)])
    assert a._get_program() is b._get_program()
    assert a._get_program() is not c._get_program()
    assert a._get_program() is not d._get_program()
    christmas = datetime(2026, 12, 25, 12, tzinfo=UTC)  # a Friday
    womens_day = datetime(2027, 3, 8, 12, tzinfo=UTC)  # a Monday: a holiday in Berlin, not in Bavaria
    working_day = datetime(2026, 12, 23, 12, tzinfo=UTC)
    assert [a.is_open(christmas), a.is_open(womens_day), a.is_open(working_day)] == [False, False, True]
    assert [b.is_open(christmas), b.is_open(womens_day), b.is_open(working_day)] == [False, False, True]
    assert [c.is_open(christmas), c.is_open(womens_day), c.is_open(working_day)] == [False, True, True]
    assert [d.is_open(christmas), d.is_open(womens_day), d.is_open(working_day)] == [False, True, True]
    alone = Program(a.rules, (), pa.HolidayCalendar.from_code("DE-BE"))
    for at in (christmas, womens_day, working_day):
        seconds = utc_seconds(at)
        bounds = alone.bucket(seconds // BUCKET_SECONDS, b.zone)
        assert b.is_open(at) == (bisect_right(bounds, seconds) & 1 == 1)


def test_calendars_from_a_code_are_shared_and_bounded() -> None:
    """from_code gives one value per code, and its table stays within its limit."""
    calendar_module._BY_CODE.clear()
    first = pa.HolidayCalendar.from_code("DE-BE")
    assert pa.HolidayCalendar.from_code("DE-BE") is first
    assert pa.HolidayCalendar.from_code("de-be") == first
    for number in range(calendar_module._SHARED_CODES - len(calendar_module._BY_CODE)):
        calendar_module._BY_CODE[f"full-{number}"] = first  # as many distinct codes would fill it
    made = pa.HolidayCalendar.from_code("US")
    assert made == pa.HolidayCalendar(country="US")
    assert len(calendar_module._BY_CODE) <= calendar_module._SHARED_CODES
    assert pa.HolidayCalendar.from_code("US") is made
    calendar_module._BY_CODE.clear()


@settings(max_examples=60, deadline=None)
@given(RULE_LISTS, st.sampled_from(DST_ZONES), st.integers(0, 400))
def test_the_shared_empty_table_stays_empty(rules: List[HoursRule], zone: str, day: int) -> None:
    """Schedules that compile weeks, years and intervals get tables of their own; the shared empty one stays empty."""
    schedule = pa.Schedule(tuple(rules), zone)
    at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day, minutes=day * 7)
    assert schedule.is_open(at) == schedule.is_open(at) == schedule.check(at).is_open
    with contextlib.suppress(pa.OutOfRangeError):  # no change before the end of the supported instants
        schedule.next_change(at)
    schedule.intervals(at, at + timedelta(days=3))
    assert not schedule_module._NOTHING
    assert not compile_module._NONE_YET
    assert schedule._windows is not schedule_module._NOTHING


def test_equal_rules_share_their_steps_and_fallbacks_do_not() -> None:
    """Programs share the step of an equal rule (not of a '||' rule, which depends on the rules before it)."""
    first = Program(parse_rules("Mo-Fr 09:00-17:00; Dec 24 off"), (), None)
    second = Program(parse_rules("Mo-Fr 09:00-17:00; Sa 10:00-12:00"), (), None)
    assert first.steps[0] is second.steps[0]
    assert first.steps[1] is not second.steps[1]
    a = Program(parse_rules("Mo 10:00-11:00 || Tu-Fr 09:00-17:00"), (), None)
    b = Program(parse_rules("Tu 10:00-11:00 || Tu-Fr 09:00-17:00"), (), None)
    assert a.steps[1] is not b.steps[1]
    tuesday = date(2026, 12, 1)
    context = a.context(tuesday, tuesday)
    assert a.day(tuesday, context) == ((540, 1020),)  # the fallback selects the Tuesday
    assert b.day(tuesday, context) == ((600, 660),)  # the Tuesday is the first rule's: no fallback


def test_the_shared_tables_of_the_compiler_stay_bounded() -> None:
    """A full shared table of the compiler starts afresh: it never holds more than its limit."""
    tables = [
        (compile_module._RULE_STEPS, compile_module._SHARED_STEPS),
        (compile_module._SELECTIONS, compile_module._SHARED_VALUES),
        (compile_module._DAY_SPANS, compile_module._SHARED_VALUES),
    ]
    for table, limit in tables:
        for number in range(limit - len(table)):
            table[("full", number)] = ("full", number)  # as many distinct rules and days would fill it
    program = Program(parse_rules("Mo 10:07-11:13; Dec 24 off"), (), None)
    monday = date(2026, 12, 21)
    assert program.day(monday, program.context(monday, monday)) == ((607, 673),)
    for table, limit in tables:
        assert 0 < len(table) <= limit
        table.clear()
