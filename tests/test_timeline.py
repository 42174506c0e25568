"""Timelines: segments that tile a period, totals, the matrix, forecasts and array queries."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail.testing import grants, sessions

UTC = timezone.utc
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
HOURS = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")


def compiled(
    found: List[pa.Session], hours: pa.Schedule | None = HOURS, **settings: object
) -> pa.CompiledPage:
    return pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=hours, **settings),  # type: ignore[arg-type]
        grants=[pa.Grant(p, "acme", role="editor") for p in pa.testing.PEOPLE],
    ).compile(found)


windows = st.integers(1, 3 * 24 * 60).map(lambda m: timedelta(minutes=m))
starts = st.integers(-12 * 60, 12 * 60).map(lambda m: T0 + timedelta(minutes=m, seconds=13))


@given(st.lists(sessions(), max_size=8), starts, windows, st.booleans())
def test_segments_tile_the_period_and_agree_with_state(
    found: List[pa.Session], start: datetime, width: timedelta, away_later: bool
) -> None:
    """Segments are contiguous, non-empty, cover [start, end) exactly, and match state() inside."""
    live = compiled(found, away=T0 + timedelta(hours=2) if away_later else False)
    line = pa.Timeline.build(live, start, start + width)
    assert line.segments[0].start.astimezone(UTC) == start
    assert line.segments[-1].end.astimezone(UTC) == start + width
    for segment in line.segments:
        assert segment.duration > timedelta(0)
        assert live.state(segment.start) == (segment.status, segment.reason)
        assert live.state(segment.end.astimezone(UTC) - timedelta(microseconds=1)) == (
            segment.status,
            segment.reason,
        )
    for before, after in zip(line.segments, line.segments[1:]):
        assert before.end == after.start
        assert (before.status, before.reason) != (after.status, after.reason)
    assert sum(line.totals().values(), timedelta(0)) == width


def test_matrix_and_hours_per_week() -> None:
    """Over one week with someone always online, the matrix is 1 in response hours and 0 elsewhere."""
    week_start = datetime(2026, 11, 23, tzinfo=HOURS.zone)
    always = [pa.Session("anna", "web", week_start - timedelta(hours=1), week_start + timedelta(days=8))]
    line = pa.Timeline.build(compiled(always), week_start, week_start + timedelta(days=7))
    matrix = line.weekday_hour_matrix()
    assert matrix[0][9] == 1.0
    assert matrix[0][8] == 0.0
    assert matrix[4][16] == 1.0
    assert matrix[5][12] == 0.0
    assert line.active_hours_per_week() == pytest.approx(40.0)


def test_forecast_and_comparison() -> None:
    """Visits per hour times the active share give prompts; times the click rate, conversations."""
    week_start = datetime(2026, 11, 23, tzinfo=HOURS.zone)
    always = [pa.Session("anna", "web", week_start - timedelta(hours=1), week_start + timedelta(days=8))]
    office = pa.Timeline.build(compiled(always), week_start, week_start + timedelta(days=7))
    around = pa.Timeline.build(compiled(always, hours=None), week_start, week_start + timedelta(days=7))
    forecast = office.forecast(visits_per_hour=100, click_rate=0.02)
    assert forecast.prompts == pytest.approx(40 * 100)
    assert forecast.conversations == pytest.approx(40 * 100 * 0.02)
    days = forecast.per_day()
    assert len(days) == 7
    assert days[week_start.date()] == pytest.approx(8 * 100 * 0.02)
    assert forecast.busiest_hour is not None
    assert forecast.busiest_hour.hour.hour == 9
    comparison = office.compare(around, visits_per_hour=100, click_rate=0.02)
    assert comparison.first.active_hours == pytest.approx(40)
    assert comparison.second.active_hours == pytest.approx(168)
    assert comparison.second.conversations == pytest.approx(168 * 100 * 0.02)
    assert "conversations started" in str(comparison)
    german = comparison.text("de")
    assert "begonnene Unterhaltungen" in german
    assert "aktive Stunden pro Woche" in german
    assert "16.800,0" in german  # prompts: 168 hours x 100 visits, with Babel's German grouping and decimals


def test_forecast_with_a_weekly_profile() -> None:
    """A 7x24 profile weights each local hour."""
    week_start = datetime(2026, 11, 23, tzinfo=HOURS.zone)
    always = [pa.Session("anna", "web", week_start, week_start + timedelta(days=8))]
    line = pa.Timeline.build(compiled(always), week_start, week_start + timedelta(days=7))
    profile = [[0.0] * 24 for _ in range(7)]
    profile[0][10] = 500.0  # Monday 10:00-11:00
    assert line.forecast(profile, 0.1).conversations == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("visits", "rate", "fragment"),
    [
        (-1, 0.1, "'visits_per_hour' must be finite numbers from 0"),
        ([[1] * 24] * 6, 0.1, "7 rows"),
        (10, 2, "'click_rate'"),
    ],
)
def test_bad_forecast_input(visits: object, rate: float, fragment: str) -> None:
    """Bad profiles and rates raise the library's errors."""
    line = pa.Timeline.build(compiled([]), T0, T0 + timedelta(hours=1))
    with pytest.raises(pa.InvalidValueError, match=fragment):
        line.forecast(visits, rate)


def test_timeline_bad_period() -> None:
    """An end before the start is refused."""
    with pytest.raises(pa.InvalidValueError, match="'end' must be at or after start"):
        pa.Timeline.build(compiled([]), T0, T0 - timedelta(hours=1))


def test_repr_html() -> None:
    """Notebooks get a summary table."""
    html = pa.Timeline.build(compiled([]), T0, T0 + timedelta(hours=1))._repr_html_()
    assert "<table>" in html
    assert "acme" in html
    assert "1 segment, active 0.0 hr per week" in html
    line = pa.Timeline.build(compiled([]), T0, T0 + timedelta(hours=1))
    assert "1 Abschnitt, aktiv 0,0 Std. pro Woche" in line.to_html("de")
    assert "<th>Status</th><th>Zeit</th>" in line.to_html("de")
    assert line.summary("pl").endswith("1 odcinek, aktywna 0,0 godz. tygodniowo")


def test_compiled_pages_pickle_small_and_equal() -> None:
    """A compiled Page pickles to a few kilobytes and answers the same afterwards."""
    live = compiled([pa.Session("anna", "web", T0, T0 + timedelta(hours=1))])
    live.decide(T0)
    data = pickle.dumps(live)
    assert len(data) < 20_000
    copy = pickle.loads(data)
    assert copy.decide(T0) == live.decide(T0)


# -- instants, not wall clocks; odd values; bounded work -----------------------------

BERLIN = HOURS.zone
CEST_0230 = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # the first 02:30 of the fall-back day
CET_0230 = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN)  # the second, an hour later


def test_timelines_compare_instants_not_wall_clocks() -> None:
    """02:30 CEST and 02:30 CET are different instants: timelines, segments and slots from them differ,
    and compare() refuses them as different periods."""
    live = compiled([])
    five = datetime(2026, 10, 25, 5, 0, tzinfo=BERLIN)
    first = pa.Timeline.build(live, CEST_0230, five)
    second = pa.Timeline.build(live, CET_0230, five)
    assert first.start.replace(fold=0) == second.start.replace(fold=0)  # the same wall clock
    assert first.totals() != second.totals()  # an hour apart
    assert first != second
    assert first.segments[0] != second.segments[0]
    assert hash(first.segments[0]) != hash(second.segments[0])
    with pytest.raises(pa.InvalidValueError, match="same period"):
        first.compare(second)
    slots = first.hour_slots()
    assert len(set(slots)) == len(slots) == 4  # 02:00 CEST, 02:00 CET, 03:00 and 04:00 CET
    same = pa.Timeline.build(live, CEST_0230.astimezone(UTC), five.astimezone(UTC))
    assert same == first  # one period, whatever zone it was given in


@pytest.mark.parametrize(
    "visits",
    [
        float("nan"),
        float("inf"),
        -0.5,
        [[1.0] * 24] * 6 + [[1.0] * 23 + [float("nan")]],
        [[1.0] * 24] * 6 + [[1.0] * 23 + [float("inf")]],
        [[1.0] * 24] * 6 + [[1.0] * 23 + [-1]],
        [[1.0] * 24] * 6 + [[1.0] * 23 + ["1"]],
        1e300,
        "100",
        None,
        True,
    ],
)
def test_forecast_refuses_visits_that_are_not_finite_counts(visits: object) -> None:
    """NaN, infinity, negative or absurd visits, anywhere in the profile, raise the library's error,
    never a forecast of NaN."""
    line = pa.Timeline.build(compiled([]), T0, T0 + timedelta(hours=3))
    with pytest.raises(pa.InvalidValueError, match="'visits_per_hour'"):
        line.forecast(visits, 0.1)
    if visits is not None:  # None means "no forecast" in a comparison
        with pytest.raises(pa.InvalidValueError, match="'visits_per_hour'"):
            line.compare(line, visits_per_hour=visits, click_rate=0.1)


@pytest.mark.parametrize("rate", [float("nan"), float("inf"), -0.1, 1.5, "0.1", None, True])
def test_forecast_refuses_bad_click_rates(rate: object) -> None:
    """The click rate is a number from 0 to 1, in forecasts and comparisons alike."""
    line = pa.Timeline.build(compiled([]), T0, T0 + timedelta(hours=3))
    with pytest.raises(pa.InvalidValueError, match="'click_rate'"):
        line.forecast(10, rate)  # type: ignore[arg-type]
    with pytest.raises(pa.InvalidValueError, match="'click_rate'"):
        line.compare(line, click_rate=rate)  # type: ignore[arg-type]


def test_forecast_accepts_numpy_profiles_and_reads_no_more_than_it_needs() -> None:
    """A 7x24 numpy array or numpy numbers are profiles too; an endless iterable is refused, not read forever."""
    import itertools

    np = pytest.importorskip("numpy")
    line = pa.Timeline.build(compiled([]), T0, T0 + timedelta(hours=3))
    assert line.forecast(np.full((7, 24), 2.0), np.float64(0.5)) == line.forecast(2, 0.5)
    assert line.forecast(np.int64(2), 0.5) == line.forecast(2, 0.5)
    with pytest.raises(pa.InvalidValueError, match="'visits_per_hour'"):
        line.forecast(itertools.repeat([1.0] * 24), 0.5)


def test_build_compiles_an_uncompiled_page() -> None:
    """Timeline.build accepts a Page and compiles it with no sessions (nobody online)."""
    page = compiled([]).page
    assert pa.Timeline.build(page, T0, T0 + timedelta(days=2)) == pa.Timeline.build(
        page.compile(), T0, T0 + timedelta(days=2)
    )
    with pytest.raises(pa.InvalidValueError, match="'page' must be a CompiledPage"):
        pa.Timeline.build("acme", T0, T0)  # type: ignore[arg-type]


def test_oversized_periods_are_refused_before_any_segment_is_built() -> None:
    """A period that may hold more than MAX_SEGMENTS segments is refused at once, without walking it."""
    from unittest import mock

    spans = ",".join(f"{h:02d}:{m:02d}-{h:02d}:{m + 15:02d}" for h in range(24) for m in (0, 30))
    busy = compiled([], hours=pa.Schedule.parse(spans, zone="Europe/Berlin"))
    from pageavail._time import MAX_INSTANT, MIN_INSTANT

    with mock.patch.object(pa.CompiledPage, "next_change", side_effect=AssertionError("walked")):
        for start, end in (
            (T0, T0 + timedelta(days=365 * 30)),
            (MIN_INSTANT, MAX_INSTANT - timedelta(days=1)),
        ):
            with pytest.raises(pa.InvalidValueError, match="MAX_SEGMENTS"):
                pa.Timeline.build(busy, start, end)


def test_long_periods_without_changes_are_built() -> None:
    """The bound is about changes, not length: a Page that never changes gets one segment over millennia."""
    from pageavail._time import MAX_INSTANT, MIN_INSTANT

    for values in ({"hours": None}, {"away": True}, {"enabled": False}):
        line = pa.Timeline.build(compiled([], **values), MIN_INSTANT, MAX_INSTANT - timedelta(microseconds=1))
        assert len(line.segments) == 1
        with pytest.raises(pa.InvalidValueError, match="MAX_HOURS"):
            line.weekday_hour_matrix()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"])
def test_the_edges_of_the_supported_range(zone: str) -> None:
    """Timelines at the first and last supported instants build and answer, in zones far from UTC,
    and one step outside raises OutOfRangeError."""
    from pageavail._time import MAX_INSTANT, MIN_INSTANT

    page = pa.Page(
        id="acme",
        name="Acme",
        zone=zone,
        settings=pa.MessagingSettings(hours=pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=zone)),
        grants=[pa.Grant("anna", "acme", role="editor")],
    )
    last = MAX_INSTANT - timedelta(microseconds=1)
    session = pa.Session("anna", "web", last - timedelta(days=2), last)
    for start, end in ((MIN_INSTANT, MIN_INSTANT + timedelta(days=8)), (last - timedelta(days=8), last)):
        line = pa.Timeline.build(page.compile([session]), start, end)
        assert sum(line.totals().values(), timedelta(0)) == end - start
        line.weekday_hour_matrix()
        line.forecast(10, 0.1)
    with pytest.raises(pa.OutOfRangeError):
        pa.Timeline.build(page, MIN_INSTANT - timedelta(microseconds=1), MIN_INSTANT)
    # A period may end at the end of the range itself: it holds only supported instants.
    assert pa.Timeline.build(page, last, MAX_INSTANT).end == MAX_INSTANT
    with pytest.raises(pa.OutOfRangeError):
        pa.Timeline.build(page, last, MAX_INSTANT + timedelta(microseconds=1))


@pytest.mark.parametrize(
    "build",
    [
        lambda: pa.Segment("active", "active", T0, T0 + timedelta(hours=1)),
        lambda: pa.Segment(pa.Status.ACTIVE, "", T0, T0 + timedelta(hours=1)),
        lambda: pa.Segment(pa.Status.ACTIVE, "active", T0, T0),
        lambda: pa.Segment(pa.Status.ACTIVE, "active", T0.replace(tzinfo=None), T0),
        lambda: pa.Timeline("acme", T0, T0 + timedelta(hours=1), ()),
        lambda: pa.Timeline("acme", T0, T0, [1]),
        lambda: pa.Timeline(None, T0, T0, ()),
        lambda: pa.timeline.HourSlot(T0, float("nan"), 0.0),
        lambda: pa.timeline.HourSlot(T0, 60.0, 61.0),
        lambda: pa.timeline.HourForecast(T0, 1.0, -1.0, 0.0),
        lambda: pa.LoadForecast([1]),
        lambda: pa.timeline.ComparisonRow("acme", 1.0, 1.0, float("inf"), None),
        lambda: pa.Comparison(None, None),
    ],
)
def test_values_refuse_odd_fields(build: object) -> None:
    """Timeline values validate their fields with the library's error, as every value does."""
    with pytest.raises(pa.InvalidValueError):
        build()  # type: ignore[operator]


# -- arrays ------------------------------------------------------------------------

np = pytest.importorskip("numpy", reason="the analysis extra (numpy) is not installed")
pd = pytest.importorskip("pandas", reason="the analysis extra (pandas) is not installed")


@settings(max_examples=40)
@given(
    st.lists(sessions(), max_size=8), st.lists(st.integers(-14 * 3600, 14 * 3600), min_size=1, max_size=50)
)
def test_status_codes_agree_with_state(found: List[pa.Session], offsets: List[int]) -> None:
    """The array query gives the same status as state() for every instant, in every input form."""
    from pageavail.analysis import OUTSIDE, STATUSES

    live = compiled(found)
    start, end = T0 - timedelta(hours=10), T0 + timedelta(hours=10)
    line = pa.Timeline.build(live, start, end)
    moments = [T0 + timedelta(seconds=s, microseconds=250) for s in offsets]
    expected = [live.state(m)[0] if start <= m < end else None for m in moments]
    as_datetime64 = np.array([m.replace(tzinfo=None) for m in moments], dtype="datetime64[us]")
    as_series = pd.Series(pd.to_datetime([m.isoformat() for m in moments], utc=True)).dt.tz_convert(
        "Asia/Tokyo"
    )
    for codes in (line.status_codes(as_datetime64), line.status_codes(as_series)):
        assert [None if c == OUTSIDE else STATUSES[c] for c in codes] == expected
    seconds = np.array([int(m.timestamp()) for m in moments])
    whole = [
        live.state(datetime.fromtimestamp(int(m.timestamp()), UTC))[0]
        if start <= datetime.fromtimestamp(int(m.timestamp()), UTC) < end
        else None
        for m in moments
    ]
    assert [None if c == OUTSIDE else STATUSES[c] for c in line.status_codes(seconds, unit="s")] == whole


def test_status_codes_missing_and_bad_input() -> None:
    """NaT is outside; strings and unitless integers are refused with the fix."""
    line = pa.Timeline.build(compiled([]), T0, T0 + timedelta(hours=1))
    codes = line.status_codes(np.array(["NaT", "2026-11-27T09:30"], dtype="datetime64[ns]"))
    assert list(codes) == [-1, 2]  # offline
    with pytest.raises(pa.InvalidValueError, match="epoch integers"):
        line.status_codes(np.array([1, 2]))
    with pytest.raises(pa.InvalidValueError, match="datetime64"):
        line.status_codes(np.array(["x"]))


def test_frames_and_plot() -> None:
    """Segments and the matrix come as DataFrames; the heatmap draws on an Axes."""
    import matplotlib

    matplotlib.use("Agg")
    line = pa.Timeline.build(
        compiled([pa.Session("anna", "web", T0, T0 + timedelta(hours=1))]), T0, T0 + timedelta(days=1)
    )
    frame = line.to_pandas()
    assert list(frame.columns) == ["status", "reason", "start", "end", "hours"]
    assert frame["hours"].sum() == pytest.approx(24)
    assert str(frame["start"].dt.tz) == "Europe/Berlin"
    matrix = line.matrix_to_pandas()
    assert matrix.shape == (7, 24)
    assert list(matrix.index) == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    ax = line.plot()
    assert ax.get_title() == "Acme, Fri 27 Nov 2026 10:00 to Sat 28 Nov 2026 10:00"
    import matplotlib.pyplot as plt

    plt.close("all")


def visits_table() -> pd.DataFrame:
    """Page views of three Pages by three visitors, one of them on the team."""
    rows = []
    for page in ("acme", "beta", "cafe"):
        for minute in range(0, 240, 20):
            for visitor in ("v-1", "v-2", "anna"):
                rows.append({"page_id": page, "visitor": visitor, "at": T0 + timedelta(minutes=minute)})
    return pd.DataFrame(rows)


def three_pages() -> dict[str, pa.CompiledPage]:
    pages = {}
    for page_id, hours in (
        ("acme", HOURS),
        ("beta", None),
        ("cafe", pa.Schedule.parse("Sa", zone="Europe/Berlin")),
    ):
        pages[page_id] = pa.Page(
            id=page_id,
            name=page_id,
            zone="Europe/Berlin",
            settings=pa.MessagingSettings(hours=hours),
            grants=[pa.Grant("anna", page_id, role="admin")],
            policy=pa.Policy(prompt_cooldown=timedelta(hours=1)),
        ).compile([pa.Session("anna", "web", T0, T0 + timedelta(hours=2))])
    return pages


def test_evaluate_visits() -> None:
    """Each view gets its status and whether the prompt shows: not to the team, once per cooldown."""
    from pageavail.analysis import evaluate_visits

    result = evaluate_visits(visits_table(), three_pages(), T0 - timedelta(hours=1), T0 + timedelta(hours=5))
    acme = result[(result.page_id == "acme") & (result.visitor == "v-1")]
    assert list(acme.status[:2]) == ["active", "active"]
    assert acme.shown.tolist()[:7] == [
        True,
        False,
        False,
        True,
        False,
        False,
        True,
    ]  # hourly cooldown, active to 11:10
    assert not result[result.visitor == "anna"].shown.any()  # the team never sees it
    assert not result[result.page_id == "cafe"].shown.any()  # outside its hours


def test_dask_scale_out_on_a_local_cluster() -> None:
    """The same evaluation runs as dask map_partitions on a distributed local cluster, and agrees.

    The cluster runs its workers as threads of this process (``processes=False``): starting worker
    processes from a process that is itself a worker (pytest-xdist, a CI runner) was seen to hang
    without end. Every wait is bounded (start-up, connection, the computation, the close), so the
    test fails with a timeout instead of hanging. What a process cluster adds, shipping the compiled
    Pages to other processes, is pinned here by a pickle round trip.
    """
    import dask

    dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    from pageavail.analysis import evaluate_visits

    frame = visits_table()
    pages = three_pages()
    start, end = T0 - timedelta(hours=1), T0 + timedelta(hours=5)
    expected = evaluate_visits(frame, pages, start, end)
    shipped = pickle.loads(pickle.dumps(pages))
    assert evaluate_visits(frame, shipped, start, end).equals(expected)
    bounded = {"distributed.comm.timeouts.connect": "20s", "distributed.comm.timeouts.tcp": "20s"}
    with dask.config.set(bounded):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", timeout="60s"
        )
        try:
            with distributed.Client(cluster, timeout="60s") as client:
                table = dd.from_pandas(frame, npartitions=3)
                meta = expected.iloc[:0]
                graph = table.map_partitions(evaluate_visits, pages, start, end, meta=meta)
                result = client.compute(graph).result(timeout=60)
        finally:
            cluster.close(timeout=20)
    result = result.sort_values(["page_id", "visitor", "at"]).reset_index(drop=True)
    expected = expected.sort_values(["page_id", "visitor", "at"]).reset_index(drop=True)
    assert result["status"].tolist() == expected["status"].tolist()
    # partitions split a visitor's views by page here, so cooldowns agree too
    assert result["shown"].tolist() == expected["shown"].tolist()


ROOT = Path(__file__).resolve().parent.parent
#: The line in docs/analysis.md before the recipe that must equal examples/dask_visits.py.
DASK_MARKER = "<!-- examples/dask_visits.py, verbatim (a test keeps the two equal) -->"


def test_the_dask_example_runs_and_agrees_with_pandas(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/dask_visits.py runs as written: a day of views of 60 Pages on a threads-only local
    cluster, checked against pandas, within a time limit instead of hanging."""
    import runpy
    import signal

    pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
    pytest.importorskip("distributed", reason="the dask extra is not installed")

    def expire(signum: int, frame: object) -> None:
        raise AssertionError("examples/dask_visits.py gave no answer within 300 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(300)
    try:
        runpy.run_path(str(ROOT / "examples" / "dask_visits.py"), run_name="__main__")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    out = capsys.readouterr().out
    assert "30,000 views of 60 Pages on 2026-11-27 (UTC): dask and pandas agree" in out
    assert "active" in out


def test_the_dask_recipe_in_the_docs_is_the_example_file() -> None:
    """The Dask recipe in docs/analysis.md is examples/dask_visits.py, character for character."""
    text = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    assert DASK_MARKER in text
    block = text.split(DASK_MARKER, 1)[1].split("```python\n", 1)[1].split("\n```\n", 1)[0]
    assert block + "\n" == (ROOT / "examples" / "dask_visits.py").read_text(encoding="utf-8")


def test_grants_strategy_is_usable_for_pages() -> None:
    """The public strategies build Pages (a smoke check of pageavail.testing)."""

    @given(st.lists(grants(pages=["acme"]), max_size=3))
    def build(items: List[pa.Grant]) -> None:
        pa.Page(id="acme", name="Acme", zone="UTC", grants=items)

    build()


def test_what_if_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/what_if.py runs and compares 44 active hours against 168, under the user's labels."""
    import runpy
    from pathlib import Path

    runpy.run_path(
        str(Path(__file__).resolve().parent.parent / "examples" / "what_if.py"), run_name="__main__"
    )
    out = capsys.readouterr().out
    assert "office hours  around the clock" in out  # the sides named by their labels
    assert "active hours                          44.0             168.0" in out
    assert "conversations started                 57.6             225.6" in out


# The drawn schedules are filtered for valid ones, more so on a loaded machine: not a fault of the test.
@settings(max_examples=80, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago"]),
    st.data(),
    st.lists(sessions(pages=["acme"], span=timedelta(days=4)), max_size=6),
    st.integers(-3 * 24 * 60, 24 * 60).map(lambda m: T0 + timedelta(minutes=m)),
    st.integers(1, 10 * 24 * 60).map(lambda m: timedelta(minutes=m)),
)
def test_the_segment_bound_never_undercounts(
    zone: str, data: st.DataObject, found: List[pa.Session], start: datetime, width: timedelta
) -> None:
    """The bound Timeline.build refuses by is a true upper bound: with the limit set just below the
    segments a period really has, the period is refused, in zones with DST and half-hour shifts."""
    from unittest import mock

    from pageavail.schedule import ZoneInfo

    hours = data.draw(st.none() | pa.testing.schedules(st.just(ZoneInfo(zone)), max_rules=3, step=15))
    away = data.draw(st.just(False) | st.integers(0, 5 * 24 * 60).map(lambda m: T0 + timedelta(minutes=m)))
    live = pa.Page(
        id="acme",
        name="Acme",
        zone=zone,
        settings=pa.MessagingSettings(hours=hours, away=away),
        grants=[pa.Grant(p, "acme", role="admin") for p in pa.testing.PEOPLE],
    ).compile(found)
    actual = len(pa.Timeline.build(live, start, start + width).segments)
    if actual <= 1:
        return  # the limit is at least one segment: nothing to refuse
    with mock.patch("pageavail.timeline.MAX_SEGMENTS", actual - 1), pytest.raises(pa.InvalidValueError):
        pa.Timeline.build(live, start, start + width)


def test_zone_transitions_are_counted_only_when_they_decide() -> None:
    """A sparse schedule over 270 years is bounded by counting the zone's transitions, and builds."""
    from pageavail.timeline import _refuse_oversized

    live = compiled([], hours=pa.Schedule.parse("Mo 10:00-11:00", zone="Europe/Berlin"))
    _refuse_oversized(live, T0, T0 + timedelta(days=100_000))  # 600,000 ≤ bound ≤ 1,800,000: counted


def test_a_repeated_half_hour_is_one_longer_slot() -> None:
    """On Lord Howe Island the fall-back repeats half an hour: one 01:00 slot holds 90 minutes."""
    start = datetime(2026, 4, 4, 13, tzinfo=timezone.utc)
    page = pa.Page(id="a", name="A", zone="Australia/Lord_Howe", grants=[pa.Grant("anna", "a", role="admin")])
    line = pa.Timeline.build(page.compile(), start, start + timedelta(hours=4))
    one = [slot for slot in line.hour_slots() if slot.hour.hour == 1]
    assert [slot.observed for slot in one] == [5400.0]
