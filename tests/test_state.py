"""The third state: open ends (``10:00+``), the ``unknown`` modifier and comment-only rules.

Unknown times follow ``opening_hours.js``: an open end lasts until 24:00, or ten hours
from 17:00 on and eight hours from 22:00 on (its guess of the closing time); an
``unknown`` rule or a rule of a comment alone makes its times unknown and, like an open
rule, replaces earlier rules for the days it selects. The suite's examples evaluate in
Europe/Berlin from Monday 2012-10-01. ``is_open`` is True only for known open times, so
the status ladder treats unknown hours as outside response hours.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import formats
from pageavail._selectors import TimeSpan
from pageavail.presence import Session
from pageavail.team import Grant
from pageavail.testing import time_spans, weekday_ranges

BERLIN = pa.schedule.ZoneInfo("Europe/Berlin")
UTC = timezone.utc
OPEN, CLOSED, UNKNOWN = pa.HoursState.OPEN, pa.HoursState.CLOSED, pa.HoursState.UNKNOWN


def states(text: str, start: date, days: int, zone: Any = BERLIN, **kw: Any) -> List[Tuple[str, str, str]]:
    """The state intervals from *start* for *days* days, as wall-clock ``YYYY-MM-DD HH:MM`` and the state."""
    schedule = pa.Schedule.parse(text, zone=zone, **kw)
    first = datetime(start.year, start.month, start.day, tzinfo=schedule.zone)
    return [
        (i.start.strftime("%Y-%m-%d %H:%M"), i.end.strftime("%Y-%m-%d %H:%M"), state.value)
        for i, state in schedule.state_intervals(first, first + timedelta(days=days))
    ]


def not_closed(text: str, start: date, days: int, **kw: Any) -> List[Tuple[str, str, str]]:
    """:func:`states` without the closed intervals."""
    return [item for item in states(text, start, days, **kw) if item[2] != "closed"]


MONDAY = date(2012, 10, 1)  # the first day of the suite's week


# -- open ends --------------------------------------------------------------------------------------


def test_open_end_lasts_until_the_end_of_the_day() -> None:
    """'Mo 10:00+' is unknown from 10:00 to 24:00: before 17:00 the guessed closing time is midnight."""
    assert not_closed("Mo 10:00+", MONDAY, 7) == [("2012-10-01 10:00", "2012-10-02 00:00", "unknown")]


def test_open_end_from_the_evening_runs_past_midnight() -> None:
    """'Mo 17:00+' is unknown for ten hours (to Tuesday 03:00), 'Mo 22:00+' for eight (to 06:00),
    as opening_hours.js guesses (its suite's 'Open end' tests)."""
    assert not_closed("Mo 17:00+", MONDAY, 7) == [("2012-10-01 17:00", "2012-10-02 03:00", "unknown")]
    assert not_closed("Mo 22:00+", MONDAY, 7) == [("2012-10-01 22:00", "2012-10-02 06:00", "unknown")]
    assert not_closed("Mo 16:59+", MONDAY, 7) == [("2012-10-01 16:59", "2012-10-02 00:00", "unknown")]


def test_span_with_open_end_is_open_then_unknown() -> None:
    """'Mo 10:00-12:00+' is open 10-12, then unknown from 12:00 (the open end starts at the span's end)."""
    assert not_closed("Mo 10:00-12:00+", MONDAY, 7) == [
        ("2012-10-01 10:00", "2012-10-01 12:00", "open"),
        ("2012-10-01 12:00", "2012-10-02 00:00", "unknown"),
    ]
    assert not_closed("Mo 18:00-20:00+", MONDAY, 7) == [
        ("2012-10-01 18:00", "2012-10-01 20:00", "open"),
        ("2012-10-01 20:00", "2012-10-02 06:00", "unknown"),  # from 20:00: ten hours
    ]


def test_open_end_painted_after_earlier_spans_of_its_rule() -> None:
    """'Mo 12:00-16:00,07:00+': the open end comes last and makes 07:00-24:00 unknown, 12-16 too,
    as the last matching time wins in opening_hours.js."""
    assert not_closed("Mo 12:00-16:00,07:00+", MONDAY, 7) == [
        ("2012-10-01 07:00", "2012-10-02 00:00", "unknown")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The suite's '07:00+,12:00-16:00; 16:00-24:00 closed "needed because of open end"': the
        # closing rule is not needed, the guess ends where the next span begins.
        (
            "07:00+,12:00-16:00",
            [("07:00", "12:00", "unknown"), ("12:00", "16:00", "open")],
        ),
        (
            "05:00-06:00,06:45-07:00+,13:00-16:00",
            [
                ("05:00", "06:00", "open"),
                ("06:45", "07:00", "open"),
                ("07:00", "13:00", "unknown"),
                ("13:00", "16:00", "open"),
            ],
        ),
        # The spans after the open end decide, wherever they lie: the guess ends at 12:00.
        ("10:00+,08:00-12:00", [("08:00", "12:00", "open")]),
        # An open end that no other time of its rule follows keeps its guess.
        ("12:00-16:00,07:00+", [("07:00", "24:00", "unknown")]),
        # Another rule's change inside the guess of '10:00-12:00+' ends it.
        (
            "Mo 10:00-12:00+, Mo 14:00-15:00",
            [("10:00", "12:00", "open"), ("12:00", "14:00", "unknown"), ("14:00", "15:00", "open")],
        ),
    ],
)
def test_guess_ends_at_the_first_change_when_times_follow(text: str, expected: Any) -> None:
    """When another time of its rule follows an open end (its own span in '10:00-12:00+' too),
    opening_hours.js ends the guess at the day's first change inside it, closed after."""
    found = [
        (a[11:], "24:00" if b.endswith("10-02 00:00") else b[11:], s)
        for a, b, s in not_closed(text, MONDAY, 1)
    ]
    assert found == expected


def test_guess_after_midnight() -> None:
    """'17:00+,13:00-02:00': the span after 17:00 is open to 02:00, the guess unknown 02:00-03:00 (the
    suite adds '02:00-03:00 closed "needed because of open end"'); 'Mo 22:00-04:00+' guesses 04:00-12:00,
    'Tu 23:59-40:00+' (printed '23:59-16:00+') 16:00-24:00 of Wednesday."""
    assert not_closed("Mo 17:00+,13:00-02:00", MONDAY, 2) == [
        ("2012-10-01 13:00", "2012-10-02 02:00", "open"),
        ("2012-10-02 02:00", "2012-10-02 03:00", "unknown"),
    ]
    assert not_closed("Mo 22:00-04:00+", MONDAY, 7) == [
        ("2012-10-01 22:00", "2012-10-02 04:00", "open"),
        ("2012-10-02 04:00", "2012-10-02 12:00", "unknown"),
    ]
    assert not_closed("Tu 23:59-40:00+", MONDAY, 7) == [
        ("2012-10-02 23:59", "2012-10-03 16:00", "open"),
        ("2012-10-03 16:00", "2012-10-04 00:00", "unknown"),
    ]
    assert str(pa.Schedule.parse("Tu 23:59-40:00+", zone="UTC")) == "Tu 23:59-16:00+"


def test_later_rule_decides_over_an_open_end() -> None:
    """'Mo-Su 17:00+; Tu 10:00-12:00': Tuesday's rule replaces the day, Monday's guess into it too."""
    found = not_closed("Mo-Su 17:00+; Tu 10:00-12:00", MONDAY, 2)
    assert found == [
        ("2012-10-01 00:00", "2012-10-01 03:00", "unknown"),  # from Sunday
        ("2012-10-01 17:00", "2012-10-02 00:00", "unknown"),
        ("2012-10-02 10:00", "2012-10-02 12:00", "open"),
    ]


def test_off_rule_closes_an_open_end() -> None:
    """'Mo 17:00+; Mo 20:00-21:00 off' is unknown 17-20 and 21-03; an off open end is closed."""
    assert not_closed("Mo 17:00+; Mo 20:00-21:00 off", MONDAY, 1) == [
        ("2012-10-01 17:00", "2012-10-01 20:00", "unknown"),
        ("2012-10-01 21:00", "2012-10-02 00:00", "unknown"),
    ]
    assert not_closed("24/7; Mo 10:00+ off", MONDAY, 1) == [
        ("2012-10-01 00:00", "2012-10-01 10:00", "open"),
    ]


# -- the unknown modifier and comments ---------------------------------------------------------------


def test_unknown_modifier() -> None:
    """'Mo-Fr 10:00-12:00 unknown' is unknown on weekdays 10-12 and closed otherwise."""
    found = not_closed("Mo-Fr 10:00-12:00 unknown", MONDAY, 7)
    assert found == [(f"2012-10-0{d} 10:00", f"2012-10-0{d} 12:00", "unknown") for d in range(1, 6)]


def test_unknown_rule_replaces_the_days_it_selects() -> None:
    """'Mo-Fr 10:00-18:00; We 12:00-14:00 unknown': like an open rule, the unknown rule replaces
    Wednesday (opening_hours.js resets a day for rules that are open or unknown)."""
    found = not_closed("Mo-Fr 10:00-18:00; We 12:00-14:00 unknown", date(2012, 10, 3), 1)
    assert found == [("2012-10-03 12:00", "2012-10-03 14:00", "unknown")]


def test_additional_unknown_rule_keeps_the_day() -> None:
    """'Mo 10:00-18:00, Mo 12:00-14:00 unknown' keeps Monday's other hours open."""
    assert not_closed("Mo 10:00-18:00, Mo 12:00-14:00 unknown", MONDAY, 1) == [
        ("2012-10-01 10:00", "2012-10-01 12:00", "open"),
        ("2012-10-01 12:00", "2012-10-01 14:00", "unknown"),
        ("2012-10-01 14:00", "2012-10-01 18:00", "open"),
    ]


def test_comment_alone_is_unknown() -> None:
    """'"by appointment"' is unknown all the time, 'Mo "on request"' all of Monday."""
    assert states('"by appointment"', MONDAY, 2) == [("2012-10-01 00:00", "2012-10-03 00:00", "unknown")]
    assert not_closed('Mo "on request"', MONDAY, 7) == [("2012-10-01 00:00", "2012-10-02 00:00", "unknown")]


def test_comment_only_fallback() -> None:
    """'Mo-Fr 10:00-12:00 || "by appointment"': the days no rule selects are unknown (the wiki's example
    'Mo-Sa 08:00-13:00,14:00-17:00 || "by appointment"')."""
    found = not_closed('Mo-Fr 10:00-12:00 || "by appointment"', date(2012, 10, 5), 3)
    assert found == [
        ("2012-10-05 10:00", "2012-10-05 12:00", "open"),
        ("2012-10-06 00:00", "2012-10-08 00:00", "unknown"),
    ]


def test_comment_after_times_or_a_modifier_keeps_the_state() -> None:
    """A comment after times or a modifier is kept and changes nothing: 'Mo 10:00-12:00 "x"' is open."""
    assert not_closed('Mo 10:00-12:00 "x"', MONDAY, 7) == [("2012-10-01 10:00", "2012-10-01 12:00", "open")]
    assert not_closed('Mo open "x"', MONDAY, 7) == [("2012-10-01 00:00", "2012-10-02 00:00", "open")]
    assert not_closed('24/7 "x"', MONDAY, 1) == [("2012-10-01 00:00", "2012-10-02 00:00", "open")]


# -- canonical text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("10:00+", "10:00+"),
        ("Mo 10:00 +", "Mo 10:00+"),
        ("mo 9:00-12:00+", "Mo 09:00-12:00+"),
        ("Mo-Fr 10-12 unknown", "Mo-Fr 10:00-12:00 unknown"),
        ("Mo UNKNOWN", "Mo unknown"),
        ("unknown", "unknown"),
        ("24/7 unknown", "unknown"),
        ('"by appointment"', '"by appointment"'),
        ('unknown "by appointment"', '"by appointment"'),
        ('Mo unknown "on request"', 'Mo "on request"'),
        ('Mo open "x"', 'Mo open "x"'),
        ('Mo-Fr 10:00-12:00 || "by appointment"', 'Mo-Fr 10:00-12:00 || "by appointment"'),
        ("10:00-12:00+ open, We 14:00-16:00", "10:00-12:00+, We 14:00-16:00"),
        ("Mo 10:00-12:00 unknown, 14:00-16:00", "Mo 10:00-12:00 unknown, 14:00-16:00"),
    ],
)
def test_third_state_prints_canonically(text: str, canonical: str) -> None:
    """str() normalises open ends, 'unknown' and comments, and the canonical text reads back the same."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert str(schedule) == canonical
    assert pa.Schedule.parse(canonical, zone="UTC") == schedule


def test_constructed_open_rule_with_a_comment_round_trips() -> None:
    """An open rule of a comment and selectors prints 'open', else it would read back as unknown."""
    rule = pa.HoursRule(weekdays=(pa.WeekdayRange(pa.Weekday.MO, pa.Weekday.MO),), comment="x")
    schedule = pa.Schedule((rule,), "UTC")
    assert str(schedule) == 'Mo open "x"'
    assert pa.Schedule.parse(str(schedule), zone="UTC") == schedule


# -- bad values -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"start": 600, "end": 600}, "after start"),  # a zero-length span needs an open end
        ({"start": 600, "end": 2401, "open_end": True}, "at most 40:00"),  # the guess would pass 48:00
        ({"start": 600, "end": 700, "open_end": 1}, "True or False"),
    ],
)
def test_bad_time_spans_raise_library_errors(kwargs: Any, fragment: str) -> None:
    """Bad open ends raise the library's InvalidValueError naming the field."""
    with pytest.raises(pa.InvalidValueError, match=fragment):
        TimeSpan(**kwargs)


def test_unknown_closed_rule_is_refused() -> None:
    """A rule cannot be both off and unknown."""
    with pytest.raises(pa.InvalidValueError, match="'unknown'"):
        pa.HoursRule(closed=True, unknown=True)


def test_hours_state_from_a_wrong_value() -> None:
    """HoursState('maybe') raises the library's error; the values are the lower-case names."""
    with pytest.raises(pa.PageAvailError, match="'open', 'closed' or 'unknown'"):
        pa.HoursState("maybe")
    assert [s.value for s in pa.HoursState] == ["open", "closed", "unknown"]


def test_recurrences_refuse_unknown_hours() -> None:
    """A recurrence sets plain times: an open end or 'unknown' is refused."""
    for hours in ("10:00+", "10:00-12:00 unknown"):
        with pytest.raises(pa.RecurrenceError, match="plain times"):
            pa.Recurrence.parse("FREQ=WEEKLY;BYDAY=MO", hours=hours)


# -- the queries -------------------------------------------------------------------------------------------


def test_is_open_is_true_only_for_known_open_times() -> None:
    """is_open says 'known to be open': False at unknown times; next_change steps over closed→unknown."""
    schedule = pa.Schedule.parse("Mo 10:00-12:00+", zone=BERLIN)
    at = datetime(2026, 11, 30, 13, tzinfo=BERLIN)
    assert schedule.state(at) is UNKNOWN
    assert schedule.is_open(at) is False
    before = datetime(2026, 11, 30, 9, tzinfo=BERLIN)
    assert schedule.next_change(before) == datetime(2026, 11, 30, 10, tzinfo=BERLIN)
    assert schedule.next_change(datetime(2026, 11, 30, 11, tzinfo=BERLIN)) == datetime(
        2026, 11, 30, 12, tzinfo=BERLIN
    )
    # next_change: 12:00 open → not open; then not open until next Monday 10:00
    assert schedule.next_change(at) == datetime(2026, 12, 7, 10, tzinfo=BERLIN)
    # next_state_change: unknown → closed at midnight
    assert schedule.next_state_change(at) == datetime(2026, 12, 1, 0, tzinfo=BERLIN)


def test_check_reports_the_state() -> None:
    """check() carries the state, and its reason says unknown at unknown times."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; We 12:00-14:00 unknown", zone=BERLIN)
    status = schedule.check(datetime(2026, 12, 2, 13, tzinfo=BERLIN))
    assert (status.is_open, status.state) == (False, UNKNOWN)
    assert status.reason == "unknown: rule 2 (We 12:00-14:00 unknown) decides"
    assert str(status).startswith("unknown: rule 2")
    plain = schedule.check(datetime(2026, 12, 2, 15, tzinfo=BERLIN))
    assert (plain.is_open, plain.state) == (False, CLOSED)


def test_hours_status_state_must_agree_with_is_open() -> None:
    """HoursStatus refuses a state that contradicts is_open; by default the state follows is_open."""
    at = datetime(2026, 12, 2, 13, tzinfo=BERLIN)
    status = pa.HoursStatus(at=at, is_open=True, rule=None, rule_number=None, next_change=None)
    assert status.state is OPEN
    with pytest.raises(pa.InvalidValueError, match="'state'"):
        pa.HoursStatus(at=at, is_open=True, rule=None, rule_number=None, next_change=None, state=UNKNOWN)


def test_schedule_without_unknown_times() -> None:
    """Without unknown times the state is open or closed, and next_state_change is next_change."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
    at = datetime(2026, 11, 30, 8, tzinfo=BERLIN)
    assert schedule.has_unknown is False
    assert schedule.state(at) is CLOSED
    assert schedule.next_state_change(at) == schedule.next_change(at)


def test_unknown_all_the_time_never_changes() -> None:
    """'unknown' never changes state: next_state_change is None."""
    schedule = pa.Schedule.parse("unknown", zone=BERLIN)
    at = datetime(2026, 11, 30, 8, tzinfo=BERLIN)
    assert schedule.state(at) is UNKNOWN
    assert schedule.next_state_change(at) is None
    assert schedule.next_change(at) is None


def test_unknown_times_follow_dst() -> None:
    """'Su 02:00+' in Berlin on the fall-back Sunday is unknown through both 02:00 hours to midnight."""
    schedule = pa.Schedule.parse("Su 02:00+", zone=BERLIN)
    start = datetime(2026, 10, 25, tzinfo=BERLIN)
    found = schedule.state_intervals(start, start + timedelta(days=1))
    unknown = [i for i, state in found if state is UNKNOWN]
    assert len(unknown) == 1
    assert unknown[0].duration == timedelta(hours=23)  # 02:00 CEST to 24:00 CET


def test_state_intervals_of_an_empty_period() -> None:
    """An empty period has no state intervals; a reversed one is refused like intervals()."""
    schedule = pa.Schedule.parse("10:00+", zone=BERLIN)
    at = datetime(2026, 11, 30, 8, tzinfo=BERLIN)
    assert schedule.state_intervals(at, at) == ()
    with pytest.raises(pa.InvalidValueError):
        schedule.state_intervals(at, at - timedelta(hours=1))


def test_schedules_with_unknown_times_pickle() -> None:
    """A schedule with unknown times pickles to an equal schedule that answers the same."""
    schedule = pa.Schedule.parse('Mo 10:00-12:00+; Tu "on request"', zone=BERLIN)
    at = datetime(2026, 11, 30, 13, tzinfo=BERLIN)
    schedule.state(at)
    copy = pickle.loads(pickle.dumps(schedule))
    assert copy == schedule
    assert copy.state(at) is UNKNOWN


# -- the status ladder: unknown hours are outside response hours ----------------------------------------


def test_unknown_hours_count_as_outside_response_hours() -> None:
    """A Page whose hours are unknown at an instant is away (never promise a quick answer then),
    through the public Page and CompiledPage API, with someone online."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-12:00+", zone=BERLIN)
    page = pa.Page(
        id="acme",
        name="Acme",
        zone=BERLIN,
        settings=pa.MessagingSettings(hours=hours),
        grants=[Grant("anna", "acme", role="editor")],
    )
    start = datetime(2026, 11, 30, 8, tzinfo=UTC)  # 09:00 in Berlin
    live = page.compile([Session("anna", "web", start, start + timedelta(hours=8))])
    known = live.decide(start + timedelta(hours=1))  # 10:00: open
    assert known.status is pa.Status.ACTIVE
    unknown = live.decide(start + timedelta(hours=5))  # 14:00: the open end, unknown
    assert hours.state(start + timedelta(hours=5)) is UNKNOWN
    assert unknown.status is pa.Status.AWAY
    assert unknown.reason == "within_response_hours"
    assert not live.prompt(start + timedelta(hours=5), visitor="v-1").shown


# -- exports refuse unknown times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "export",
    [formats.to_facebook, formats.to_google, formats.to_schema_org, "ical"],
    ids=["facebook", "google", "schema.org", "ical"],
)
def test_exports_refuse_unknown_times(export: Any) -> None:
    """Each interchange format knows open and closed only: the export names the rule it cannot say."""
    if export == "ical":
        pytest.importorskip("icalendar")
        start = datetime(2026, 11, 30, tzinfo=BERLIN)
        export = lambda s: formats.to_ical(s, start, start + timedelta(days=7))  # noqa: E731
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; Sa 10:00+", zone=BERLIN)
    with pytest.raises(formats.UnexpressibleError, match=r"rule 2 \(Sa 10:00\+\)"):
        export(schedule)


# -- properties ---------------------------------------------------------------------------------------------


open_ends = st.builds(
    lambda start, length: TimeSpan(start, start + length, open_end=True),
    st.integers(0, 47).map(lambda n: n * 30),
    st.sampled_from([0, 0, 60, 120, 600, 960]),
)


@st.composite
def third_state_rules(draw: Any) -> pa.HoursRule:
    """Rules of weekdays and spans with open ends (anywhere in the list), 'unknown' and comments."""
    spans = draw(st.lists(time_spans(step=30) | open_ends, max_size=3))
    modifier = draw(st.sampled_from(["open", "closed", "unknown"]))
    return pa.HoursRule(
        weekdays=tuple(draw(st.lists(weekday_ranges(), max_size=2))),
        spans=tuple(spans),
        closed=modifier == "closed",
        unknown=modifier == "unknown",
        comment=draw(st.none() | st.sampled_from(["by appointment", "x"])),
        additional=draw(st.booleans()),
        fallback=False,
    )


third_state_schedules = st.lists(third_state_rules(), min_size=1, max_size=3).map(tuple)


@settings(max_examples=80, deadline=None)
@given(third_state_schedules)
def test_third_state_round_trips(rules: Tuple[pa.HoursRule, ...]) -> None:
    """parse(str(s)) == s for schedules with open ends, 'unknown' and comments."""
    schedule = pa.Schedule(rules, "UTC")
    assert pa.Schedule.parse(str(schedule), zone="UTC") == schedule


@settings(max_examples=60, deadline=None)
@given(third_state_schedules, st.integers(0, 13 * 24 * 4))
def test_state_intervals_partition_and_agree(rules: Tuple[pa.HoursRule, ...], quarter: int) -> None:
    """State intervals tile a fortnight without gaps, neighbours differ, each agrees with state() and
    is_open(), and next_state_change() is the end of the interval holding an instant."""
    schedule = pa.Schedule(rules, BERLIN)
    start = datetime(2026, 3, 23, tzinfo=BERLIN)  # the fortnight holds the spring DST change
    end = start + timedelta(days=14)
    found = schedule.state_intervals(start, end)
    assert found[0][0].start == start
    assert found[-1][0].end == end
    for (first, state), (second, other) in zip(found, found[1:]):
        assert first.end == second.start
        assert state is not other
    assert [i for i, state in found if state is OPEN] == list(schedule.intervals(start, end))
    at = (start.astimezone(UTC) + timedelta(minutes=15 * quarter)).astimezone(BERLIN)
    (interval, state), *_ = [item for item in found if at in item[0]]
    assert schedule.state(at) is state
    assert schedule.is_open(at) is (state is OPEN)
    change = schedule.next_state_change(at)
    if interval.end != end:
        assert change == interval.end


@pytest.mark.parametrize(
    "text", ["Mo 10:00-12:00 unknown", "Mo 09:00+", "Mo 08:00-09:00+", 'Mo "on request"']
)
def test_first_question_about_a_new_schedule_knows_unknown_times(text: str) -> None:
    """The very first is_open of a new schedule (answered from the rules, nothing compiled) is False at
    an unknown time, and so is every later one."""
    at = datetime(2026, 11, 30, 11, tzinfo=BERLIN)  # a Monday
    assert pa.Schedule.parse(text, zone=BERLIN).is_open(at) is False
    schedule = pa.Schedule.parse(text, zone=BERLIN)
    assert [schedule.is_open(at + timedelta(minutes=n)) for n in range(3)] == [False, False, False]
    assert schedule.state(at) is UNKNOWN
