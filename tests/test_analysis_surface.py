"""The public surface of replies, timeline, analysis, payload and evolve under odd values: only the library's errors.

Each public function, method and constructor of the five modules has one good
call below. Hypothesis replaces one argument at a time by an odd value (None,
numbers, NaN and infinity, huge and empty texts, bytes, naive datetimes, years 1
and 9999, pandas ``NaT`` and numpy values, wrong element types, a Page where a
CompiledPage is needed and back) and checks that the call answers or raises a
:class:`pageavail.PageAvailError`, within a time limit.
"""

from __future__ import annotations

import contextlib
import signal
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, Iterator, List, Tuple

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import analysis, payload, replies, timeline
from pageavail._evolve import evolve_page

np = pytest.importorskip("numpy", reason="the analysis extra (numpy) is not installed")
pd = pytest.importorskip("pandas", reason="the analysis extra (pandas) is not installed")
matplotlib = pytest.importorskip("matplotlib", reason="the plot extra is not installed")
matplotlib.use("Agg")

UTC = timezone.utc
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
HOURS = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
PAGE = pa.Page(
    id="acme",
    name="Acme",
    zone="Europe/Berlin",
    settings=pa.MessagingSettings(hours=HOURS, instant_reply="Hi {page}", away_message="Back {back_at}."),
    grants=[pa.Grant("anna", "acme", role="admin")],
)
COMPILED = PAGE.compile([pa.Session("anna", "web", T0, T0 + timedelta(hours=1))])
LINE = pa.Timeline.build(COMPILED, T0, T0 + timedelta(days=2))
MESSAGE = replies.Message("c1", "visitor", T0)
FIGURES = replies.responsiveness([MESSAGE], T0 + timedelta(days=1))
SLOT = LINE.hour_slots()[0]
FORECAST = LINE.forecast(10, 0.1)
COMPARISON = LINE.compare(LINE, 10, 0.1, labels=("before", "after"))
WEEK_TIMES = pd.date_range("2026-11-23", periods=7 * 24, freq=pd.Timedelta(hours=1), tz="Europe/Berlin")
BY_WEEKDAY_HOUR = pd.Series(
    10.0, index=pd.MultiIndex.from_product([["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], range(24)])
)
OVER_TIME = pd.Series(3.0, index=WEEK_TIMES)
VISITS = pd.DataFrame({"page_id": ["acme", "acme"], "visitor": ["v-1", None], "at": [T0, T0]})
PAYLOAD = COMPILED.prompt(T0, visitor="v-1").payload
assert PAYLOAD is not None
TEXTS = payload.prompt_texts("Acme", "en")

#: Odd values, each with why it is odd.
ODD: List[Any] = [
    None,  # nothing
    0,  # a number
    -1,  # a negative number
    2**70,  # a number too big for int64
    1.5,  # a fraction
    float("nan"),  # not even equal to itself
    float("inf"),  # infinity
    True,  # a truth value, which is an int in Python
    "",  # an empty text
    "x" * 100_000,  # a huge text
    "acme\n",  # a text with a trailing newline
    b"acme",  # bytes, not text
    datetime(2026, 11, 27, 9, 0),  # a naive datetime
    datetime(1, 1, 1, tzinfo=UTC),  # year 1
    datetime(9999, 12, 31, 23, 59, tzinfo=UTC),  # year 9999
    datetime(3000, 1, 1, tzinfo=UTC),  # beyond datetime64[ns]
    pd.NaT,  # pandas' missing time, a datetime subclass
    pd.Timestamp(T0),  # a pandas instant
    np.float64("nan"),  # numpy's NaN
    np.int64(5),  # a numpy integer
    np.datetime64("NaT", "ns"),  # numpy's missing time
    np.array([1, 2]),  # an array
    timedelta(days=-1),  # a negative duration
    timedelta.max,  # the longest duration
    [1],  # a list of the wrong kind
    [None],  # a list of nothing
    {"acme": 1},  # a mapping of the wrong kind
    object(),  # anything
    PAGE,  # a Page where a CompiledPage may be needed
    COMPILED,  # a CompiledPage where a Page may be needed
    LINE,  # a Timeline where something else is needed
    MESSAGE,  # a Message where something else is needed
]

#: Public name → (callable, good positional arguments).
CALLS: Dict[str, Tuple[Callable[..., Any], Tuple[Any, ...]]] = {
    "replies.Message": (replies.Message, ("c1", "visitor", T0, None)),
    "replies.AutoReply": (replies.AutoReply, (replies.ReplyKind.NONE, None, "why", None)),
    "replies.Responsiveness": (replies.Responsiveness, (T0, T0, 1, 1, 1.0, timedelta(minutes=1))),
    "Responsiveness.label": (FIGURES.label, ("en",)),
    "Responsiveness.badge": (FIGURES.badge, ("de",)),
    "replies.auto_reply": (replies.auto_reply, (COMPILED, MESSAGE, [MESSAGE], "de")),
    "replies.format_back_at": (replies.format_back_at, (T0, T0, "en", "Europe/Berlin")),
    "replies.format_back_at(page_locale, returns)": (
        lambda page_locale, returns: replies.format_back_at(
            None, T0, "fr", "UTC", page_locale=page_locale, returns=returns
        ),
        ("de", False),
    ),
    "replies.responsiveness": (replies.responsiveness, ([MESSAGE], T0, [], timedelta(days=7))),
    "timeline.Segment": (timeline.Segment, (pa.Status.ACTIVE, "active", T0, T0 + timedelta(hours=1))),
    "timeline.Timeline": (timeline.Timeline, ("acme", LINE.start, LINE.end, LINE.segments)),
    "Timeline.build": (pa.Timeline.build, (COMPILED, T0, T0 + timedelta(days=1))),
    "Timeline.forecast": (LINE.forecast, (10, 0.1)),
    "Timeline.compare": (LINE.compare, (LINE, 10, 0.1, ("before", "after"))),
    "Timeline.forecast(Series over time)": (LINE.forecast, (OVER_TIME, 0.1)),
    "Timeline.forecast(Series by weekday and hour)": (LINE.forecast, (BY_WEEKDAY_HOUR, 0.1)),
    "Timeline.status_codes": (LINE.status_codes, (np.array([1_764_234_000], dtype=np.int64), "s")),
    "Timeline.plot": (LINE.plot, (None,)),
    "timeline.HourSlot": (timeline.HourSlot, (T0, 3600.0, 60.0)),
    "timeline.HourForecast": (timeline.HourForecast, (T0, 1.0, 1.0, 0.5)),
    "timeline.LoadForecast": (timeline.LoadForecast, (FORECAST.hours,)),
    "timeline.ComparisonRow": (
        timeline.ComparisonRow,
        ("acme", 1.0, 1.0, None, 2.0, [[0.5] * 24] * 7, [[0.0] * 24] * 7),
    ),
    "timeline.Comparison": (
        lambda first, second, labels: timeline.Comparison(first, second, labels=labels),
        (COMPARISON.first, COMPARISON.second, ("before", "after")),
    ),
    "Comparison.plot": (COMPARISON.plot, (None, "conversations")),
    "analysis.timeline_arrays": (analysis.timeline_arrays, (LINE,)),
    "analysis.status_codes": (
        analysis.status_codes,
        (LINE, np.array(["2026-11-27T10:00"], dtype="datetime64[s]"), None),
    ),
    "analysis.segments_frame": (analysis.segments_frame, (LINE,)),
    "analysis.matrix_frame": (analysis.matrix_frame, (LINE,)),
    "analysis.plot_matrix": (analysis.plot_matrix, (LINE, None)),
    "analysis.state_matrix": (analysis.state_matrix, (LINE,)),
    "analysis.visit_profile": (analysis.visit_profile, (OVER_TIME, "Europe/Berlin")),
    "analysis.visit_profile(by weekday and hour)": (analysis.visit_profile, (BY_WEEKDAY_HOUR, None)),
    "analysis.comparison_frame": (analysis.comparison_frame, (COMPARISON,)),
    "analysis.difference_frame": (analysis.difference_frame, (COMPARISON, "conversations")),
    "analysis.plot_difference": (analysis.plot_difference, (COMPARISON, None, "active_hours")),
    "evolve_page": (
        lambda page, idle_timeout, hours, rollout_percent, name: evolve_page(
            page, idle_timeout=idle_timeout, hours=hours, rollout_percent=rollout_percent, name=name
        ),
        (PAGE, timedelta(minutes=30), "Mo-Fr 09:00-20:00", 50, "Acme Evenings"),
    ),
    "analysis.evaluate_visits": (
        analysis.evaluate_visits,
        (VISITS, {"acme": COMPILED}, T0, T0 + timedelta(days=1)),
    ),
    "payload.Payload": (payload.Payload, tuple(getattr(PAYLOAD, a.name) for a in PAYLOAD.__attrs_attrs__)),
    "payload.prompt_texts": (payload.prompt_texts, ("Acme", "de-AT")),
    "payload.build_payload": (
        lambda page_id, page_name, locale, texts, shown_at, banner, expires_at, visitor: (
            payload.build_payload(
                page_id=page_id,
                page_name=page_name,
                locale=locale,
                texts=texts,
                shown_at=shown_at,
                banner=banner,
                expires_at=expires_at,
                visitor=visitor,
            )
        ),
        ("acme", "Acme", "en", TEXTS, T0, timedelta(seconds=8), T0 + timedelta(hours=1), "v-1"),
    ),
}

#: Methods without arguments, called on values made from odd fields when they are accepted.
READERS = (
    "totals",
    "hour_slots",
    "weekday_hour_matrix",
    "to_pandas",
    "matrix_to_pandas",
    "to_frame",
    "active_hours_per_week",
    "_repr_html_",
    "to_dict",
    "per_day",
    "label",
    "badge",
)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail, instead of hanging, when the block runs longer than *seconds*."""

    def expire(signum: int, frame: object) -> None:
        raise AssertionError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call_with(name: str, position: int, odd: Any) -> None:
    """Call *name* with its argument at *position* replaced by *odd*; only library errors may escape."""
    import matplotlib.pyplot as plt

    function, good = CALLS[name]
    arguments = list(good)
    arguments[position % len(arguments)] = odd
    try:
        with time_limit(60):
            result = function(*arguments)
            for reader in READERS:  # what was accepted must also answer
                method = getattr(result, reader, None)
                if callable(method):
                    method()
            str(result)
            if attrs.has(type(result)):  # values hash and compare
                assert result == result
                assert isinstance(hash(result), int)
    except pa.PageAvailError as error:
        assert str(error)
    finally:
        plt.close("all")


def test_every_good_call_answers() -> None:
    """The good calls themselves succeed, so that the odd ones test the argument they replace."""
    for name in CALLS:
        function, good = CALLS[name]
        with time_limit(60):
            function(*good)
    import matplotlib.pyplot as plt

    plt.close("all")


@settings(max_examples=400)
@given(st.sampled_from(sorted(CALLS)), st.integers(0, 7), st.sampled_from(range(len(ODD))))
def test_odd_values_raise_only_library_errors(name: str, position: int, odd: int) -> None:
    """Any one argument replaced by an odd value gives an answer or a PageAvailError, in bounded time."""
    call_with(name, position, ODD[odd])


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_argument_of_every_call_with_every_odd_value(name: str) -> None:
    """The same, exhaustively: each argument of each call with each odd value."""
    for position in range(len(CALLS[name][1])):
        for odd in ODD:
            call_with(name, position, odd)
