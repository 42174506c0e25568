"""The public surface under odd values: every public callable raises the library's errors and nothing else.

Each public callable and constructor has one good call below. Hypothesis
replaces one argument at a time by an odd value (None, numbers, NaN and
infinity, huge and empty texts, bytes, naive datetimes, years 1 and 9999,
pandas ``NaT`` and numpy values, wrong element types, a Page where a
CompiledPage is needed and back) and checks that the call either answers or
raises a :class:`pageavail.PageAvailError`.
"""

from __future__ import annotations

import enum
import inspect
import math
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Dict, List, Tuple

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import analysis, formats, pageschema, payload, replies, testing

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

UTC = timezone.utc
BERLIN = "Europe/Berlin"
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
HOURS = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone=BERLIN, holidays="DE-BE")
GRANT = pa.Grant("anna", "acme", role="admin")
SESSION = pa.Session("anna", "web", T0 - timedelta(minutes=5), T0 + timedelta(minutes=5))
SETTINGS = pa.MessagingSettings(
    hours=HOURS, instant_reply="Thanks, {page}!", away_message="Away, back {back_at}."
)
PAGE = pa.Page(id="acme", name="Acme", zone=BERLIN, settings=SETTINGS, grants=[GRANT])
COMPILED = PAGE.compile([SESSION])
DECISION = COMPILED.decide(T0)
PROMPT = COMPILED.prompt(T0, visitor="v-1")
TIMELINE = pa.Timeline.build(COMPILED, T0, T0 + timedelta(days=2))
MESSAGE = pa.Message("c-1", "visitor", T0)
TEAM = pa.Team.of("acme", [GRANT])
INTERVAL = pa.Interval(T0, T0 + timedelta(hours=1))
RECURRENCE = pa.Recurrence.parse("FREQ=WEEKLY;BYDAY=SA", "10:00-12:00")
CALENDAR = pa.HolidayCalendar.from_code("DE-BE")
RULE = HOURS.rules[0]
HOLIDAYS = holidays.country_holidays("DE", subdiv="BE", years=[2026])
EVENT = pa.PresenceEvent.started("anna", device="d1", client="web", at=T0)
LIVE = pa.LivePage.start(PAGE).apply(EVENT)
VISITS = pd.DataFrame({"page_id": ["acme"], "visitor": ["v-1"], "at": [pd.Timestamp(T0)]})
FACEBOOK = {"mon_1_open": "09:00", "mon_1_close": "12:00", "fri_1_open": "22:00", "fri_1_close": "02:00"}
GOOGLE = formats.to_google(HOURS, date(2026, 12, 1), date(2027, 1, 1))
SCHEMA = formats.to_schema_org(HOURS, date(2026, 12, 1), date(2027, 1, 1))
ICS = formats.to_ical(HOURS, T0, T0 + timedelta(days=7))
WEEKLY = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
COMPARISON = TIMELINE.compare(TIMELINE, visits_per_hour=10, click_rate=0.1, labels=("before", "after"))
VISIT_COUNTS = pd.Series(
    2.0, index=pd.date_range("2026-11-23", periods=7 * 24, freq=pd.Timedelta(hours=1), tz=BERLIN)
)


def _closing(plot: Callable[..., Any]) -> Callable[..., Any]:
    """*plot*, closing its figures after each call (so that hundreds of calls open none for long)."""

    def call(**arguments: Any) -> Any:
        import matplotlib.pyplot as plt

        try:
            return plot(**arguments)
        finally:
            plt.close("all")

    return call


#: Public name → (callable, good keyword arguments). A test checks that every public
#: callable of the package and its documented helpers is here.
CALLS: Dict[str, Tuple[Callable[..., Any], Dict[str, Any]]] = {
    # the decision
    "Page": (
        pa.Page,
        {
            "id": "acme",
            "name": "Acme",
            "zone": BERLIN,
            "locale": "de",
            "settings": SETTINGS,
            "grants": [GRANT],
            "policy": pa.Policy(),
        },
    ),
    "Page.compile": (PAGE.compile, {"sessions": [SESSION]}),
    "MessagingSettings": (
        pa.MessagingSettings,
        {
            "enabled": True,
            "show_active": True,
            "hours": HOURS,
            "away": T0,
            "instant_reply": "Hi",
            "away_message": "Back {back_at}",
        },
    ),
    "Policy": (
        pa.Policy,
        {
            "presence": pa.PresencePolicy(),
            "rollout_percent": 50,
            "rollout_salt": "s",
            "banner": timedelta(seconds=8),
            "prompt_cooldown": timedelta(hours=1),
        },
    ),
    "CompiledPage": (pa.CompiledPage, {"page": PAGE, "presence": COMPILED.presence}),
    "CompiledPage.state": (COMPILED.state, {"at": T0}),
    "CompiledPage.open_for_messages": (COMPILED.open_for_messages, {"at": T0}),
    "CompiledPage.back_at": (COMPILED.back_at, {"at": T0}),
    "CompiledPage.next_change": (COMPILED.next_change, {"at": T0, "state": None, "by_reason": True}),
    "CompiledPage.decide": (COMPILED.decide, {"at": T0}),
    "CompiledPage.prompt": (
        COMPILED.prompt,
        {
            "at": T0,
            "visitor": "v-1",
            "last_prompted": T0 - timedelta(days=2),
            "locale": "de",
            "decision": DECISION,
        },
    ),
    "Check.text": (DECISION.checks[0].text, {"locale": "de"}),
    "Check.to_dict": (DECISION.checks[0].to_dict, {"locale": "de"}),
    "rollout_bucket": (pa.rollout_bucket, {"page_id": "acme", "salt": "s"}),
    "payload.build_payload": (
        payload.build_payload,
        {
            "page_id": "acme",
            "page_name": "Acme",
            "locale": "de",
            "texts": ("a", "b", "c"),
            "shown_at": T0,
            "banner": timedelta(seconds=8),
            "expires_at": None,
            "visitor": "v-1",
        },
    ),
    "payload.prompt_texts": (payload.prompt_texts, {"page_name": "Acme", "locale": "de"}),
    # the Page file described: schema, reference, starter file
    "pageschema.page_schema": (pageschema.page_schema, {}),
    "pageschema.schema_text": (pageschema.schema_text, {}),
    "pageschema.reference_markdown": (pageschema.reference_markdown, {}),
    "pageschema.starter_page": (pageschema.starter_page, {}),
    # timelines and what-if
    "Timeline.build": (pa.Timeline.build, {"page": COMPILED, "start": T0, "end": T0 + timedelta(days=1)}),
    "Timeline.totals": (TIMELINE.totals, {}),
    "Timeline.summary": (TIMELINE.summary, {"locale": "de"}),
    "Timeline.to_html": (TIMELINE.to_html, {"locale": "de"}),
    "Comparison.text": (TIMELINE.compare(TIMELINE).text, {"locale": "de"}),
    "Timeline.active_hours_per_week": (TIMELINE.active_hours_per_week, {}),
    "Timeline.hour_slots": (TIMELINE.hour_slots, {}),
    "Timeline.weekday_hour_matrix": (TIMELINE.weekday_hour_matrix, {}),
    "Timeline.to_pandas": (TIMELINE.to_pandas, {}),
    "Timeline.matrix_to_pandas": (TIMELINE.matrix_to_pandas, {}),
    "LoadForecast.per_day": (TIMELINE.forecast(10, 0.1).per_day, {}),
    "Payload.to_dict": (PROMPT.payload.to_dict, {}),  # type: ignore[union-attr]
    "Timeline.forecast": (TIMELINE.forecast, {"visits_per_hour": 10, "click_rate": 0.1}),
    "Timeline.compare": (
        TIMELINE.compare,
        {"other": TIMELINE, "visits_per_hour": 10, "click_rate": 0.1, "labels": ("before", "after")},
    ),
    "Comparison.to_frame": (COMPARISON.to_frame, {}),
    "Comparison.plot": (_closing(COMPARISON.plot), {"ax": None, "value": "conversations"}),
    "Timeline.status_codes": (
        TIMELINE.status_codes,
        {"instants": np.array(["2026-11-27T09:00"], dtype="datetime64[ns]"), "unit": None},
    ),
    "Timeline.plot": (TIMELINE.plot, {"ax": None}),
    "analysis.status_codes": (
        analysis.status_codes,
        {
            "timeline": TIMELINE,
            "instants": np.array(["2026-11-27T09:00"], dtype="datetime64[ns]"),
            "unit": None,
        },
    ),
    "analysis.evaluate_visits": (
        analysis.evaluate_visits,
        {"visits": VISITS, "pages": {"acme": COMPILED}, "start": T0, "end": T0 + timedelta(days=1)},
    ),
    "analysis.timeline_arrays": (analysis.timeline_arrays, {"timeline": TIMELINE}),
    "analysis.segments_frame": (analysis.segments_frame, {"timeline": TIMELINE}),
    "analysis.matrix_frame": (analysis.matrix_frame, {"timeline": TIMELINE}),
    "analysis.plot_matrix": (analysis.plot_matrix, {"timeline": TIMELINE, "ax": None}),
    "analysis.state_matrix": (analysis.state_matrix, {"timeline": TIMELINE}),
    "analysis.visit_profile": (analysis.visit_profile, {"visits": VISIT_COUNTS, "zone": BERLIN}),
    "analysis.comparison_frame": (analysis.comparison_frame, {"comparison": COMPARISON}),
    "analysis.difference_frame": (
        analysis.difference_frame,
        {"comparison": COMPARISON, "value": "conversations"},
    ),
    "analysis.plot_difference": (
        _closing(analysis.plot_difference),
        {"comparison": COMPARISON, "ax": None, "value": "active_hours"},
    ),
    # automatic replies
    "auto_reply": (pa.auto_reply, {"page": COMPILED, "message": MESSAGE, "history": [], "locale": "de"}),
    "responsiveness": (
        pa.responsiveness,
        {
            "messages": [MESSAGE],
            "now": T0 + timedelta(days=1),
            "away": [INTERVAL],
            "window": timedelta(days=7),
        },
    ),
    "Responsiveness.label": (pa.responsiveness([MESSAGE], T0 + timedelta(days=1)).label, {"locale": "de"}),
    "Responsiveness.badge": (pa.responsiveness([MESSAGE], T0 + timedelta(days=1)).badge, {"locale": "de"}),
    "Message": (pa.Message, {"conversation": "c-1", "sender": "page", "at": T0, "automatic": None}),
    "replies.format_back_at": (
        replies.format_back_at,
        {"back": T0 + timedelta(hours=3), "now": T0, "locale": "de", "zone": BERLIN},
    ),
    # team and presence
    "Team": (pa.Team, {"page": "acme", "grants": [GRANT]}),
    "Team.of": (pa.Team.of, {"page": "acme", "grants": [GRANT]}),
    "Team.access": (TEAM.access, {"person": "anna"}),
    "Grant": (
        pa.Grant,
        {
            "person": "anna",
            "page": "acme",
            "role": "admin",
            "extra_tasks": ["messages"],
            "via": "business:42",
        },
    ),
    "Role.parse": (pa.Role.parse, {"value": "admin"}),
    "Task.parse": (pa.Task.parse, {"value": "messages"}),
    "Client.parse": (pa.Client.parse, {"value": "web"}),
    "Source": (pa.Source, {"kind": pa.SourceKind.BUSINESS, "id": "42"}),
    "Source.parse": (pa.Source.parse, {"text": "partner:7"}),
    "Session": (
        pa.Session,
        {
            "person": "anna",
            "client": "web",
            "started": T0,
            "last_seen": T0,
            "ended": T0 + timedelta(hours=1),
            "pages": ["acme"],
            "heartbeat": False,
        },
    ),
    "Session.serves": (SESSION.serves, {"page": "acme"}),
    "Session.live_span": (SESSION.live_span, {"idle_timeout": timedelta(minutes=10)}),
    "PresencePolicy": (
        pa.PresencePolicy,
        {
            "idle_timeout": timedelta(minutes=5),
            "api_counts": True,
            "mobile_counts": True,
            "third_party_needs_heartbeat": False,
        },
    ),
    "PresencePolicy.refusal": (pa.PresencePolicy().refusal, {"session": SESSION, "locale": "de"}),
    "PresenceStatus.text": (COMPILED.presence.explain(T0).text, {"locale": "de"}),
    "Access.text": (TEAM.access("anna").text, {"locale": "de"}),
    "Ignored.text": (pa.Ignored("omar", pa.Client.WEB, "no task").text, {"locale": "de"}),
    "AutoReply.explain": (pa.auto_reply(COMPILED, MESSAGE).explain, {"locale": "de"}),
    "PagePresence.compile": (
        pa.PagePresence.compile,
        {"team": TEAM, "sessions": [SESSION], "policy": pa.PresencePolicy()},
    ),
    "PagePresence.is_live": (COMPILED.presence.is_live, {"at": T0}),
    "PagePresence.who": (COMPILED.presence.who, {"at": T0}),
    "PagePresence.next_change": (COMPILED.presence.next_change, {"at": T0}),
    "PagePresence.intervals": (COMPILED.presence.intervals, {"start": T0, "end": T0 + timedelta(days=1)}),
    "PagePresence.explain": (COMPILED.presence.explain, {"at": T0}),
    # live presence
    "PresenceEvent": (
        pa.PresenceEvent,
        {
            "kind": "started",
            "person": "anna",
            "device": "d1",
            "at": T0,
            "client": "web",
            "pages": ["acme"],
            "heartbeat": True,
        },
    ),
    "PresenceEvent.started": (
        pa.PresenceEvent.started,
        {"person": "anna", "device": "d1", "client": "web", "at": T0, "pages": None, "heartbeat": False},
    ),
    "PresenceEvent.activity": (
        pa.PresenceEvent.activity,
        {"person": "anna", "device": "d1", "at": T0, "client": None, "pages": None, "heartbeat": False},
    ),
    "PresenceEvent.ended": (pa.PresenceEvent.ended, {"person": "anna", "device": "d1", "at": T0}),
    "PresenceEvent.to_dict": (EVENT.to_dict, {}),
    "PresenceEvent.from_dict": (pa.PresenceEvent.from_dict, {"data": EVENT.to_dict(), "where": "event"}),
    "LivePage.start": (pa.LivePage.start, {"page": PAGE}),
    "LivePage.apply": (LIVE.apply, {"event": EVENT}),
    "LivePage.apply_all": (LIVE.apply_all, {"events": [EVENT]}),
    "LivePage.prompt": (LIVE.prompt, {"at": T0, "visitor": "v-1", "last_prompted": None, "locale": "de"}),
    "LivePage.state": (LIVE.state, {"at": T0}),
    "LivePage.decide": (LIVE.decide, {"at": T0}),
    "LivePage.prune": (LIVE.prune, {"before": T0}),
    "LivePage.snapshot": (LIVE.snapshot, {}),
    "LivePage.restore": (pa.LivePage.restore, {"page": PAGE, "snapshot": LIVE.snapshot()}),
    # response hours
    "Schedule.parse": (
        pa.Schedule.parse,
        {"text": "Mo-Fr 09:00-17:00; PH off", "zone": BERLIN, "holidays": "DE", "recurrences": [RECURRENCE]},
    ),
    "Schedule": (pa.Schedule, {"rules": HOURS.rules, "zone": BERLIN, "holidays": "DE-BE", "recurrences": ()}),
    "Schedule.is_open": (HOURS.is_open, {"at": T0}),
    "Schedule.next_change": (HOURS.next_change, {"at": T0}),
    "Schedule.intervals": (HOURS.intervals, {"start": T0, "end": T0 + timedelta(days=7)}),
    "Schedule.check": (HOURS.check, {"at": T0}),
    "Schedule.state": (HOURS.state, {"at": T0}),
    "Schedule.next_state_change": (HOURS.next_state_change, {"at": T0}),
    "Schedule.state_intervals": (HOURS.state_intervals, {"start": T0, "end": T0 + timedelta(days=7)}),
    # response hours in other formats
    "Schedule.from_facebook": (pa.Schedule.from_facebook, {"data": FACEBOOK, "zone": BERLIN}),
    "Schedule.from_google": (
        pa.Schedule.from_google,
        {"regular": GOOGLE["regularHours"], "special": GOOGLE["specialHours"], "zone": BERLIN},
    ),
    "Schedule.from_schema_org": (pa.Schedule.from_schema_org, {"data": SCHEMA, "zone": BERLIN}),
    "Schedule.from_ical": (pa.Schedule.from_ical, {"text": ICS, "zone": BERLIN}),
    "Schedule.to_facebook": (WEEKLY.to_facebook, {}),
    "Schedule.to_google": (HOURS.to_google, {"start": date(2026, 12, 1), "end": date(2027, 1, 1)}),
    "Schedule.to_schema_org": (HOURS.to_schema_org, {"start": date(2026, 12, 1), "end": date(2027, 1, 1)}),
    "Schedule.to_ical": (HOURS.to_ical, {"start": T0, "end": T0 + timedelta(days=7), "summary": "Hours"}),
    "formats.from_facebook": (formats.from_facebook, {"data": FACEBOOK, "zone": BERLIN}),
    "formats.from_google": (
        formats.from_google,
        {"regular": GOOGLE["regularHours"], "special": GOOGLE["specialHours"], "zone": BERLIN},
    ),
    "formats.from_schema_org": (formats.from_schema_org, {"data": SCHEMA, "zone": BERLIN}),
    "formats.from_ical": (formats.from_ical, {"text": ICS, "zone": BERLIN}),
    "formats.to_facebook": (formats.to_facebook, {"schedule": WEEKLY}),
    "formats.to_google": (
        formats.to_google,
        {"schedule": HOURS, "start": date(2026, 12, 1), "end": date(2027, 1, 1)},
    ),
    "formats.to_schema_org": (
        formats.to_schema_org,
        {"schedule": HOURS, "start": date(2026, 12, 1), "end": date(2027, 1, 1)},
    ),
    "formats.to_ical": (
        formats.to_ical,
        {"schedule": HOURS, "start": T0, "end": T0 + timedelta(days=7), "summary": "Hours"},
    ),
    "formats.load_hours": (formats.load_hours, {"text": ICS, "format": "ical", "zone": BERLIN}),
    "formats.dump_hours": (
        formats.dump_hours,
        {"schedule": HOURS, "format": "google", "start": date(2026, 12, 1), "end": date(2027, 1, 1)},
    ),
    "Interval": (pa.Interval, {"start": T0, "end": T0 + timedelta(hours=1)}),
    "HolidayCalendar": (
        pa.HolidayCalendar,
        {"country": "DE", "subdivision": "BE", "dates": [date(2026, 1, 2)]},
    ),
    "HolidayCalendar.from_code": (pa.HolidayCalendar.from_code, {"code": "DE-BE"}),
    "HolidayCalendar.from_dates": (pa.HolidayCalendar.from_dates, {"dates": [date(2026, 1, 2)]}),
    "HolidayCalendar.coerce": (pa.HolidayCalendar.coerce, {"value": "DE"}),
    "HolidayCalendar.from_holidays": (pa.HolidayCalendar.from_holidays, {"calendar": HOLIDAYS}),
    "HolidayCalendar.dates_in": (CALENDAR.dates_in, {"first_year": 2026, "last_year": 2027}),
    "Recurrence": (pa.Recurrence, {"rule": "FREQ=WEEKLY;BYDAY=SA", "hours": RECURRENCE.hours}),
    "Recurrence.parse": (pa.Recurrence.parse, {"rule": "FREQ=WEEKLY;BYDAY=SA", "hours": "10:00-12:00"}),
    "Recurrence.dates_between": (
        RECURRENCE.dates_between,
        {"first": date(2026, 1, 1), "last": date(2026, 2, 1)},
    ),
    "HoursRule": (
        pa.HoursRule,
        {
            "years": (),
            "dates": (),
            "weekdays": RULE.weekdays,
            "holidays": False,
            "spans": RULE.spans,
            "closed": False,
            "comment": None,
            "additional": False,
        },
    ),
    "HoursRule.selector_text": (RULE.selector_text, {}),
    "DateRange.contains": (pa.DateRange(pa.Month.DEC, 24).contains, {"day": date(2026, 12, 24)}),
    "YearRange": (pa.YearRange, {"start": 2026, "end": 2028}),
    "TimeSpan": (pa.TimeSpan, {"start": 540, "end": 1020}),
    "WeekdayRange": (pa.WeekdayRange, {"start": pa.Weekday.MO, "end": pa.Weekday.FR}),
    "DateRange": (
        pa.DateRange,
        {
            "month": pa.Month.DEC,
            "day": 24,
            "year": 2026,
            "end_month": pa.Month.DEC,
            "end_day": 26,
            "end_year": 2026,
        },
    ),
    # test helpers the docs show
    "testing.instant": (testing.instant, {"text": "2026-11-27T10:15:00+01:00"}),
    "testing.decide_at": (
        testing.decide_at,
        {"page": PAGE, "at": "2026-11-27T10:15:00+01:00", "sessions": [SESSION]},
    ),
}

if hasattr(pa.Page, "evolve"):  # what-if in one call (pageavail._evolve.evolve_page)
    CALLS["Page.evolve"] = (
        PAGE.evolve,
        {"idle_timeout": timedelta(minutes=30), "hours": "Mo-Fr 09:00-20:00", "rollout_percent": 50},
    )

#: Enums whose constructor takes a value: a wrong one must raise the library's error too.
ENUMS = [
    pa.EventKind,
    pa.Status,
    pa.Sender,
    pa.ReplyKind,
    pa.Role,
    pa.Task,
    pa.SourceKind,
    pa.Client,
    pa.Weekday,
    pa.Month,
    pa.HoursState,
]

#: Result values the library makes: their constructors are public but take what the library gives them.
RESULTS = {
    "Decision",
    "Prompt",
    "Check",
    "Payload",
    "Segment",
    "LoadForecast",
    "Comparison",
    "AutoReply",
    "Responsiveness",
    "Access",
    "PresenceStatus",
    "Ignored",
    "HoursStatus",
    "PagePresence",
    "Timeline",
    "LivePage",
}


def _odd_values() -> List[Any]:
    """Values no public argument should accept without a clear error (or a sensible answer)."""
    return [
        None,  # missing
        0,
        -1,
        2**70,  # an integer beyond every C type
        math.nan,
        math.inf,
        -math.inf,
        True,  # a bool where a number or text is meant
        "",
        " ",
        "x" * 100_000,  # a huge text
        "acme\n",  # a trailing newline
        b"acme",  # bytes, not text
        datetime(2026, 11, 27, 10, 0),  # naive
        datetime(1, 1, 1, tzinfo=UTC),  # year 1
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),  # year 9999
        date(2026, 11, 27),  # a date, not a datetime
        timedelta(days=-1),  # a negative duration
        timedelta.max,
        pd.NaT,
        np.float64("nan"),
        np.int64(5),
        np.datetime64("2026-11-27T10:00"),
        [1, 2],  # wrong element types
        [None],
        {"a": 1},
        (),
        object(),
        PAGE,  # a Page where a CompiledPage is meant
        COMPILED,  # and back
    ]


ODD = st.sampled_from(_odd_values())


def _call(name: str, replaced: str, value: Any) -> None:
    function, good = CALLS[name]
    arguments = {**good, replaced: value}
    try:
        function(**arguments)
    except pa.PageAvailError as error:
        assert str(error), f"{name}({replaced}=...) raised an error without a message"


@settings(max_examples=400)
@given(data=st.data())
def test_odd_values_raise_only_library_errors(data: st.DataObject) -> None:
    """Any public call with one argument replaced by an odd value answers or raises a PageAvailError."""
    name = data.draw(st.sampled_from(sorted(n for n in CALLS if CALLS[n][1])), label="call")
    argument = data.draw(st.sampled_from(sorted(CALLS[name][1])), label="argument")
    _call(name, argument, data.draw(ODD, label="value"))


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_argument_of_every_call_with_every_odd_value(name: str) -> None:
    """Every argument of every public call, with each odd value in turn, answers or raises a PageAvailError."""
    for argument in sorted(CALLS[name][1]):
        for value in _odd_values():
            _call(name, argument, value)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_good_calls_answer(name: str) -> None:
    """Each good call in the table works, so that the odd calls test what they mean to."""
    function, good = CALLS[name]
    function(**good)


@pytest.mark.parametrize("kind", ENUMS, ids=lambda kind: kind.__name__)
@pytest.mark.parametrize("value", ["bogus", None, 99, b"x", ""])
def test_enum_constructors_raise_library_errors(kind: type, value: Any) -> None:
    """Constructing a public enum from a wrong value raises the library's error (still a ValueError)."""
    with pytest.raises(pa.PageAvailError):
        kind(value)


def test_every_public_callable_is_in_the_table() -> None:
    """Each public class, function and method of the package is fuzzed above (or is a result value)."""
    missing = []
    for name in pa.__all__:
        obj = getattr(pa, name)
        if isinstance(obj, type) and issubclass(obj, (Exception, enum.Enum)):
            continue
        if name not in CALLS and name not in RESULTS:
            missing.append(name)
        if isinstance(obj, type):
            for attribute, value in vars(obj).items():
                if attribute.startswith("_") or isinstance(value, property):
                    continue
                fuzzed = f"{name}.{attribute}" in CALLS
                if (callable(value) or isinstance(value, (classmethod, staticmethod))) and not fuzzed:
                    missing.append(f"{name}.{attribute}")
    for module in (analysis, formats, replies, payload, pageschema):
        for attribute in getattr(module, "__all__", ()):
            obj = getattr(module, attribute)
            fuzzed = f"{module.__name__.rsplit('.', 1)[1]}.{attribute}" in CALLS
            if inspect.isfunction(obj) and obj is not getattr(pa, attribute, None) and not fuzzed:
                missing.append(f"{module.__name__}.{attribute}")
    assert missing == []
