"""Array analysis: anonymous views, odd tables and instants numpy cannot hold give the library's errors."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone
from typing import Dict, List

import pytest

import pageavail as pa

np = pytest.importorskip("numpy", reason="the analysis extra (numpy) is not installed")
pd = pytest.importorskip("pandas", reason="the analysis extra (pandas) is not installed")

from pageavail.analysis import evaluate_visits, status_codes  # noqa: E402

UTC = timezone.utc
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
START, END = T0 - timedelta(hours=1), T0 + timedelta(hours=5)


def acme(cooldown: timedelta = timedelta(hours=24)) -> pa.CompiledPage:
    """Acme, always within hours, with anna online 09:00-11:00 UTC."""
    return pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        grants=[pa.Grant("anna", "acme", role="admin")],
        policy=pa.Policy(prompt_cooldown=cooldown),
    ).compile([pa.Session("anna", "web", T0, T0 + timedelta(hours=2))])


def views(visitors: List[object], minutes: int = 5) -> pd.DataFrame:
    """One view of Acme per visitor, *minutes* apart from 09:00."""
    return pd.DataFrame(
        {
            "page_id": ["acme"] * len(visitors),
            "visitor": visitors,
            "at": [
                T0 + timedelta(seconds=minutes * 60 * i / max(len(visitors), 1)) for i in range(len(visitors))
            ],
        }
    )


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, np.nan])
def test_anonymous_views_each_stand_alone(missing: object) -> None:
    """500 views by visitors who are not signed in, in an active hour, show 500 prompts: nothing joins them
    under one cooldown. Signed-in visitors keep theirs."""
    result = evaluate_visits(views([missing] * 500, minutes=50), {"acme": acme()}, START, END)
    assert result["shown"].sum() == 500
    mixed = evaluate_visits(views([missing, "v-1", missing, "v-1"]), {"acme": acme()}, START, END)
    assert mixed["shown"].tolist() == [True, True, True, False]


def test_a_visitor_named_none_is_not_anonymous() -> None:
    """The text 'None' is a visitor id like any other, with its own cooldown, apart from missing visitors."""
    result = evaluate_visits(views(["None", None, "None", None]), {"acme": acme()}, START, END)
    assert result["shown"].tolist() == [True, True, False, True]


@pytest.mark.parametrize(
    ("visits", "pages", "fragment"),
    [
        ([{"page_id": "acme", "visitor": "v", "at": T0}], None, "'visits' must be a pandas DataFrame"),
        ({"page_id": ["acme"]}, None, "'visits' must be a pandas DataFrame"),
        (None, ["acme"], "'pages' must be a mapping"),
        (None, {"acme": "acme"}, "'pages' must be a mapping"),
        (None, {1: None}, "'pages' must be a mapping"),
    ],
)
def test_odd_tables_and_page_maps_are_refused(visits: object, pages: object, fragment: str) -> None:
    """A list, a dict or a wrong mapping raises the library's error naming the argument, not AttributeError."""
    table = views(["v-1"]) if visits is None else visits
    with pytest.raises(pa.InvalidValueError, match=fragment):
        evaluate_visits(table, {"acme": acme()} if pages is None else pages, START, END)


@pytest.mark.parametrize(
    ("column", "error"),
    [
        (["not a time"], pa.InvalidValueError),
        ([1_700_000_000], pa.InvalidValueError),
        ([datetime(3000, 1, 1, tzinfo=UTC)], pa.OutOfRangeError),
    ],
)
def test_odd_view_times_are_refused(column: List[object], error: type) -> None:
    """Texts that are no time, bare numbers and years numpy cannot hold raise the library's errors."""
    table = pd.DataFrame({"page_id": ["acme"], "visitor": ["v"], "at": column})
    with pytest.raises(error):
        evaluate_visits(table, {"acme": acme()}, START, END)


def test_odd_visitor_ids_are_refused() -> None:
    """Visitors are texts or missing: a list in the column is refused, not hashed into a TypeError."""
    with pytest.raises(pa.InvalidValueError, match="visitor ids as texts"):
        evaluate_visits(views([["v"]]), {"acme": acme()}, START, END)


def test_a_plain_page_is_compiled_with_no_sessions() -> None:
    """A Page in the mapping is compiled with nobody online: views are offline, no prompt."""
    result = evaluate_visits(views(["v-1"]), {"acme": acme().page}, START, END)
    assert result["status"].tolist() == ["offline"]


def test_periods_beyond_datetime64_are_refused_clearly() -> None:
    """start and end past 2262 raise OutOfRangeError naming the limit of datetime64[ns]."""
    with pytest.raises(pa.OutOfRangeError, match="2262-04-11"):
        evaluate_visits(views(["v"]), {"acme": acme()}, START, datetime(2300, 1, 1, tzinfo=UTC))
    with pytest.raises(pa.InvalidInstantError):
        evaluate_visits(views(["v"]), {"acme": acme()}, None, END)


def test_oversized_timelines_are_refused_before_any_work() -> None:
    """evaluate_visits refuses a period over MAX_SEGMENTS at once, like Timeline.build."""
    from unittest import mock

    spans = ",".join(f"{h:02d}:{m:02d}-{h:02d}:{m + 15:02d}" for h in range(24) for m in (0, 30))
    busy = pa.Page(
        id="acme",
        name="Acme",
        zone="UTC",
        settings=pa.MessagingSettings(hours=pa.Schedule.parse(spans, zone="UTC")),
    ).compile()
    walked = mock.patch.object(pa.CompiledPage, "next_change", side_effect=AssertionError("walked"))
    with walked, pytest.raises(pa.InvalidValueError, match="MAX_SEGMENTS"):
        evaluate_visits(views(["v"]), {"acme": busy}, START, START + timedelta(days=365 * 40))


def line() -> pa.Timeline:
    """Acme's timeline from 08:00 to 14:00 UTC."""
    return pa.Timeline.build(acme(), START, END)


@pytest.mark.parametrize(
    ("instants", "unit"),
    [
        (np.array(["3000-01-01"], dtype="datetime64[us]"), None),
        (np.array(["1500-01-01"], dtype="datetime64[s]"), None),
        (np.array([400], dtype="datetime64[Y]"), None),
        (np.array([2**62], dtype=np.int64), "s"),
        (np.array([2**64 - 1], dtype=np.uint64), "ns"),
    ],
)
def test_instants_numpy_cannot_hold_in_nanoseconds_are_refused(instants: object, unit: str | None) -> None:
    """Instants outside datetime64[ns] raise OutOfRangeError; numpy would wrap them round into wrong answers."""
    with pytest.raises(pa.OutOfRangeError, match="2262"):
        status_codes(line(), instants, unit)


def test_instants_of_every_unit_inside_the_range_agree() -> None:
    """datetime64 of any unit, NaT and generic NaT included, gives the same codes as nanoseconds."""
    stamps = ["2026-11-27T09:30", "NaT", "2026-11-27T12:00", "2026-11-26"]
    expected = status_codes(line(), np.array(stamps, dtype="datetime64[ns]")).tolist()
    for unit in ("s", "ms", "us", "m"):
        assert status_codes(line(), np.array(stamps, dtype=f"datetime64[{unit}]")).tolist() == expected
    with warnings.catch_warnings():  # numpy 2.5 deprecates the generic unit; older ones take it silently
        warnings.simplefilter("ignore", DeprecationWarning)
        generic = np.array(["NaT"], dtype="datetime64")
    assert status_codes(line(), generic).tolist() == [-1]
    assert status_codes(line(), np.array(["2026-11"], dtype="datetime64[M]")).tolist() == [-1]


@pytest.mark.parametrize("unit", [["s"], 5, b"s", "h"])
def test_odd_units_are_refused(unit: object) -> None:
    """A unit that is not one of the four texts raises the library's error, even an unhashable one."""
    with pytest.raises(pa.InvalidValueError, match="'unit'"):
        status_codes(line(), np.array([1, 2]), unit)  # type: ignore[arg-type]


def test_frames_beyond_datetime64_are_refused_and_odd_zones_work() -> None:
    """to_pandas refuses a timeline past 2262 with OutOfRangeError and works for zones with odd offsets."""
    far = pa.Timeline.build(acme(), datetime(3000, 1, 1, tzinfo=UTC), datetime(3000, 1, 2, tzinfo=UTC))
    with pytest.raises(pa.OutOfRangeError, match="2262"):
        far.to_pandas()
    with pytest.raises(pa.OutOfRangeError, match="2262"):
        far.status_codes(np.array(["2026-01-01"], dtype="datetime64[ns]"))
    early = pa.Timeline.build(acme(), datetime(1800, 1, 1, tzinfo=UTC), datetime(1800, 1, 2, tzinfo=UTC))
    frame = early.to_pandas()  # Berlin's local mean time, +00:53:28, in 1800
    assert frame["hours"].sum() == pytest.approx(24)


def test_plot_refuses_what_is_not_an_axes() -> None:
    """plot(ax='x') raises the library's error, not matplotlib's AttributeError."""
    import matplotlib

    matplotlib.use("Agg")
    with pytest.raises(pa.InvalidValueError, match="'ax'"):
        line().plot(ax="x")


@pytest.mark.parametrize(
    "name", ["status_codes", "segments_frame", "matrix_frame", "plot_matrix", "timeline_arrays"]
)
def test_functions_refuse_what_is_not_a_timeline(name: str) -> None:
    """Every array function names its timeline argument when given something else."""
    import pageavail.analysis as analysis

    function = getattr(analysis, name)
    arguments: Dict[str, List[object]] = {"status_codes": [None, np.array([1]), "s"]}
    with pytest.raises(pa.InvalidValueError, match="'timeline'"):
        function(*arguments.get(name, [None]))
