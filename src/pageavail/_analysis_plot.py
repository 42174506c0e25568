"""Pictures: the week as a heatmap of three states, and a comparison's difference by weekday and
hour. Needs matplotlib (the ``plot`` extra)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Tuple

from ._analysis_arrays import _numpy, _timeline
from ._analysis_frames import _DAY_NAMES, _comparison, difference_frame
from .errors import InvalidValueError, PageAvailError
from .rules import Status
from .timeline import Comparison, Timeline

#: The three states of the heatmap, in code order (:func:`state_matrix`): away
#: by hand and messaging switched off count as outside hours.
HEATMAP_STATES: Tuple[str, ...] = ("outside hours or away", "in hours, nobody online", "active")
#: Their colours: light grey, and orange and blue of the Okabe–Ito palette, which
#: stay apart for every common colour-vision deficiency and in lightness alone.
HEATMAP_COLOURS: Tuple[str, ...] = ("#D9D9D9", "#E69F00", "#0072B2")
_NOT_COVERED = ("not in the period", "#FFFFFF")


def _state(status: Status) -> int:
    if status is Status.ACTIVE:
        return 2
    if status is Status.OFFLINE:  # within hours, not away, nobody who can answer online
        return 1
    return 0  # away (outside hours or by hand) or messaging off


def state_matrix(timeline: Timeline) -> Any:
    """The state of each local weekday-hour: 7 rows (Mo…Su) of 24 codes.

    The codes index :data:`HEATMAP_STATES`: 0 outside hours (or away by hand,
    or messaging off), 1 within hours but nobody who can answer online, 2
    active; -1 marks weekday-hours the period does not cover. An hour that
    holds several states over the period gets the one that fills most of its
    time (ties go to the later state, so a half-active hour is active).

    Raises:
        InvalidValueError: the timeline covers more than ``MAX_HOURS`` hours.
    """
    np = _numpy()
    _timeline(timeline)
    seconds = np.zeros((7, 24, 3))
    for hour, spent, segment in timeline._pieces():
        seconds[hour.weekday(), hour.hour, _state(segment.status)] += spent
    codes = 2 - np.argmax(seconds[:, :, ::-1], axis=2)
    return np.where(seconds.sum(axis=2) > 0, codes, -1).astype(np.int8)


def _matplotlib(ax: Any) -> Any:
    """pyplot, after checking *ax* (None or an Axes)."""
    try:
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes
    except ImportError:  # pragma: no cover - depends on the installation
        raise PageAvailError("plots need matplotlib: pip install 'pageavail[plot]'") from None
    if ax is not None and not isinstance(ax, Axes):
        raise InvalidValueError._for("ax", "None (a new figure) or a matplotlib Axes", ax)
    return plt


def _period(timeline: Timeline) -> str:
    """The period in a few words: whole local days as dates, else with times."""
    start, end = timeline.start, timeline.end
    midnight = all((m.hour, m.minute, m.second, m.microsecond) == (0, 0, 0, 0) for m in (start, end))
    if midnight and end > start:
        last = (end - timedelta(days=1)).date()
        if last == start.date():
            return f"{start:%a %d %b %Y}"
        return f"{start:%a %d %b %Y} to {last:%a %d %b %Y}"
    return f"{start:%a %d %b %Y %H:%M} to {end:%a %d %b %Y %H:%M}"


def _week_axes(ax: Any, zone: str) -> None:
    """Weekday and hour ticks, labels and white lines between the cells."""
    np = _numpy()
    ax.set_yticks(range(7))
    ax.set_yticklabels(list(_DAY_NAMES))
    ax.set_xticks(range(24))
    ax.set_xticklabels([f"{h:02d}" for h in range(24)], fontsize=8)
    ax.set_xticks(np.arange(-0.5, 24, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, 7, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel(f"hour of the day ({zone})")
    ax.set_ylabel("weekday")


def plot_matrix(timeline: Timeline, ax: Any = None) -> Any:
    """A heatmap of the week: outside hours, in hours but nobody online, active.

    Each local weekday-hour is drawn in the colour of its state
    (:func:`state_matrix`, colours :data:`HEATMAP_COLOURS`, colour-blind
    safe), with a legend, weekday and hour labels in the Page's zone, and the
    Page's name and the period in the title. Needs matplotlib.

    Args:
        timeline: the timeline to draw.
        ax: the matplotlib Axes to draw on; None: a new figure.

    Returns:
        The matplotlib Axes, to adjust or save.

    Raises:
        InvalidValueError: *ax* is neither None nor a matplotlib Axes, or the
            timeline covers more than ``MAX_HOURS`` hours.
    """
    _timeline(timeline)
    plt = _matplotlib(ax)
    np = _numpy()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    codes = state_matrix(timeline)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 3.4), layout="constrained")
    colours = ListedColormap(list(HEATMAP_COLOURS)).with_extremes(bad=_NOT_COVERED[1])
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5], 3)
    ax.imshow(np.ma.masked_less(codes, 0), aspect="auto", cmap=colours, norm=norm, interpolation="nearest")
    zone = str(getattr(timeline.start.tzinfo, "key", None) or timeline.start.tzinfo)
    _week_axes(ax, zone)
    ax.set_title(f"{timeline.name or timeline.page}, {_period(timeline)}")
    handles = [
        Patch(facecolor=colour, edgecolor="#808080", label=label)
        for label, colour in zip(HEATMAP_STATES, HEATMAP_COLOURS)
    ]
    if (codes < 0).any():
        handles.append(Patch(facecolor=_NOT_COVERED[1], edgecolor="#808080", label=_NOT_COVERED[0]))
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax


def plot_difference(comparison: Comparison, ax: Any = None, value: str = "active_hours") -> Any:
    """A heatmap of the difference by weekday and hour (second minus first); returns the Axes.

    The diverging palette (ColorBrewer ``RdBu``, colour-blind safe) is centred
    on no difference: blue where the second side has more, red where less.

    Raises:
        InvalidValueError: *ax* is neither None nor a matplotlib Axes, or a bad
            *value* (see :func:`difference_frame`).
    """
    _comparison(comparison)
    plt = _matplotlib(ax)
    frame = difference_frame(comparison, value)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 3.4), layout="constrained")
    largest = float(abs(frame.to_numpy()).max()) or 1.0
    image = ax.imshow(
        frame.to_numpy(), aspect="auto", cmap="RdBu", vmin=-largest, vmax=largest, interpolation="nearest"
    )
    _week_axes(ax, "local")
    first, second = comparison.sides
    what = value.replace("_", " ")
    ax.set_title(f"{second} minus {first}: {what} by weekday and hour")
    ax.figure.colorbar(image, ax=ax, label=f"difference in {what}")
    return ax
