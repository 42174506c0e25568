"""The heatmap and the difference plot: what the figure holds, not its pixels."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any, Iterator, List

import pytest

import pageavail as pa

np = pytest.importorskip("numpy", reason="the analysis extra (numpy) is not installed")
pytest.importorskip("pandas", reason="the analysis extra (pandas) is not installed")
matplotlib = pytest.importorskip("matplotlib", reason="the plot extra is not installed")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from pageavail.analysis import (  # noqa: E402
    HEATMAP_COLOURS,
    HEATMAP_STATES,
    plot_difference,
    plot_matrix,
    state_matrix,
)
from pageavail.schedule import ZoneInfo  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 23, tzinfo=BERLIN)
WEEK = (MONDAY, MONDAY + timedelta(days=7))


def bakery(hours: str = "Mo-Fr 09:00-17:00") -> pa.Page:
    """A bakery in Berlin, open for messages on weekdays, with anna on its team."""
    return pa.Page(
        id="acme-bakery",
        name="Acme Bakery",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=pa.Schedule.parse(hours, zone="Europe/Berlin")),
        grants=[pa.Grant("anna", "acme-bakery", role="editor")],
    )


def week_line() -> pa.Timeline:
    """A week with all three states: anna online Monday 09:00-12:00 only (idle timeout 10 minutes)."""
    anna = [pa.Session("anna", "web", MONDAY + timedelta(hours=9), MONDAY + timedelta(hours=12))]
    return pa.Timeline.build(bakery().compile(anna), *WEEK)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def cell_colours(ax: Any) -> List[Any]:
    """The distinct RGBA colours the heatmap's image shows, masked cells left out."""
    image = ax.images[0]
    data = image.get_array()
    rgba = image.to_rgba(data)
    shown = ~np.ma.getmaskarray(data)
    return sorted({tuple(np.round(c, 3)) for c in rgba[shown]})


def test_the_three_states_have_three_distinct_colours() -> None:
    """A Page with hours outside, hours in but nobody online, and active hours shows three colours,
    the palette's own."""
    ax = plot_matrix(week_line())
    assert cell_colours(ax) == sorted(tuple(np.round(to_rgba(c), 3)) for c in HEATMAP_COLOURS)


def test_the_matrix_holds_each_hour_s_majority_state() -> None:
    """Monday 09-11 active, Monday 12:00 mostly nobody online (10 minutes active), Tuesday 10:00
    nobody online, nights and the weekend outside hours."""
    codes = state_matrix(week_line())
    assert codes.shape == (7, 24)
    assert codes[0][9] == codes[0][11] == 2
    assert codes[0][12] == 1
    assert codes[1][10] == 1
    assert codes[0][8] == codes[5][12] == codes[6][3] == 0
    assert set(np.unique(codes)) == {0, 1, 2}


def test_labels_title_and_legend() -> None:
    """Weekday and hour labels in the Page's zone, the Page's name and the period in the title,
    and a legend naming the three states."""
    ax = week_line().plot()
    assert ax.get_title() == "Acme Bakery, Mon 23 Nov 2026 to Sun 29 Nov 2026"
    assert ax.get_xlabel() == "hour of the day (Europe/Berlin)"
    assert ax.get_ylabel() == "weekday"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"{h:02d}" for h in range(24)]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == list(HEATMAP_STATES)
    handles = getattr(legend, "legend_handles", None) or legend.legendHandles  # the name before 3.7
    faces = [to_rgba(h.get_facecolor()) for h in handles]
    assert faces == [to_rgba(c) for c in HEATMAP_COLOURS]


def test_it_renders_to_png() -> None:
    """The figure renders with the Agg backend to a PNG file."""
    ax = week_line().plot()
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png")
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_colours_stay_apart_without_hue() -> None:
    """The three colours differ in lightness too, so they stay apart in grey and for colour-blind eyes."""
    lightness = sorted(0.2126 * r + 0.7152 * g + 0.0722 * b for r, g, b, _ in map(to_rgba, HEATMAP_COLOURS))
    assert all(b - a > 0.15 for a, b in zip(lightness, lightness[1:]))


def test_hours_outside_the_period_are_left_blank_and_named() -> None:
    """A one-day timeline leaves the other weekdays blank, and the legend says so."""
    line = pa.Timeline.build(bakery(), MONDAY, MONDAY + timedelta(days=1))
    ax = line.plot()
    codes = state_matrix(line)
    assert (codes[1:] == -1).all()
    assert np.ma.getmaskarray(ax.images[0].get_array())[1:].all()
    assert ax.get_legend().get_texts()[-1].get_text() == "not in the period"
    assert ax.get_title() == "Acme Bakery, Mon 23 Nov 2026"


def test_it_draws_on_the_axes_given() -> None:
    """With an Axes given, the heatmap is drawn there and that Axes comes back."""
    _, ax = plt.subplots()
    assert plot_matrix(week_line(), ax) is ax
    assert len(ax.images) == 1


def test_a_timeline_without_a_name_is_titled_by_its_page_id() -> None:
    """A Timeline made by hand, without a name, is titled by the Page's id."""
    line = week_line()
    bare = pa.Timeline(line.page, line.start, line.end, line.segments)
    assert bare == line  # the name takes no part in comparisons
    assert plot_matrix(bare).get_title().startswith("acme-bakery, ")


@pytest.mark.parametrize("ax", [1, "ax", object()])
def test_what_is_not_an_axes_is_refused(ax: object) -> None:
    """Anything but None or a matplotlib Axes is refused with the library's error."""
    with pytest.raises(pa.InvalidValueError, match="'ax' must be None"):
        plot_matrix(week_line(), ax)


def comparison(**kwargs: Any) -> pa.Comparison:
    """Office hours against office hours with evenings, anna online the whole week."""
    online = [pa.Session("anna", "web", WEEK[0], WEEK[1])]
    office = pa.Timeline.build(bakery().compile(online), *WEEK)
    evenings = pa.Timeline.build(bakery("Mo-Fr 09:00-20:00").compile(online), *WEEK)
    return office.compare(evenings, labels=("office", "evenings"), **kwargs)


def test_the_difference_plot_names_the_sides() -> None:
    """The difference plot shows the second side minus the first by weekday and hour, titled by the labels."""
    ax = comparison().plot()
    assert ax.get_title() == "evenings minus office: active hours by weekday and hour"
    data = ax.images[0].get_array()
    assert data[0][18] == pytest.approx(1.0)  # Monday 18:00 is new
    assert data[0][10] == 0.0
    assert data[5].sum() == 0.0  # Saturday: no change
    assert ax.get_yticklabels()[0].get_text() == "Mon"
    colorbar = ax.figure.axes[-1]
    assert colorbar.get_ylabel() == "difference in active hours"


def test_the_difference_of_conversations_needs_a_forecast() -> None:
    """Conversations by hour are drawn when the comparison has them, and refused clearly when not."""
    ax = plot_difference(comparison(visits_per_hour=100, click_rate=0.1), value="conversations")
    assert ax.images[0].get_array()[0][18] == pytest.approx(10.0)
    with pytest.raises(pa.InvalidValueError, match="no conversations by weekday and hour"):
        plot_difference(comparison(), value="conversations")
    with pytest.raises(pa.InvalidValueError, match="'value' must be"):
        plot_difference(comparison(), value="prompts")
