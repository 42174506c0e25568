"""Differential tests: pageavail and the Rust-backed opening-hours-py must agree.

On the syntax both understand (weekdays, months and month days, time spans
including ones past midnight, off, ';' and ', ' rules; n-th weekdays with day
offsets, easter dates and ranges, ISO weeks and fallback rules '||'), over whole
years, in UTC and in Europe/Berlin away from its DST days. Where the peer is known
to be wrong, tests below pin our answer and say why. (``PH +1 day`` and ``SH``
need holiday calendars, which the peer cannot be given: tests/test_language.py
pins them.)
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Tuple

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._selectors import EasterRange, NthDateRange, Weekday, WeekdayRange, WeekRange
from pageavail.testing import date_ranges, time_spans, weekday_ranges

if sys.version_info < (3, 10):  # pragma: no cover - depends on the interpreter
    pytest.skip(
        "opening-hours-py has wheels only for Python 3.10 and later; differential tests skipped",
        allow_module_level=True,
    )
oh = pytest.importorskip("opening_hours", reason="opening-hours-py is not installed (pip install '.[test]')")

Naive = List[Tuple[datetime, datetime]]


@st.composite
def shared_rules(draw: Any) -> pa.HoursRule:
    """Rules in the syntax both libraries share."""
    return pa.HoursRule(
        dates=tuple(draw(st.lists(date_ranges(with_years=False), max_size=2))),
        weekdays=tuple(draw(st.lists(weekday_ranges(), max_size=3))),
        spans=tuple(draw(st.lists(time_spans(step=15), max_size=3))),
        closed=draw(st.booleans()),
        additional=draw(st.booleans()),
    )


shared_schedules = st.lists(shared_rules(), min_size=1, max_size=3).map(tuple)

nth_weekdays = st.builds(
    lambda day, nth, offset: WeekdayRange(day, day, tuple(nth), offset),
    st.sampled_from(list(Weekday)),
    st.lists(st.sampled_from([1, 2, 3, 4, 5, -1, -2, -5]), min_size=1, max_size=3),
    st.sampled_from([0, 0, 0, 1, -1, 6]),
)
easter_ranges = st.builds(
    lambda offset, length: EasterRange(offset, None if length is None else offset + length),
    st.sampled_from([0, 1, -2, 39, -48, 60]),
    st.none() | st.integers(0, 3),
) | st.builds(
    lambda month, day, before: (
        EasterRange(0, -1, start_date=(month, day))
        if before
        else EasterRange(-2, None, end_date=(month, day))
    ),
    st.integers(1, 12),
    st.integers(1, 28),
    st.booleans(),
)


@st.composite
def week_ranges(draw: Any) -> WeekRange:
    start = draw(st.integers(1, 53))
    end = min(53, start + draw(st.integers(0, 12)))
    return WeekRange(start, end, draw(st.integers(1, 3)) if end > start else 1)


@st.composite
def language_rules(draw: Any) -> pa.HoursRule:
    """Rules with the newer selectors too: n-th weekdays, easter, weeks, fallback rules."""
    join = draw(st.sampled_from(["normal", "additional", "fallback"]))
    return pa.HoursRule(
        dates=tuple(draw(st.lists(date_ranges(with_years=False) | easter_ranges, max_size=2))),
        weeks=tuple(draw(st.lists(week_ranges(), max_size=2))),
        weekdays=tuple(draw(st.lists(weekday_ranges() | nth_weekdays, max_size=2))),
        spans=tuple(draw(st.lists(time_spans(step=15), max_size=2))),
        closed=draw(st.booleans()),
        additional=join == "additional",
        fallback=join == "fallback",
    )


language_schedules = st.lists(language_rules(), min_size=1, max_size=3).map(tuple)


def peer_open(text: str, start: datetime, end: datetime) -> Naive:
    """The peer's open intervals as naive wall-clock pairs, merged where they touch."""
    found: Naive = []
    for first, last, state, _ in oh.OpeningHours(text).intervals(start, end):
        if state != oh.State.OPEN:
            continue
        if found and found[-1][1] == first:
            found[-1] = (found[-1][0], last)
        else:
            found.append((first, last))
    return found


def our_open(schedule: pa.Schedule, start: datetime, end: datetime) -> Naive:
    """Our open intervals as naive wall-clock pairs."""
    zone = schedule.zone
    return [
        (i.start.replace(tzinfo=None), i.end.replace(tzinfo=None))
        for i in schedule.intervals(start.replace(tzinfo=zone), end.replace(tzinfo=zone))
    ]


def _easter_joins_the_rule_before(schedule: pa.Schedule, index: int) -> bool:
    """Whether rule *index* is an additional rule right after a rule of dates alone (no weekdays, no
    times) that the peer reads as more dates of that rule: one starting with ``easter`` (``Jan, easter
    off``: read as one list), or any after a range between n-th weekdays (``Jan Mo[1]-Jan Mo[1], 24/7``:
    the peer expects another date there and refuses the text)."""
    rule = schedule.rules[index]
    if not (index and rule.additional):
        return False
    before = schedule.rules[index - 1]
    if not before.dates or before.weekdays or before.spans or before.weeks:
        return False
    after_nth = any(isinstance(d, NthDateRange) for d in before.dates)
    return after_nth or bool(rule.dates and isinstance(rule.dates[0], EasterRange))


def peer_deviates(schedule: pa.Schedule) -> bool:
    """Schedules on which the peer is known to leave the reference semantics.

    Each case is pinned by a test below: spans past 24:00 written as extended
    times with month selectors, a span past midnight from a later ';' rule
    spilling into a day an earlier rule selected (the peer drops the spill), a
    fallback rule after an ``off`` rule (the peer falls back on days that earlier
    rules leave closed, goes wrong with an ``off`` or ``24/7`` fallback, and with a fallback rule drops a span's part past
    midnight on a day no rule selects), a week step longer than its range (``week 43-44/2``:
    the peer takes every week of the range), and a day offset inside a weekday
    list (``Mo[1] +1 day,Tu``, which the peer's grammar refuses); besides, the
    peer selects every day of the months for n-th weekdays after a list of
    months (``May,Nov Su[3]``), closes Easter for ``easter week 48 off``, and
    reads an additional rule that starts with ``easter`` after a rule of dates
    alone as more dates of that rule (``Jan, easter off``: all closed).
    """
    closed_before = spill_before = False
    for index, rule in enumerate(schedule.rules):
        if rule.fallback and (closed_before or spill_before or rule.closed):
            return True
        whole_day = not rule.spans or any(span.start == 0 and span.end >= 1440 for span in rule.spans)
        if rule.fallback and whole_day and not rule.has_day_selector:  # '|| 24/7'
            return True
        if any(w.offset for w in rule.weekdays[:-1]):  # the peer refuses 'Mo[1] +1 day,Tu'
            return True
        if len(rule.dates) > 1 and any(w.nth for w in rule.weekdays):  # 'May,Nov Su[3]'
            return True
        if rule.closed and rule.weeks and any(isinstance(d, EasterRange) for d in rule.dates):
            return True
        if _easter_joins_the_rule_before(schedule, index):  # 'Jan, easter off'
            return True
        closed_before = closed_before or rule.closed
        spill_before = spill_before or any(span.end > 1440 for span in rule.spans)
        if any(w.step > w.end - w.start for w in rule.weeks if w.step > 1):
            return True
        spills = any(span.end > 1440 for span in rule.spans)
        if spills and index > 0 and not rule.additional:
            return True
        if any(span.end > 1440 and span.end - 1440 > span.start for span in rule.spans):
            return True
    return False


@settings(max_examples=150)
@given(shared_schedules)
def test_same_intervals_as_the_peer_over_a_year_in_utc(rules: Tuple[pa.HoursRule, ...]) -> None:
    """Over all of 2026 in UTC, both libraries give the same open intervals."""
    schedule = pa.Schedule(rules, "UTC")
    text = str(schedule)
    start, end = datetime(2026, 1, 1), datetime(2027, 1, 1)
    assume(not peer_deviates(schedule))
    assert our_open(schedule, start, end) == peer_open(text, start, end), text


@settings(max_examples=150, deadline=None)
@given(language_schedules)
def test_same_intervals_as_the_peer_with_the_newer_selectors(rules: Tuple[pa.HoursRule, ...]) -> None:
    """With n-th weekdays, easter, ISO weeks and '||', over 2026 and 2027 in UTC, both agree."""
    schedule = pa.Schedule(rules, "UTC")
    text = str(schedule)
    start, end = datetime(2026, 1, 1), datetime(2028, 1, 1)
    assume(not peer_deviates(schedule))
    assert our_open(schedule, start, end) == peer_open(text, start, end), text


@pytest.mark.parametrize(
    "text",
    [
        "Mo[1] 10:00-12:00",  # the specification's examples of each form
        "Th[3],Th[-1] off",
        "Su[-1] -1 day",
        "Mo[1] +2 days 10:00-11:00",
        "easter",
        "easter +1 day",
        "easter -2 days-easter +1 day",
        "2026 easter",
        "easter-Apr 20",
        "easter-Apr 02",
        "Dec 25-easter",
        "Apr 05-easter -1 day",
        "week 01-53/2 Fr 09:00-12:00; week 02-52/2 We 09:00-12:00",
        "week 53",
        "Mo-Fr 10:00-12:00 || We 14:00-16:00",
        "Mo 10:00-12:00 || Tu 14:00-16:00 || 18:00-19:00",
        "Apr: 08:00-12:00",
    ],
)
def test_examples_agree_with_the_peer(text: str) -> None:
    """Each new form, as the specification writes it, over four years in UTC."""
    start, end = datetime(2024, 1, 1), datetime(2028, 1, 1)
    assert our_open(pa.Schedule.parse(text, zone="UTC"), start, end) == peer_open(text, start, end)


def test_peer_falls_back_after_an_off_rule() -> None:
    """'Mo off || 14:00-16:00': an off rule selects Monday, so the fallback does not apply there
    (as in the specification's 'Su,PH off || \"by appointment\"'); the peer opens Monday 14-16."""
    text = "Mo off || 14:00-16:00"
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 4)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [(datetime(2026, 3, 3, 14), datetime(2026, 3, 3, 16))]
    assert peer_open(text, start, end)[0] == (datetime(2026, 3, 2, 14), datetime(2026, 3, 2, 16))


def test_peer_closes_for_good_with_an_off_fallback() -> None:
    """'Mo 10:00-12:00 || off' is open Mondays 10-12 (the off fallback closes the other days,
    which were closed anyway); the peer stays closed after the first Monday."""
    text = "Mo 10:00-12:00 || off"
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 16)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [
        (datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 12)),
        (datetime(2026, 3, 9, 10), datetime(2026, 3, 9, 12)),
    ]
    assert peer_open(text, start, end) == ours[:1]  # the peer stays closed after the first Monday


def test_peer_closes_for_good_with_an_all_day_fallback() -> None:
    """'Mo 10:00-12:00 || 24/7' is open Mondays 10-12 and all of the other days; the peer stays closed
    after the first Monday."""
    text = "Mo 10:00-12:00 || 24/7"
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 10)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [
        (datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 12)),
        (datetime(2026, 3, 3), datetime(2026, 3, 9)),
        (datetime(2026, 3, 9, 10), datetime(2026, 3, 9, 12)),
    ]
    assert peer_open(text, start, end) == ours[:1]


def test_peer_drops_a_spill_into_an_unselected_day_when_a_fallback_follows() -> None:
    """'Su 19:30-07:15 || Fr 10:00-11:00': no rule selects Monday, so Sunday's span runs to Monday
    07:15, as without the fallback; the peer ends it at midnight."""
    text = "Su 19:30-07:15 || Fr 10:00-11:00"
    start, end = datetime(2026, 3, 8), datetime(2026, 3, 10)
    assert our_open(pa.Schedule.parse(text, zone="UTC"), start, end) == [
        (datetime(2026, 3, 8, 19, 30), datetime(2026, 3, 9, 7, 15))
    ]
    assert peer_open(text, start, end) == [(datetime(2026, 3, 8, 19, 30), datetime(2026, 3, 9))]


def test_peer_runs_nth_weekdays_of_a_month_list_together() -> None:
    """'May,Nov Su[3] 10:00-12:00' is the third Sunday of May and of November; the peer opens
    every day of those months."""
    text = "May,Nov Su[3] 10:00-12:00"
    start, end = datetime(2026, 5, 1), datetime(2026, 6, 1)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [(datetime(2026, 5, 17, 10), datetime(2026, 5, 17, 12))]
    assert len(peer_open(text, start, end)) == 31


def test_peer_closes_easter_for_an_easter_rule_of_other_weeks() -> None:
    """'easter, easter week 48 off': Easter never falls in week 48, so Easter stays open; the peer
    closes it."""
    text = "easter, easter week 48 off"
    start, end = datetime(2026, 4, 1), datetime(2026, 5, 1)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [(datetime(2026, 4, 5), datetime(2026, 4, 6))]
    assert peer_open(text, start, end) == []


def test_peer_reads_an_easter_rule_after_a_rule_of_dates_as_more_dates() -> None:
    """'Jan, easter off': January is open all day and Easter Sunday closed (', ' starts an additional
    rule, as in 'Jan, Feb off', which the peer reads so too); the peer reads 'Jan, easter' as one list
    of dates and closes both."""
    start, end = datetime(2026, 1, 1), datetime(2026, 3, 1)
    schedule = pa.Schedule.parse("Jan, easter off", zone="UTC")
    assert peer_deviates(schedule)
    assert our_open(schedule, start, end) == [(datetime(2026, 1, 1), datetime(2026, 2, 1))]
    assert peer_open("Jan, easter off", start, end) == []
    assert our_open(pa.Schedule.parse("Jan, Feb off", zone="UTC"), start, end) == peer_open(
        "Jan, Feb off", start, end
    )


def test_peer_ignores_a_week_step_longer_than_the_range() -> None:
    """'week 43-44/2' is week 43 only (weeks 43, 45, ... up to 44); the peer takes weeks 43 and 44."""
    text = "week 43-44/2"
    start, end = datetime(2026, 10, 19), datetime(2026, 11, 2)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [(datetime(2026, 10, 19), datetime(2026, 10, 26))]
    assert peer_open(text, start, end) == [(datetime(2026, 10, 19), datetime(2026, 11, 2))]


def test_the_peer_refuses_short_hours_and_some_colons() -> None:
    """Hours without minutes ('Mo 7-18') and a colon after weekdays are pageavail's reading of
    what opening_hours.js accepts; the peer refuses them, so they are compared in canonical form."""
    for text, canonical in [("Mo 7-18", "Mo 07:00-18:00"), ("Mo-Fr: 09:00-17:00", "Mo-Fr 09:00-17:00")]:
        with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the peer raises
            oh.OpeningHours(text)
        start, end = datetime(2026, 3, 2), datetime(2026, 3, 9)
        ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
        assert ours == peer_open(canonical, start, end)


BERLIN_QUIET_WEEKS = [(date(2026, 1, 5), 70), (date(2026, 4, 6), 150), (date(2026, 11, 2), 50)]


@settings(max_examples=60)
@given(shared_schedules, st.sampled_from(BERLIN_QUIET_WEEKS))
def test_same_intervals_as_the_peer_in_berlin_away_from_dst(
    rules: Tuple[pa.HoursRule, ...], stretch: Tuple[date, int]
) -> None:
    """In Europe/Berlin, on stretches without a DST change, both give the same wall-clock intervals."""
    schedule = pa.Schedule(rules, "Europe/Berlin")
    text = str(schedule)
    assume(not peer_deviates(schedule))
    first, days = stretch
    start = datetime(first.year, first.month, first.day)
    end = start + timedelta(days=days)
    assert our_open(schedule, start, end) == peer_open(text, start, end), text


def test_peer_runs_months_together_with_extended_times() -> None:
    """The peer opens 'Jan,Aug 29 12:15-48:00' from January to August; we keep to the days named."""
    text = "Jan,Aug 29 12:15-48:00"
    start, end = datetime(2026, 1, 1), datetime(2026, 9, 3)
    assert peer_open(text, start, end)[0] == (datetime(2026, 1, 1, 12, 15), datetime(2026, 8, 29))
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [
        (datetime(2026, 1, 1, 12, 15), datetime(2026, 2, 2)),
        (datetime(2026, 8, 29, 12, 15), datetime(2026, 8, 31)),
    ]


def test_peer_drops_a_spill_over_an_earlier_rule() -> None:
    """'Mo-Su 10:00-12:00; Fr 22:00-02:00': the reference keeps Sat 00:00-02:00, the peer drops it."""
    text = "Mo-Su 10:00-12:00; Fr 22:00-02:00"
    start, end = datetime(2026, 11, 27), datetime(2026, 11, 29)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours[0] == (datetime(2026, 11, 27, 22), datetime(2026, 11, 28, 2))
    assert peer_open(text, start, end)[0] == (datetime(2026, 11, 27, 22), datetime(2026, 11, 28))


def test_peer_fall_back_hour() -> None:
    """At a fall-back, the peer's intervals skip the repeated hour; ours hold both occurrences."""
    zone = pa.schedule.ZoneInfo("Europe/Berlin")
    start, end = datetime(2026, 10, 24, 12, tzinfo=zone), datetime(2026, 10, 26, tzinfo=zone)
    ours = pa.Schedule.parse("Su 02:00-03:00", zone="Europe/Berlin").intervals(start, end)
    assert [i.duration for i in ours] == [timedelta(hours=2)]
    peer = oh.OpeningHours("Su 02:00-03:00", timezone=zone)
    peer_spans = [(a, b) for a, b, state, _ in peer.intervals(start, end) if state == oh.State.OPEN]
    assert sum((b - a for a, b in peer_spans), timedelta()) != timedelta(hours=2)


def test_peer_rejects_utc_datetimes() -> None:
    """The peer refuses datetimes in datetime.timezone.utc; we accept any aware datetime."""
    at = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)
    assert pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin").is_open(at)
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the peer raises
        oh.OpeningHours("Mo-Fr 09:00-17:00", timezone=pa.schedule.ZoneInfo("Europe/Berlin")).is_open(at)


# -- the third state: unknown times ----------------------------------------------------------------


def peer_states(text: str, start: datetime, end: datetime) -> List[Tuple[datetime, datetime, str]]:
    """The peer's open and unknown intervals as naive wall-clock triples, merged where they touch."""
    found: List[Tuple[datetime, datetime, str]] = []
    for first, last, state, _ in oh.OpeningHours(text).intervals(start, end):
        name = {oh.State.OPEN: "open", oh.State.UNKNOWN: "unknown"}.get(state)
        if name is None:
            continue
        if found and found[-1][1] == first and found[-1][2] == name:
            found[-1] = (found[-1][0], last, name)
        else:
            found.append((first, last, name))
    return found


def our_states(schedule: pa.Schedule, start: datetime, end: datetime) -> List[Tuple[datetime, datetime, str]]:
    """Our open and unknown intervals as naive wall-clock triples."""
    zone = schedule.zone
    return [
        (i.start.replace(tzinfo=None), i.end.replace(tzinfo=None), state.value)
        for i, state in schedule.state_intervals(start.replace(tzinfo=zone), end.replace(tzinfo=zone))
        if state is not pa.HoursState.CLOSED
    ]


@st.composite
def unknown_rules(draw: Any) -> pa.HoursRule:
    """Shared rules, some of them with the 'unknown' modifier (both libraries read it alike)."""
    rule = draw(shared_rules())
    if not rule.closed and draw(st.booleans()):
        return pa.HoursRule(
            dates=rule.dates,
            weekdays=rule.weekdays,
            spans=rule.spans,
            unknown=True,
            additional=rule.additional,
        )
    return rule


@settings(max_examples=100, deadline=None)
@given(st.lists(unknown_rules(), min_size=1, max_size=3).map(tuple))
def test_same_states_as_the_peer_with_unknown_rules(rules: Tuple[pa.HoursRule, ...]) -> None:
    """With 'unknown' rules, over 2026 in UTC, both libraries give the same open and unknown intervals."""
    schedule = pa.Schedule(rules, "UTC")
    text = str(schedule)
    start, end = datetime(2026, 1, 1), datetime(2027, 1, 1)
    assume(not peer_deviates(schedule))
    assert our_states(schedule, start, end) == peer_states(text, start, end), text


@pytest.mark.parametrize(
    "text",
    [
        "Mo-Fr 10:00-12:00 unknown",
        "Mo-Fr 10:00-18:00; We 12:00-14:00 unknown",
        "Mo-Fr 08:00-18:00; Sa unknown",
        "unknown",
        'unknown "call us"',
        "Mo-Su 22:00-02:00 unknown",
    ],
)
def test_unknown_examples_agree_with_the_peer(text: str) -> None:
    """The 'unknown' modifier, as the specification writes it, over a year in UTC."""
    start, end = datetime(2026, 1, 1), datetime(2027, 1, 1)
    assert our_states(pa.Schedule.parse(text, zone="UTC"), start, end) == peer_states(text, start, end)


def test_peer_opens_an_open_end_until_midnight() -> None:
    """'Mo 17:00+' is unknown from 17:00 to Tuesday 03:00 (opening_hours.js's guess of the closing
    time); the peer calls it open until midnight."""
    text = "Mo 17:00+"
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 4)
    assert our_states(pa.Schedule.parse(text, zone="UTC"), start, end) == [
        (datetime(2026, 3, 2, 17), datetime(2026, 3, 3, 3), "unknown")
    ]
    assert peer_states(text, start, end) == [(datetime(2026, 3, 2, 17), datetime(2026, 3, 3), "open")]


def test_peer_closes_after_a_span_with_an_open_end() -> None:
    """'Mo 10:00-12:00+' is open 10-12 and then unknown to midnight; the peer closes at 12:00."""
    text = "Mo 10:00-12:00+"
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 4)
    assert our_states(pa.Schedule.parse(text, zone="UTC"), start, end) == [
        (datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 12), "open"),
        (datetime(2026, 3, 2, 12), datetime(2026, 3, 3), "unknown"),
    ]
    assert peer_states(text, start, end) == [(datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 12), "open")]


def test_peer_opens_a_comment_alone() -> None:
    """'Mo "on request"' is unknown all of Monday (a comment without times or a modifier, as in
    opening_hours.js); the peer calls it open."""
    text = 'Mo "on request"'
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 4)
    assert our_states(pa.Schedule.parse(text, zone="UTC"), start, end) == [
        (datetime(2026, 3, 2), datetime(2026, 3, 3), "unknown")
    ]
    assert peer_states(text, start, end) == [(datetime(2026, 3, 2), datetime(2026, 3, 3), "open")]


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Dec 24,25 10:00-12:00", "Dec 24,Dec 25 10:00-12:00"),
        ("Mo-Fr 10:00-12:00; Dec 24-26,31 off", "Mo-Fr 10:00-12:00; Dec 24-26,Dec 31 off"),
        ("Jan 03,Dec 04,24 10:00-12:00", "Jan 03,Dec 04,Dec 24 10:00-12:00"),
    ],
)
def test_day_lists_agree_with_the_peer_written_in_full(short: str, full: str) -> None:
    """'Dec 24,25' (which the peer's grammar refuses) means what the peer reads in 'Dec 24,Dec 25'."""
    start, end = datetime(2025, 1, 1), datetime(2027, 1, 1)
    with pytest.raises(BaseException):  # noqa: B017, PT011 - the peer raises its own error type
        oh.OpeningHours(short)
    assert our_open(pa.Schedule.parse(short, zone="UTC"), start, end) == peer_open(full, start, end)


# -- date ranges with n-th weekdays at their ends ----------------------------------------------------

nth_ends = st.builds(
    lambda month, weekday, nth, offset: (month, 0, weekday, nth, offset),
    st.integers(1, 12),
    st.integers(1, 7),
    st.sampled_from([1, 2, 3, 4, -1, -2]),
    st.sampled_from([0, 0, 1, -1, 6]),
)
day_ends = st.builds(lambda month, day: (month, day, 0, 0, 0), st.integers(1, 12), st.integers(1, 28))
#: Either end may be a day of the month (the peer reads 'Jan 01-Jan Mo[1]' as well as
#: 'Jan Mo[1]-Jan 15'), not both: two days make a DateRange.
nth_date_ranges = st.builds(NthDateRange, nth_ends, nth_ends | day_ends) | st.builds(
    NthDateRange, day_ends, nth_ends
)


@st.composite
def nth_range_rules(draw: Any) -> pa.HoursRule:
    """Shared rules whose dates are n-th weekday ranges ('Mar Su[-1]-Oct Su[-1]')."""
    rule = draw(shared_rules())
    return pa.HoursRule(
        dates=tuple(draw(st.lists(nth_date_ranges, min_size=1, max_size=2))),
        weekdays=rule.weekdays,
        spans=rule.spans,
        closed=rule.closed,
        additional=rule.additional,
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(nth_range_rules() | shared_rules(), min_size=1, max_size=3).map(tuple))
def test_same_intervals_as_the_peer_with_nth_ranges(rules: Tuple[pa.HoursRule, ...]) -> None:
    """With n-th weekday range ends, over 2026 to 2028 in UTC, both libraries agree."""
    schedule = pa.Schedule(rules, "UTC")
    text = str(schedule)
    start, end = datetime(2026, 1, 1), datetime(2029, 1, 1)
    assume(not peer_deviates(schedule))
    assert our_open(schedule, start, end) == peer_open(text, start, end), text


def test_peer_drops_a_range_from_a_missing_fifth_weekday() -> None:
    """'Jan Su[5]-Feb 10' in 2026 (four Sundays in January) starts on February 1st, as
    opening_hours.js counts on into the next month; the peer selects nothing that year."""
    text = "Jan Su[5]-Feb 10 10:00-12:00"
    start, end = datetime(2026, 1, 1), datetime(2026, 3, 1)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours[0] == (datetime(2026, 2, 1, 10), datetime(2026, 2, 1, 12))
    assert peer_open(text, start, end) == []


def test_peer_opens_an_open_end_followed_by_a_span() -> None:
    """'Mo 07:00+,12:00-16:00' is unknown 07-12, open 12-16 and closed after, as opening_hours.js
    ends the guess where the next span begins; the peer is open from 07:00 to midnight."""
    text = "Mo 07:00+,12:00-16:00"
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 4)
    assert our_states(pa.Schedule.parse(text, zone="UTC"), start, end) == [
        (datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 12), "unknown"),
        (datetime(2026, 3, 2, 12), datetime(2026, 3, 2, 16), "open"),
    ]
    assert peer_states(text, start, end) == [(datetime(2026, 3, 2, 7), datetime(2026, 3, 3), "open")]


def test_peer_leaves_the_day_to_an_unknown_rule_without_days() -> None:
    """'10:00-18:00; 12:00-14:00 unknown': the unknown rule replaces the day, in pageavail and in the
    peer (opening_hours.js keeps 10-12 and 14-18 open, see docs/limits.md)."""
    text = "10:00-18:00; 12:00-14:00 unknown"
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 3)
    ours = our_states(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [(datetime(2026, 3, 2, 12), datetime(2026, 3, 2, 14), "unknown")]
    assert peer_states(text, start, end) == ours


@pytest.mark.parametrize(
    ("text", "ours", "peer"),
    [
        (
            "Mo-Fr 10:00-18:00, Fr 08:00-09:00+",
            [(8, 9, "open"), (9, 10, "unknown")],
            [(8, 9, "open"), (10, 18, "open")],
        ),
        (
            "Mo-Su 10:00+, Fr 01:00-02:00+",
            [(1, 2, "open"), (2, 10, "unknown")],
            [(1, 2, "open"), (10, 24, "open")],
        ),
    ],
)
def test_peer_keeps_the_times_an_added_open_end_closes(
    text: str, ours: List[Tuple[int, int, str]], peer: List[Tuple[int, int, str]]
) -> None:
    """An open end in a rule added with ', ' closes the rest of its Friday once the guess ends at a
    bound of the earlier rule, that rule's times included, as opening_hours.js reads these texts (see
    docs/schedule.md, 'How rules combine'); the peer keeps Friday open from 10:00."""
    start, end = datetime(2026, 3, 6), datetime(2026, 3, 7)  # a Friday

    def friday(triples: List[Tuple[int, int, str]]) -> List[Tuple[datetime, datetime, str]]:
        return [(start + timedelta(hours=a), start + timedelta(hours=b), state) for a, b, state in triples]

    schedule = pa.Schedule.parse(text, zone="UTC")
    assert our_states(schedule, start, end) == friday(ours)
    check = str(schedule.check(datetime(2026, 3, 6, 12, tzinfo=schedule.zone)))
    assert check.startswith(f"closed: rule 2 ({schedule.rules[1]}) decides"), check
    assert peer_states(text, start, end) == friday(peer)


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("Mo 10:00-12:00; 14:00-16:00", (14, 16)),
        ("Mo 10:00-18:00; 12:00-14:00", (12, 14)),
        ("10:00-18:00; 12:00-14:00", (12, 14)),
    ],
)
def test_a_later_rule_without_days_replaces_the_day_as_in_the_peer(
    text: str, monday: Tuple[int, int]
) -> None:
    """A ';' rule without day selectors replaces every day, in pageavail and in the peer
    (opening_hours.js keeps the times of a day that an earlier rule with a day selector decides,
    see docs/schedule.md)."""
    start, end = datetime(2026, 3, 2), datetime(2026, 3, 3)  # a Monday
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [(datetime(2026, 3, 2, monday[0]), datetime(2026, 3, 2, monday[1]))]
    assert peer_open(text, start, end) == ours
