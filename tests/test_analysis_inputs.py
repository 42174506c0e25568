"""What analysts have in hand: forecasts from pandas values, labelled comparisons, short reprs, one import direction."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa

np = pytest.importorskip("numpy", reason="the analysis extra (numpy) is not installed")
pd = pytest.importorskip("pandas", reason="the analysis extra (pandas) is not installed")

from pageavail.analysis import comparison_frame, difference_frame, visit_profile  # noqa: E402
from pageavail.schedule import ZoneInfo  # noqa: E402

SRC = Path(__file__).resolve().parent.parent / "src" / "pageavail"
BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 23, tzinfo=BERLIN)
WEEK = (MONDAY, MONDAY + timedelta(days=7))
DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
HOUR = pd.Timedelta(hours=1)


def page(hours: str | None = "Mo-Fr 09:00-17:00") -> pa.Page:
    """A bakery in Berlin with anna on its team."""
    schedule = None if hours is None else pa.Schedule.parse(hours, zone="Europe/Berlin")
    return pa.Page(
        id="acme",
        name="Acme Bakery",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=schedule),
        grants=[pa.Grant("anna", "acme", role="editor")],
    )


def line(hours: str | None = "Mo-Fr 09:00-17:00") -> pa.Timeline:
    """The giveaway week with anna online all of it."""
    online = [pa.Session("anna", "web", WEEK[0] - timedelta(hours=1), WEEK[1] + timedelta(hours=1))]
    return pa.Timeline.build(page(hours).compile(online), *WEEK)


def profile() -> List[List[float]]:
    """Distinct visits for each weekday-hour, so that any mix-up of rows or columns shows."""
    return [[float(100 * day + hour) for hour in range(24)] for day in range(7)]


def conversations(visits: Any) -> float:
    return line().forecast(visits, 0.1).conversations


# -- forecasts from what people have --------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 1e6, allow_nan=False))
def test_a_constant_number_equals_a_constant_array(visits: float) -> None:
    """A number for every hour forecasts what a 7x24 array of that number does."""
    a = line().forecast(visits, 0.05)
    b = line().forecast(np.full((7, 24), visits), 0.05)
    assert a == b


def test_a_frame_is_matched_by_its_weekday_and_hour_labels() -> None:
    """A DataFrame labelled by weekday and hour, in any order, forecasts what the nested lists do."""
    frame = pd.DataFrame(profile(), index=DAYS, columns=list(range(24)))
    shuffled = frame.loc[["Su", "We", "Mo", "Tu", "Fr", "Th", "Sa"], list(reversed(range(24)))]
    assert conversations(shuffled) == pytest.approx(conversations(profile()))
    texts = frame.copy()
    texts.columns = [f"{h:02d}" for h in range(24)]
    texts.index = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert conversations(texts) == pytest.approx(conversations(profile()))


def test_a_frame_with_other_labels_is_read_in_order() -> None:
    """A 7x24 DataFrame whose labels are no weekdays and hours is read in order, as before."""
    frame = pd.DataFrame(profile(), index=list("abcdefg"), columns=[f"h{h}" for h in range(24)])
    assert conversations(frame) == pytest.approx(conversations(profile()))
    assert conversations(line().matrix_to_pandas() * 10) == pytest.approx(40 * 10 * 0.1)


@pytest.mark.parametrize(
    "days",
    [
        DAYS,  # two-letter names
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],  # three-letter names
        list(range(7)),  # Monday = 0, as pandas' day_of_week
        list(range(1, 8)),  # ISO, Monday = 1
        list(pa.Weekday),  # the library's weekdays
    ],
    ids=["Mo", "Mon", "0-6", "1-7", "Weekday"],
)
def test_a_series_by_weekday_and_hour(days: List[Any]) -> None:
    """A Series indexed by (weekday, hour) pairs forecasts what the nested lists do, in any order."""
    pairs = [(days[d], h) for d in range(7) for h in range(24)]
    series = pd.Series(
        [profile()[d][h] for d in range(7) for h in range(24)], index=pd.MultiIndex.from_tuples(pairs)
    )
    assert conversations(series.sample(frac=1, random_state=3)) == pytest.approx(conversations(profile()))


def test_counts_over_time_are_summed_per_hour_and_averaged_by_weekday_and_hour() -> None:
    """Two weeks of counts every 15 minutes become the average visits per weekday-hour."""
    times = pd.date_range(
        "2026-11-09", periods=14 * 24 * 4, freq=pd.Timedelta(minutes=15), tz="Europe/Berlin"
    )
    counts = pd.Series(1.0, index=times)
    counts[times >= pd.Timestamp("2026-11-16", tz="Europe/Berlin")] = 3.0  # the second week is busier
    result = visit_profile(counts, "Europe/Berlin")
    assert result == [[8.0] * 24] * 7  # (4 × 1 + 4 × 3) / 2
    assert conversations(counts) == pytest.approx(conversations(8.0))


def test_times_of_single_visits_are_counted() -> None:
    """A Series of visit times counts one visit each."""
    times = pd.date_range("2026-11-16", periods=7 * 24, freq=HOUR, tz="Europe/Berlin")
    visits = pd.Series(times.repeat(5))
    assert visit_profile(visits, "Europe/Berlin") == [[5.0] * 24] * 7


def test_naive_times_are_read_as_utc_and_moved_to_the_page_s_zone() -> None:
    """A visit at a naive 08:00 (UTC) counts for 09:00 in Berlin in November."""
    times = pd.date_range("2026-11-16", periods=7 * 24, freq=HOUR)  # naive: UTC
    counts = pd.Series([10.0 if t.hour == 8 else 0.0 for t in times], index=times)
    result = visit_profile(counts, BERLIN)
    assert [row[9] for row in result] == [10.0] * 7
    assert [row[8] for row in result] == [0.0] * 7


def test_existing_inputs_still_work() -> None:
    """Numbers, nested lists, tuples, numpy arrays and frames in order forecast as before."""
    expected = conversations(profile())
    assert conversations(tuple(tuple(row) for row in profile())) == pytest.approx(expected)
    assert conversations(np.array(profile())) == pytest.approx(expected)
    assert conversations(np.float64(5)) == pytest.approx(conversations(5))


@pytest.mark.parametrize(
    ("visits", "fragment"),
    [
        (pd.DataFrame(np.full((7, 24), np.nan)), "no NaN"),  # NaN in a frame
        (pd.DataFrame(np.full((7, 24), np.inf)), "no NaN"),  # infinity in a frame
        (pd.DataFrame(np.ones((6, 24))), "shape"),  # a day short
        (pd.Series(1.0, index=range(168)), "time index"),  # plain positions: no weekday, no hour
        (
            pd.Series(1.0, index=pd.MultiIndex.from_product([DAYS, range(23)])),
            "168 pairs",
        ),  # an hour missing each day
        (
            pd.Series(
                1.0, index=pd.MultiIndex.from_product([["x", "y", "z", "u", "v", "w", "q"], range(24)])
            ),
            "each weekday",
        ),  # labels that are no weekdays
        (
            pd.Series([np.nan] * 168, index=pd.date_range("2026-11-16", periods=168, freq=HOUR)),
            "no NaN",
        ),  # NaN over time: resampling would skip it without a word
        (
            pd.Series([np.inf] * 168, index=pd.date_range("2026-11-16", periods=168, freq=HOUR)),
            "no NaN",
        ),  # infinity over time
        (
            pd.Series([-1.0] * 168, index=pd.date_range("2026-11-16", periods=168, freq=HOUR)),
            "no NaN",
        ),  # a negative count
        (
            pd.Series(["a"] * 168, index=pd.date_range("2026-11-16", periods=168, freq=HOUR)),
            "must be numbers",
        ),  # texts over time
        (
            pd.Series(1.0, index=pd.date_range("2026-11-16", periods=24, freq=HOUR)),
            "cover 24 of the 168",
        ),  # a single day: the other weekdays unknown
        (
            pd.Series(pd.to_datetime(["2026-11-16T10:00", None])),
            "no NaT",
        ),  # a visit at an unknown time
        (pd.Series([], dtype=float, index=pd.DatetimeIndex([])), "cover 0 of the 168"),  # nothing at all
        (pd.Timestamp("2026-11-16"), "a number"),  # one instant, not visits
    ],
)
def test_odd_pandas_visits_are_refused(visits: Any, fragment: str) -> None:
    """NaN, infinity, negative counts, missing times, odd shapes and labels raise the library's error."""
    with pytest.raises(pa.InvalidValueError, match=fragment):
        line().forecast(visits, 0.1)


# -- comparisons with the user's labels ------------------------------------------


def labelled() -> pa.Comparison:
    return line().compare(
        line("Mo-Fr 09:00-20:00"), visits_per_hour=100, click_rate=0.1, labels=("office", "evenings")
    )


def test_a_comparison_frame_has_both_sides_and_the_difference() -> None:
    """The frame's columns are the user's labels and the difference, its rows the figures."""
    frame = labelled().to_frame()
    assert list(frame.columns) == ["office", "evenings", "difference"]
    assert list(frame.index) == ["active_hours", "active_hours_per_week", "prompts", "conversations"]
    assert frame.loc["active_hours", "office"] == pytest.approx(40)
    assert frame.loc["active_hours", "evenings"] == pytest.approx(55)
    assert frame.loc["conversations", "difference"] == pytest.approx(15 * 100 * 0.1)
    assert comparison_frame(labelled()).equals(frame)


def test_without_a_forecast_the_frame_holds_nan_and_the_hours() -> None:
    """Without visits the frame shows NaN for prompts and conversations; the hours still compare."""
    frame = line().compare(line(None)).to_frame()
    assert list(frame.columns) == ["first", "second", "difference"]
    assert np.isnan(frame.loc["prompts", "first"])
    assert frame.loc["active_hours", "difference"] == pytest.approx(168 - 40)


def test_the_difference_by_weekday_and_hour() -> None:
    """The hourly difference is second minus first, in each local weekday-hour."""
    hours = difference_frame(labelled())
    assert hours.shape == (7, 24)
    assert hours.loc["Mo", 19] == pytest.approx(1.0)
    assert hours.loc["Mo", 10] == 0.0
    assert hours.loc["Sa"].sum() == 0.0
    assert difference_frame(labelled(), "conversations").loc["Fr", 18] == pytest.approx(10.0)


def test_the_text_table_is_headed_by_the_labels() -> None:
    """The printed table names the sides by the labels."""
    text = str(labelled())
    assert text.splitlines()[0].split() == ["office", "evenings"]
    assert "first" not in text


@pytest.mark.parametrize(
    "labels",
    [
        "before after",  # one text, not two
        ("before",),  # one label
        ("same", "same"),  # two equal labels
        ("", "after"),  # an empty label
        ("before", "difference"),  # the name of the frame's third column
        ("before", 2),  # a number
        ("x" * 61, "after"),  # too long for a header
    ],
)
def test_odd_labels_are_refused(labels: Any) -> None:
    """Labels are two different short texts, or the comparison is refused."""
    with pytest.raises(pa.InvalidValueError, match="'labels' must be"):
        line().compare(line(), labels=labels)


# -- short reprs -----------------------------------------------------------------


def test_reprs_are_one_short_line() -> None:
    """repr() of a timeline, a forecast and a comparison is one line of under 200 characters."""
    timeline = line()
    forecast = timeline.forecast(100, 0.1)
    for value in (timeline, forecast, labelled(), pa.Timeline.build(page(), WEEK[0], WEEK[0])):
        text = repr(value)
        assert "\n" not in text
        assert len(text) < 200, text
    assert repr(timeline) == (
        "<Timeline acme 2026-11-23 00:00 to 2026-11-30 00:00 Europe/Berlin: 11 segments, "
        "40.0 active hours per week>"
    )
    assert (
        repr(forecast)
        == "<LoadForecast 168 hours from 2026-11-23 00:00 Europe/Berlin: 4,000.0 prompts, 400.0 conversations>"
    )
    assert repr(labelled()) == (
        "<Comparison 'office' vs 'evenings': active hours 40.0 vs 55.0, conversations 400.0 vs 550.0>"
    )


def test_notebooks_keep_the_rich_view() -> None:
    """_repr_html_ gives tables: the timeline's totals, the forecast per day, the comparison with the difference."""
    assert "<table>" in line()._repr_html_()
    per_day = line().forecast(100, 0.1)._repr_html_()
    assert per_day.count("<tr>") == 1 + 7 + 1  # header, seven days, total
    assert "Mon 2026-11-23" in per_day
    table = labelled()._repr_html_()
    assert "<th>office</th><th>evenings</th><th>difference</th>" in table
    assert "<td>15.0</td>" in table


# -- one import direction --------------------------------------------------------


def top_level_imports(module: str) -> List[str]:
    """The modules *module* imports when it is imported: its top level with its ``try`` and
    ``if`` blocks, not function bodies nor ``if TYPE_CHECKING:``; ``from . import x`` is ``.x``."""
    tree = ast.parse((SRC / f"{module}.py").read_text(encoding="utf-8"))
    found: List[str] = []
    pending: List[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.extend([base] if node.module else [base + alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                pending.extend(node.body)
            pending.extend(node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(
                [*node.body, *(s for h in node.handlers for s in h.body), *node.orelse, *node.finalbody]
            )
    return found


def side(public: str) -> List[str]:
    """A public module and its private parts (``_<public>_*.py``), by module name."""
    return [public, *sorted(path.stem for path in SRC.glob(f"_{public}_*.py"))]


def test_analysis_builds_on_timeline_and_not_the_reverse() -> None:
    """The analysis side imports timeline at its top; no timeline-side module (timeline and its
    private parts) imports an analysis-side one, nor numpy, pandas or matplotlib, but inside the
    thin entry points; importing and using the timeline loads none of them."""
    timeline_side, analysis_side = side("timeline"), side("analysis")
    assert {"_timeline_hours", "_timeline_forecast", "_timeline_compare"} <= set(timeline_side)
    assert {"_analysis_arrays", "_analysis_frames", "_analysis_plot"} <= set(analysis_side)
    assert any(".timeline" in top_level_imports(module) for module in analysis_side)
    for module in timeline_side:
        imported = top_level_imports(module)
        extras = [name for name in imported if name.split(".")[0] in ("numpy", "pandas", "matplotlib")]
        assert not [name for name in imported if "analysis" in name], module
        assert not extras, module
    code = (
        "import sys\n"
        "from datetime import datetime, timedelta, timezone\n"
        "import pageavail as pa\n"
        "from pageavail.timeline import Timeline\n"
        "page = pa.Page(id='acme', name='Acme', zone='UTC', grants=[pa.Grant('anna', 'acme', role='admin')])\n"
        "start = datetime(2026, 11, 23, tzinfo=timezone.utc)\n"
        "line = Timeline.build(page, start, start + timedelta(days=7))\n"
        "repr(line.compare(line, 10, 0.1)), line._repr_html_(), line.forecast(10, 0.1)._repr_html_()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'pandas', 'matplotlib')\n"
        "             or m.startswith(('pageavail.analysis', 'pageavail._analysis'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
